package i18n

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// briefKeys are the keys the layouts need; every translated language must
// define them.
var briefKeys = []string{
	"skip_to_content", "search", "search_placeholder", "search_label", "search_submit",
	"search_no_js", "search_results_count", "search_no_results", "search_all_editions",
	"search_this_edition", "contents", "home", "editions", "edition", "current_edition",
	"in_force_since", "in_force_from", "draft", "draft_banner", "upcoming_banner",
	"past_banner", "read_current_wording", "chapter_removed", "chapter_renamed", "history",
	"changes", "what_changed", "redline", "no_text_change", "unchanged_since", "metadata_changes",
	"words_added", "words_removed", "added", "removed", "renamed", "changed", "unchanged",
	"new_chapter", "first_edition_all_new", "owner", "approved_by", "effective",
	"review_by", "audience", "tags", "tag", "all_tags", "suggest_change", "print",
	"print_edition", "subscribe", "feeds", "feed_rss", "feed_atom", "chapter_feed", "copy",
	"copied", "previous_chapter", "next_chapter", "on_this_page", "release_notes",
	"language_switch", "not_found_title", "not_found_text", "theme_toggle", "theme_dark",
	"theme_light", "changed_since_visit", "translation_drift", "reference_text",
	"inserted", "deleted", "noscript_search", "menu",
}

var translated = []string{"fr", "en"}

// verbs matches fmt verbs, so translations can be checked to take the same
// arguments.
var verbs = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)

func TestKeyParity(t *testing.T) {
	fr, en := For("fr"), For("en")
	if !slices.Equal(fr.Keys(), en.Keys()) {
		t.Fatalf("fr and en define different keys:\nonly fr: %v\nonly en: %v",
			minus(fr.Keys(), en.Keys()), minus(en.Keys(), fr.Keys()))
	}
	for _, key := range fr.Keys() {
		t.Run(key, func(t *testing.T) {
			_, frCounted := fr.t.plurals[key]
			_, enCounted := en.t.plurals[key]
			if frCounted != enCounted {
				t.Fatalf("counted in fr: %v, in en: %v", frCounted, enCounted)
			}
			frForms, enForms := forms(fr, key), forms(en, key)
			for i := range frForms {
				fv, ev := verbs.FindAllString(frForms[i], -1), verbs.FindAllString(enForms[i], -1)
				if !slices.Equal(fv, ev) {
					t.Errorf("fmt verbs differ: fr %q %v, en %q %v", frForms[i], fv, enForms[i], ev)
				}
				if frForms[i] == "" || enForms[i] == "" {
					t.Errorf("empty string: fr %q, en %q", frForms[i], enForms[i])
				}
			}
			if frCounted {
				for _, f := range frForms {
					if got := verbs.FindAllString(f, -1); !slices.Equal(got, []string{"%s"}) {
						t.Errorf("counted form %q must hold exactly one %%s, has %v", f, got)
					}
				}
			}
		})
	}
}

func forms(c *Catalog, key string) []string {
	if p, ok := c.t.plurals[key]; ok {
		return p[:]
	}
	return []string{c.t.strings[key]}
}

func minus(a, b []string) []string {
	var out []string
	for _, k := range a {
		if !slices.Contains(b, k) {
			out = append(out, k)
		}
	}
	return out
}

func TestRequiredKeys(t *testing.T) {
	for _, lang := range translated {
		c := For(lang)
		for _, key := range briefKeys {
			if !c.Has(key) {
				t.Errorf("%s: key %q missing", lang, key)
			}
		}
	}
}

func TestKeysSortedAndSnakeCase(t *testing.T) {
	snake := regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	keys := For("fr").Keys()
	if !slices.IsSorted(keys) {
		t.Error("Keys() is not sorted")
	}
	for _, k := range keys {
		if !snake.MatchString(k) {
			t.Errorf("key %q is not snake_case", k)
		}
	}
}

func TestT(t *testing.T) {
	tests := []struct {
		name, lang, key, want string
	}{
		{"fr plain", "fr", "search", "Recherche"},
		{"en plain", "en", "search", "Search"},
		{"fr inserted", "fr", "inserted", "insertion"},
		{"fr deleted", "fr", "deleted", "suppression"},
		{"en inserted", "en", "inserted", "inserted"},
		{"en deleted", "en", "deleted", "deleted"},
		{"fr switch names the other language", "fr", "language_switch", "English version"},
		{"en switch names the other language", "en", "language_switch", "Version française"},
		{"missing key returns the key", "fr", "no_such_key", "no_such_key"},
		{"counted key gives its plural form", "en", "words_added", "%s words added"},
		{"fallback language", "de", "search", "Search"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := For(tc.lang).T(tc.key); got != tc.want {
				t.Errorf("For(%q).T(%q) = %q, want %q", tc.lang, tc.key, got, tc.want)
			}
		})
	}
}

