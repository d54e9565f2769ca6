// Package slug folds human text (headings, tags) into the ASCII identifiers
// the site uses in ids and URLs: "3. Exemples concrets" -> "3-exemples-concrets".
// Folding forgives accents, so readers and authors who type without them
// still reach the same anchor.
package slug

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s with accents removed, lowercased, letters a-z and digits
// 0-9 kept, and every other run of characters turned into one hyphen, with
// no hyphen at either end. Letters that do not decompose into a base letter
// and a mark are spelled out (œ -> oe, æ -> ae, ß -> ss, ø -> o, ł -> l).
// Letters outside the Latin alphabet are separators. Fold returns "" when
// nothing is left; callers choose their fallback.
//
// Compatibility decomposition (NFKD) is used rather than plain NFD so that
// typographic ligatures and variants (ﬁ, ², full-width letters) fold to
// their ASCII letters too.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	hyphen := false // a separator is pending
	emit := func(str string) {
		if hyphen && b.Len() > 0 {
			b.WriteByte('-')
		}
		hyphen = false
		b.WriteString(str)
	}
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			// A combining mark belongs to the letter before it: dropping
			// it must not split the word.
			continue
		}
		r = unicode.ToLower(r)
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			emit(string(r))
		default:
			if sp, ok := special(r); ok {
				emit(sp)
				continue
			}
			hyphen = true
		}
	}
	return b.String()
}

// special spells out the lowercase Latin letters that Unicode does not
// decompose into an ASCII base letter and combining marks.
func special(r rune) (string, bool) {
	switch r {
	case 'œ':
		return "oe", true
	case 'æ':
		return "ae", true
	case 'ß', 'ẞ':
		return "ss", true
	case 'ø':
		return "o", true
	case 'ł':
		return "l", true
	case 'đ', 'ð':
		return "d", true
	case 'þ':
		return "th", true
	case 'ı':
		return "i", true
	case 'ħ':
		return "h", true
	case 'ŋ':
		return "ng", true
	case 'ĸ':
		return "k", true
	case 'ſ':
		return "s", true
	}
	return "", false
}
