package search

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzNormalize checks the tokens of any text: never empty, folded forms
// without marks, and a token's word normalising to itself.
func FuzzNormalize(f *testing.F) {
	for _, tc := range loadNormalizeCases(f) {
		f.Add(tc.Lang, tc.Input)
	}
	f.Fuzz(func(t *testing.T, lang, s string) {
		if lang != "fr" && lang != "en" {
			lang = "fr"
		}
		for _, tok := range Normalize(lang, s) {
			if tok.Word == "" || tok.Fold == "" || tok.Term == "" || !utf8.ValidString(tok.Word) {
				t.Fatalf("%q: empty or invalid token %+v", s, tok)
			}
			if strings.ContainsFunc(tok.Fold, func(c rune) bool { return unicode.Is(unicode.Mn, c) }) {
				t.Fatalf("%q: fold %q keeps a mark", s, tok.Fold)
			}
			again := Normalize(lang, tok.Word)
			if len(again) != 1 || again[0] != tok {
				t.Fatalf("%q: token %+v normalises again to %+v", s, tok, again)
			}
		}
	})
}

// FuzzIndex builds an index of one chapter and searches each of its words:
// every word must find the chapter, whose text the pack gives back.
func FuzzIndex(f *testing.F) {
	for _, tc := range loadNormalizeCases(f) {
		f.Add(tc.Lang, tc.Input)
	}
	f.Fuzz(func(t *testing.T, lang, s string) {
		if lang != "fr" && lang != "en" {
			lang = "fr"
		}
		files := buildWith(NewBuilder(), lang, "x", []Doc{{Slug: "a", Title: "t", URL: lang + "/a/", Sections: []Section{{Anchor: "s", Text: s}}}}, targets{64, 1 << 20}).Files()
		toks := Normalize(lang, s)
		for i, tok := range toks {
			if i == 8 {
				break
			}
			ix, err := openRef(files)
			if err != nil {
				t.Fatal(err)
			}
			res, err := ix.search(tok.Word)
			if err != nil {
				t.Fatal(err)
			}
			if len(res) != 1 {
				t.Fatalf("%q: searching its word %q finds %d chapters", s, tok.Word, len(res))
			}
			if h, text, err := ix.text(res[0].doc, res[0].section); err != nil || h.Slug != "a" || text != norm.NFC.String(s) {
				t.Fatalf("%q: text of the result: %+v %q, %v", s, h, text, err)
			}
		}
	})
}
