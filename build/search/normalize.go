package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Token is one word of a text or a query after normalisation.
type Token struct {
	// Word is the word in lower case, NFC, accents kept, elision removed:
	// the dictionary key, and what an exact match compares.
	Word string `json:"word"`
	// Fold is Word without accents ("état" -> "etat"): prefixes and typos
	// compare it.
	Fold string `json:"fold"`
	// Term is Fold lightly stemmed ("réseaux" -> "reseau"): plural and
	// feminine forms share it.
	Term string `json:"term"`
	// Stop is set on stop words.
	Stop bool `json:"stop,omitempty"`
}

// Normalize splits s into the tokens the index and the browser compare,
// applying the rules of lang (see Rules). Languages without rules are only
// lower-cased and folded.
func Normalize(lang, s string) []Token {
	var out []Token
	newNormalizer(DefaultRules(), lang).each(s, func(t Token) { out = append(out, t) })
	return out
}

// normalizer is Rules compiled for one language.
type normalizer struct {
	apostrophes, notWord string
	lower, fold          map[rune]string
	elisions, clitics    map[string]bool
	stop                 map[string]bool
	stem                 [][]StemRule
	// seen caches token by the word as written: a handbook repeats its
	// words, so Build normalises each spelling once. Nil: no cache.
	seen map[string]Token
}

func newNormalizer(r *Rules, lang string) *normalizer {
	runes := func(m map[string]string) map[rune]string {
		out := make(map[rune]string, len(m))
		for k, v := range m {
			c, _ := utf8.DecodeRuneInString(k)
			out[c] = v
		}
		return out
	}
	set := func(words []string) map[string]bool {
		out := make(map[string]bool, len(words))
		for _, w := range words {
			out[w] = true
		}
		return out
	}
	lr := r.Langs[lang]
	return &normalizer{
		apostrophes: r.Apostrophes, notWord: r.NotWord,
		lower: runes(r.Lower), fold: runes(r.Fold),
		elisions: set(lr.Elisions), clitics: set(lr.Clitics), stop: set(lr.Stop),
		stem: lr.Stem,
	}
}

// isWord reports whether c belongs to a word: letters, marks and digits.
func (n *normalizer) isWord(c rune) bool {
	return (unicode.IsLetter(c) || unicode.IsMark(c) || unicode.IsNumber(c)) && !strings.ContainsRune(n.notWord, c)
}

// each calls emit for every token of s, in order.
func (n *normalizer) each(s string, emit func(Token)) {
	s = norm.NFC.String(s)
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		if !n.isWord(c) {
			i += size
			continue
		}
		j := i + size
		for j < len(s) {
			c, size := utf8.DecodeRuneInString(s[j:])
			if !n.isWord(c) {
				break
			}
			j += size
		}
		t := n.token(s[i:j])
		switch {
		case t.Fold == "": // a lone combining mark
		case n.elisions[t.Fold] && n.apostropheThenWord(s[j:]):
		case n.clitics[t.Fold] && n.wordThenApostrophe(s[:i]):
		default:
			emit(t)
		}
		i = j
	}
}

// apostropheThenWord reports whether rest starts with an apostrophe
// followed by a word character.
func (n *normalizer) apostropheThenWord(rest string) bool {
	c, size := utf8.DecodeRuneInString(rest)
	if size == 0 || !strings.ContainsRune(n.apostrophes, c) {
		return false
	}
	c, size = utf8.DecodeRuneInString(rest[size:])
	return size > 0 && n.isWord(c)
}

// wordThenApostrophe reports whether before ends with a word character
// followed by an apostrophe.
func (n *normalizer) wordThenApostrophe(before string) bool {
	c, size := utf8.DecodeLastRuneInString(before)
	if size == 0 || !strings.ContainsRune(n.apostrophes, c) {
		return false
	}
	c, size = utf8.DecodeLastRuneInString(before[:len(before)-size])
	return size > 0 && n.isWord(c)
}

// token normalises one word as written in the text.
func (n *normalizer) token(raw string) Token {
	if t, ok := n.seen[raw]; ok {
		return t
	}
	t := n.tokenUncached(raw)
	if n.seen != nil {
		n.seen[raw] = t
	}
	return t
}

func (n *normalizer) tokenUncached(raw string) Token {
	word := n.lowerWord(raw)
	fold := n.foldWord(word)
	term := fold
	if isASCIILower(fold) {
		term = stemWord(fold, n.stem)
	}
	return Token{Word: word, Fold: fold, Term: term, Stop: n.stop[fold]}
}

func (n *normalizer) lowerWord(raw string) string {
	w := strings.ToLower(raw)
	if isASCII(w) {
		return w
	}
	var b strings.Builder
	for _, c := range w {
		if r, ok := n.lower[c]; ok {
			b.WriteString(r)
		} else {
			b.WriteRune(c)
		}
	}
	// Lower-casing can undo NFC ("\u03aa\u0301" lowers to a letter that
	// composes with the accent), so compose again, as the JS client does.
	return norm.NFC.String(b.String())
}

// foldWord drops accents: compatibility decomposition (which also undoes
// ligatures such as "ﬁ" and full-width letters), every non-spacing mark
// removed, then the Fold table for letters without a decomposition.
func (n *normalizer) foldWord(w string) string {
	if isASCII(w) {
		return w
	}
	var b strings.Builder
	for _, c := range norm.NFKD.String(w) {
		if unicode.Is(unicode.Mn, c) {
			continue
		}
		if r, ok := n.fold[c]; ok {
			b.WriteString(r)
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// stemWord applies the stemming phases to an ASCII lower-case word.
func stemWord(w string, phases [][]StemRule) string {
	for _, phase := range phases {
		for _, r := range phase {
			if !strings.HasSuffix(w, r.S) {
				continue
			}
			base := w[:len(w)-len(r.S)]
			if len(base) < r.M || strings.Contains(r.F, "v") && !strings.ContainsAny(base, "aeiouy") {
				continue
			}
			w = base + r.R
			if strings.Contains(r.F, "u") && len(w) >= 4 && w[len(w)-1] == w[len(w)-2] && !strings.ContainsRune("aeiouylsz", rune(w[len(w)-1])) {
				w = w[:len(w)-1]
			}
			break
		}
	}
	return w
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isASCIILower(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return s != ""
}
