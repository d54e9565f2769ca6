package i18n

import (
	"fmt"
	"strconv"
)

// Plural writes a counted message: the form chosen by the language's rule,
// with the count written in the language's style.
//
//	fr: Plural("words_added", 1) -> "1 mot ajouté"; 0 and 1 are singular
//	fr: Plural("words_added", 3) -> "3 mots ajoutés"
//	en: Plural("words_added", 0) -> "0 words added"
//
// A key that is not a counted message falls back to T.
func (c *Catalog) Plural(key string, n int) string {
	p, ok := c.t.plurals[key]
	if !ok {
		return c.T(key)
	}
	return fmt.Sprintf(p[c.form(n)], c.Number(n))
}

// PluralForms returns the singular and plural formats of a counted key
// ("%s mot ajouté", "%s mots ajoutés"), for scripts that count on the
// client (search results). The singular applies to 0 and 1 in French, to 1
// only in English; "%s" stands for the count. Both are "" for a key that
// is not counted.
func (c *Catalog) PluralForms(key string) (one, other string) {
	p := c.t.plurals[key]
	return p[0], p[1]
}

// form returns 0 (singular) or 1 (plural) for n under the catalog's rule.
func (c *Catalog) form(n int) int {
	if c.Lang == "fr" {
		if n == 0 || n == 1 || n == -1 {
			return 0
		}
		return 1
	}
	if n == 1 || n == -1 {
		return 0
	}
	return 1
}

// Number writes n with the language's thousands separator: a no-break
// space in French ("12 345"), a comma in English ("12,345").
func (c *Catalog) Number(n int) string {
	sep := ","
	if c.Lang == "fr" {
		sep = "\u00a0"
	}
	s := strconv.Itoa(n)
	neg := ""
	if s[0] == '-' {
		neg, s = "-", s[1:]
	}
	if len(s) <= 3 {
		return neg + s
	}
	out := make([]byte, 0, len(s)+len(s)/3*len(sep))
	lead := len(s) % 3
	if lead == 0 {
		lead = 3
	}
	out = append(out, s[:lead]...)
	for i := lead; i < len(s); i += 3 {
		out = append(out, sep...)
		out = append(out, s[i:i+3]...)
	}
	return neg + string(out)
}
