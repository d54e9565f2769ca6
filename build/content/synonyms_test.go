package content

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"example.com/handbook/build/diag"
)

func TestParseSynonyms(t *testing.T) {
	const file = "content/search-synonyms.fr.txt"
	tests := []struct {
		name   string
		in     string
		groups [][]string
		diags  []string
	}{
		{"groups and comments", "# médias\nréseaux sociaux, médias sociaux\n\n  hypertrucage ,deepfake  # anglicisme\n", [][]string{{"réseaux sociaux", "médias sociaux"}, {"hypertrucage", "deepfake"}}, nil},
		{"BOM, CRLF, spaces inside", "\ufeffétat  d'esprit,\tmindset\r\n", [][]string{{"état d'esprit", "mindset"}}, nil},
		{"one member", "loi 25\nloi, règle\n", [][]string{{"loi", "règle"}}, []string{file + ":1: a group needs two or more members"}},
		{"empty member", "a,,b\n", nil, []string{file + ":1: empty member"}},
		{"member twice", "a, b\nB, c, d\n", [][]string{{"a", "b"}, {"c", "d"}}, []string{file + `:2: warning: "B" is already on line 1`}},
		{"not UTF-8", "caf\xe9, coffee\n", nil, []string{file + ": not UTF-8"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var d diag.List
			s := parseSynonyms(file, []byte(tc.in), &d)
			if !reflect.DeepEqual(s.Groups, tc.groups) {
				t.Errorf("groups %q, want %q", s.Groups, tc.groups)
			}
			if len(d) != len(tc.diags) {
				t.Fatalf("diagnostics %v, want %v", d, tc.diags)
			}
			for i, want := range tc.diags {
				if got := d[i].String(); !strings.HasPrefix(got, want) {
					t.Errorf("diagnostic %q, want it to start with %q", got, want)
				}
			}
		})
	}
}

// TestLoadSynonyms checks that Load reads the synonyms of the handbook's
// languages and only those, and says so of the others.
func TestLoadSynonyms(t *testing.T) {
	chapter := "---\ntitle: T\nowner: Communications\n---\nTexte.\n"
	fsys := fstest.MapFS{
		"content/handbook.yaml":                 {Data: []byte("title: {fr: T, en: T}\nlanguages: [fr, en]\nid: x\nbase_url: https://example.com/\n")},
		"content/search-synonyms.fr.txt":        {Data: []byte("réseaux sociaux, médias sociaux\n")},
		"content/search-synonyms.de.txt":        {Data: []byte("a, b\n")},
		"content/2025.1/_edition.fr.md":         {Data: []byte("---\ndate: 2025-01-01\n---\n")},
		"content/2025.1/_edition.en.md":         {Data: []byte("---\ndate: 2025-01-01\n---\n")},
		"content/2025.1/01-etat-d-esprit.fr.md": {Data: []byte(chapter)},
		"content/2025.1/01-etat-d-esprit.en.md": {Data: []byte(chapter)},
	}
	h, d := Load(fsys, LoadOptions{Today: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if d.HasErrors() {
		t.Fatal(d)
	}
	if got := h.Synonyms["fr"]; got == nil || got.File != SynonymsFile("fr") || !reflect.DeepEqual(got.Groups, [][]string{{"réseaux sociaux", "médias sociaux"}}) {
		t.Errorf("fr synonyms %+v", got)
	}
	if h.Synonyms["de"] != nil || h.Synonyms["en"] != nil {
		t.Errorf("synonyms of other languages: %v", h.Synonyms)
	}
	found := false
	for _, x := range d {
		found = found || x.Path == SynonymsFile("de") && x.Warning
	}
	if !found {
		t.Errorf("no warning for the German file: %v", d)
	}
}