func TestTf(t *testing.T) {
	tests := []struct {
		name, lang, key string
		args            []any
		want            string
	}{
		{"fr edition", "fr", "edition", []any{"2025.1"}, "Édition 2025.1"},
		{"en edition", "en", "edition", []any{"2025.1"}, "Edition 2025.1"},
		{"fr past banner", "fr", "past_banner", []any{"2024.1"}, "Vous lisez l’édition 2024.1, qui n’est plus en vigueur."},
		{"fr in force since", "fr", "in_force_since", []any{"1er juillet 2010"}, "En vigueur depuis le 1er juillet 2010"},
		{"fr in force from", "fr", "in_force_from", []any{"6 juillet 2010"}, "En vigueur à partir du 6 juillet 2010"},
		{"fr drift", "fr", "translation_drift", []any{"2025.1"}, "Cette traduction ne reflète peut-être pas encore les modifications de l’édition 2025.1."},
		{"fr guillemets", "fr", "search_no_results", []any{"plainte"}, "Aucun résultat pour «\u00a0plainte\u00a0»."},
		{"en quotes", "en", "search_no_results", []any{"complaint"}, "No results for “complaint”."},
		{"fr tag colon", "fr", "tag", []any{"vie privée"}, "Mot-clé\u00a0: vie privée"},
		{"missing key ignores args", "en", "nope", []any{1}, "nope"},
		{"counted key", "fr", "words_added", []any{"x"}, "%s mots ajoutés"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := For(tc.lang).Tf(tc.key, tc.args...); got != tc.want {
				t.Errorf("Tf(%q) = %q, want %q", tc.key, got, tc.want)
			}
		})
	}
}

func TestFallback(t *testing.T) {
	de, en := For("de"), For("en")
	if de.Lang != "en" {
		t.Errorf(`For("de").Lang = %q, want "en" (the language of its strings)`, de.Lang)
	}
	if !slices.Equal(de.Keys(), en.Keys()) {
		t.Error("de does not have the English keys")
	}
	for _, k := range en.Keys() {
		if de.T(k) != en.T(k) {
			t.Errorf("de.T(%q) = %q, want English %q", k, de.T(k), en.T(k))
		}
	}
	d := time.Date(2010, time.July, 1, 0, 0, 0, 0, time.UTC)
	if got := de.Date(d); got != "July 1, 2010" {
		t.Errorf("de.Date = %q, want English", got)
	}
	if got := de.Plural("words_added", 0); got != "0 words added" {
		t.Errorf("de.Plural = %q, want the English rule", got)
	}
	for _, lang := range []string{"fr", "en"} {
		if !Supported(lang) {
			t.Errorf("Supported(%q) = false", lang)
		}
	}
	for _, lang := range []string{"de", "", "FR", "fr-CA"} {
		if Supported(lang) {
			t.Errorf("Supported(%q) = true", lang)
		}
	}
}

func TestLanguageName(t *testing.T) {
	tests := []struct{ lang, want string }{
		{"fr", "Français"},
		{"en", "English"},
		{"de", "de"},
		{"es", "es"},
	}
	for _, tc := range tests {
		t.Run(tc.lang, func(t *testing.T) {
			if got := LanguageName(tc.lang); got != tc.want {
				t.Errorf("LanguageName(%q) = %q, want %q", tc.lang, got, tc.want)
			}
		})
	}
}

// TestFrenchTypography checks the Quebec typography rules on every French
// string: no-break space before ':' and inside « », narrow no-break space
// before ; ! ?, curly apostrophes, no ordinary space where a no-break one
// belongs.
func TestFrenchTypography(t *testing.T) {
	fr := For("fr")
	for _, key := range fr.Keys() {
		for _, s := range forms(fr, key) {
			checkFrench(t, key, s)
		}
	}
}

func checkFrench(t *testing.T, key, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("%s: not UTF-8", key)
	}
	if strings.ContainsAny(s, "'\"") {
		t.Errorf("%s: %q has a straight quote or apostrophe", key, s)
	}
	if strings.Contains(s, "...") {
		t.Errorf("%s: %q: use … rather than three dots", key, s)
	}
	runes := []rune(s)
	for i, r := range runes {
		var prev, next rune
		if i > 0 {
			prev = runes[i-1]
		}
		if i+1 < len(runes) {
			next = runes[i+1]
		}
		switch r {
		case ':', '»':
			if prev != '\u00a0' {
				t.Errorf("%s: %q: %q must follow U+00A0", key, s, r)
			}
		case ';', '!', '?':
			if prev != '\u202f' {
				t.Errorf("%s: %q: %q must follow U+202F", key, s, r)
			}
		case '«':
			if next != '\u00a0' {
				t.Errorf("%s: %q: « must be followed by U+00A0", key, s)
			}
		}
	}
}

// TestEnglishTypography keeps English strings free of straight quotes and
// of the French spaces.
func TestEnglishTypography(t *testing.T) {
	en := For("en")
	for _, key := range en.Keys() {
		for _, s := range forms(en, key) {
			if strings.ContainsAny(s, "'\"\u00a0\u202f«»") {
				t.Errorf("%s: %q has straight quotes or French spacing", key, s)
			}
		}
	}
}
