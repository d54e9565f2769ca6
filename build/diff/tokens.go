package diff

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// tokKind is what a piece of text is to the comparison.
type tokKind uint8

const (
	// tokSpace is whitespace (and, for nodes, comments, scripts, empty
	// elements): shown, never compared.
	tokSpace tokKind = iota
	// tokWord is a run of letters and digits: compared and counted.
	tokWord
	// tokPunct is one punctuation mark or symbol: compared, not counted.
	tokPunct
	// tokAtom is an element shown whole (an image, a line break): compared
	// by its key, not counted.
	tokAtom
)

// splitText cuts s into whitespace runs, words and single punctuation
// marks, in order, and calls fn with each kind and its raw text. Combining
// marks stay with the character they follow; invisible format characters
// (soft hyphen, zero-width space) stay inside the word they sit in.
func splitText(s string, fn func(kind tokKind, raw string)) {
	start, cur := 0, tokKind(255)
	flush := func(end int) {
		if end > start {
			fn(cur, s[start:end])
		}
		start = end
	}
	for i, r := range s {
		var k tokKind
		switch {
		case isSpace(r):
			k = tokSpace
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			k = tokWord
		case unicode.IsMark(r) || unicode.Is(unicode.Cf, r):
			if i > start && cur != tokSpace {
				continue // joins the token in progress
			}
			k = tokWord
		default:
			k = tokPunct
		}
		if k != cur || k == tokPunct {
			flush(i)
			cur = k
		}
	}
	flush(len(s))
}

// isSpace reports whether r is whitespace to the comparison: Unicode white
// space, which takes in U+00A0 and U+202F.
func isSpace(r rune) bool { return unicode.IsSpace(r) }

// normText is the comparison key of a word or punctuation mark: typographic
// variants folded (’ to ', « » “ ” to ", – — to -), invisible format
// characters dropped, canonical composition (NFC) so that a decomposed
// "é" equals a composed one. Accents and case are kept: "é" and "e" differ.
func normText(raw string) string {
	ascii := true
	for i := 0; i < len(raw); i++ {
		if raw[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return raw
	}
	var b strings.Builder
	b.Grow(len(raw))
	for _, r := range raw {
		switch r {
		case '\u2019', '\u2018', '\u201a', '\u201b', '\u02bc', '\u2032':
			r = '\''
		case '\u00ab', '\u00bb', '\u201c', '\u201d', '\u201e', '\u201f', '\u2033', '\u2039', '\u203a':
			r = '"'
		case '\u2013', '\u2014', '\u2012', '\u2015', '\u2010', '\u2011':
			r = '-'
		}
		if unicode.Is(unicode.Cf, r) {
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}
