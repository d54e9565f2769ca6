// Package i18n holds the interface strings of the site (labels, banners,
// messages) and the way dates and counts are written, per language.
//
// French (Quebec usage) and English are translated. Any other language of a
// handbook gets the English strings: the content loader warns about it, and
// the pages still work. The tables are read-only; a Catalog is cheap to make
// and safe for concurrent use, so templates can call its methods directly:
//
//	{{ .I18n.T "search" }}
//	{{ .I18n.Tf "in_force_since" (.I18n.Date .Edition.Date) }}
//	{{ .I18n.Plural "words_added" .Added }}
package i18n

import (
	"fmt"
	"sort"
)

// table is the read-only set of strings of one language.
type table struct {
	lang string
	// strings are plain messages, possibly fmt formats ("Édition %s").
	strings map[string]string
	// plurals are counted messages: {one, other}, each a fmt format whose
	// single %s receives the language-formatted count.
	plurals map[string][2]string
}

// Catalog gives the interface strings and formats of one language.
type Catalog struct {
	// Lang is the language the strings are written in: "fr" or "en". It is
	// "en" for a language without a translation (For("de").Lang == "en"), so
	// a template can mark fallback text with the right lang attribute.
	Lang string
	t    *table
}

// For returns the catalog for lang: "fr" and "en" are translated; any other
// language gets English.
func For(lang string) *Catalog {
	t := tableFor(lang)
	return &Catalog{Lang: t.lang, t: t}
}

// Supported reports whether lang has its own interface strings. The content
// loader warns for languages that do not.
func Supported(lang string) bool {
	return lang == "fr" || lang == "en"
}

func tableFor(lang string) *table {
	if lang == "fr" {
		return &frTable
	}
	return &enTable
}

// T returns the string for key. A missing key returns the key itself, so a
// typo shows on the page instead of an empty space (and the tests of the
// layouts catch it through Keys). A counted key returns its plural form
// with the count placeholder; use Plural for those.
func (c *Catalog) T(key string) string {
	if s, ok := c.t.strings[key]; ok {
		return s
	}
	if p, ok := c.t.plurals[key]; ok {
		return p[1]
	}
	return key
}

// Tf formats the string for key with args, as fmt.Sprintf does
// (Tf("edition", "2025.1") -> "Édition 2025.1"). A missing key returns the
// key itself.
func (c *Catalog) Tf(key string, args ...any) string {
	s, ok := c.t.strings[key]
	if !ok {
		return c.T(key)
	}
	return fmt.Sprintf(s, args...)
}

// Has reports whether key is defined (as a plain or a counted string).
func (c *Catalog) Has(key string) bool {
	_, ok := c.t.strings[key]
	if !ok {
		_, ok = c.t.plurals[key]
	}
	return ok
}

// Keys returns every key of the catalog, plain and counted, sorted. Tests
// use it to check that the languages define the same keys and that the
// layouts only use defined ones.
func (c *Catalog) Keys() []string {
	keys := make([]string, 0, len(c.t.strings)+len(c.t.plurals))
	for k := range c.t.strings {
		keys = append(keys, k)
	}
	for k := range c.t.plurals {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// LanguageName returns the name of lang in that language ("fr" ->
// "Français", "en" -> "English"), for language switches; any other
// language is named by its code.
func LanguageName(lang string) string {
	switch lang {
	case "fr":
		return "Français"
	case "en":
		return "English"
	}
	return lang
}
