package search

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestIndexRoundTrip decodes every file Build writes and checks it holds
// exactly what the analysis found, in the shard the directory points to.
func TestIndexRoundTrip(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		docs := loadFixture(t, lang)
		for _, target := range []int{shardTarget, 300} {
			t.Run(fmt.Sprintf("%s/%d", lang, target), func(t *testing.T) {
				files := build(lang, "2025.1", docs, target).Files()
				ix, err := openRef(files)
				if err != nil {
					t.Fatal(err)
				}
				if ix.dir.Lang != lang || ix.dir.Edition != "2025.1" || ix.dir.Scale != weightScale || len(ix.dir.Docs) != len(docs) {
					t.Fatalf("directory %+v", ix.dir)
				}
				if target == 300 && len(ix.dir.Shards) < 5 {
					t.Fatalf("%d shards with a 300-byte target: the split is not exercised", len(ix.dir.Shards))
				}
				if !slices.IsSorted(ix.dir.Shards) || ix.dir.Shards[0] != "" {
					t.Errorf("shard keys %q: want ascending from \"\"", ix.dir.Shards)
				}
				got := map[string][]posting{}
				for k := range ix.dir.Shards {
					name := "s/" + strconv.Itoa(k) + ".bin"
					if len(files[name]) != ix.dir.Sizes[k] {
						t.Errorf("%s: %d bytes, directory says %d", name, len(files[name]), ix.dir.Sizes[k])
					}
					words, err := ix.shard(name)
					if err != nil {
						t.Fatal(err)
					}
					for _, w := range words {
						if h := ix.holder(w.fold); h != k {
							t.Errorf("%q is in shard %d; the directory points to %d", w.word, k, h)
						}
						if DefaultRules().Langs[lang].Stop != nil && slices.Contains(DefaultRules().Langs[lang].Stop, w.fold) {
							t.Errorf("stop word %q outside the stop shard", w.word)
						}
						got[w.word] = w.postings
					}
				}
				stops, err := ix.shard("s/stop.bin")
				if err != nil {
					t.Fatal(err)
				}
				for _, w := range stops {
					got[w.word] = w.postings
				}
				want := map[string][]posting{}
				for _, e := range analyse(lang, docs).entries {
					want[e.word] = e.postings
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("decoded postings differ from the analysis (%d words decoded, %d analysed)", len(got), len(want))
				}
				for d, doc := range docs {
					for k := range max(1, len(doc.Sections)) {
						tf, err := ix.text(d, k)
						if err != nil {
							t.Fatal(err)
						}
						summary := doc.Summary
						if k > 0 {
							summary = ""
						}
						if tf.Slug != doc.Slug || tf.Title != doc.Title || tf.URL != doc.URL || tf.Summary != summary || len(tf.Headings) != len(doc.Sections) {
							t.Errorf("t/%d/%d.json: %+v", d, k, tf)
						}
						if len(doc.Sections) > 0 && (tf.Text != doc.Sections[k].Text || tf.Headings[k] != [2]string{doc.Sections[k].Anchor, doc.Sections[k].Heading}) {
							t.Errorf("t/%d/%d.json: section %q %q", d, k, tf.Headings[k], tf.Text)
						}
					}
				}
			})
		}
	}
}

// TestShardingKeepsRanking checks that cutting the dictionary into many
// shards changes nothing for queries without typos: every word of the same
// stem, and every completion, is found in the shards a word loads.
func TestShardingKeepsRanking(t *testing.T) {
	queries := map[string][]string{
		"fr": {"netiq", "réseaux sociaux", "règles", "la loi", "publication", "mots de passe", "porte parole", "consentements", "modérateur", "officielles", "pi"},
		"en": {"netiq", "policies", "passwords", "shared", "spokespeople", "accredited", "the", "hacking"},
	}
	for lang, qs := range queries {
		docs := loadFixture(t, lang)
		one, many := Build(lang, "x", docs).Files(), build(lang, "x", docs, 300).Files()
		for _, q := range qs {
			a, b := mustSearch(t, one, q), mustSearch(t, many, q)
			if !reflect.DeepEqual(a, b) {
				t.Errorf("%s %q: one shard gives %v, many give %v", lang, q, a, b)
			}
			if len(a) == 0 {
				t.Errorf("%s %q: no result", lang, q)
			}
		}
	}
}

func mustSearch(t *testing.T, files map[string][]byte, q string) []refResult {
	t.Helper()
	ix, err := openRef(files)
	if err != nil {
		t.Fatal(err)
	}
	res, err := ix.search(q)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestSplitShards(t *testing.T) {
	tests := []struct {
		name   string
		folds  []string
		target int
		want   []string // lo keys
	}{
		{"one shard", []string{"aa", "ab", "ba"}, 100, []string{""}},
		{"two-letter groups merged to the target", []string{"aa", "ab", "ba", "bb", "ca"}, 25, []string{"", "ba", "ca"}},
		{"a big group cut by three letters", []string{"abc", "abd", "abe", "acx", "bza", "bzb"}, 25, []string{"", "abe", "ac", "bz"}},
		{"one word bigger than the target", []string{"aa", "ab", "ac"}, 5, []string{"", "ab", "ac"}},
		{"letters beyond ASCII", []string{"éa", "éb", "éta", "étb", "ž"}, 15, []string{"", "éb", "éta", "étb", "ž"}},
		{"short words", []string{"a", "ab", "abc", "abd"}, 15, []string{"", "ab", "abc", "abd"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			entries := make([]entry, len(tc.folds))
			enc := make([][]byte, len(tc.folds))
			for i, f := range tc.folds {
				entries[i] = entry{word: f, fold: f}
				enc[i] = make([]byte, 10)
			}
			var got []string
			next := 0
			for _, s := range splitShards(entries, enc, tc.target) {
				if s.from != next || s.to <= s.from {
					t.Fatalf("shard %+v does not follow the previous one", s)
				}
				next = s.to
				got = append(got, s.lo)
			}
			if next != len(entries) {
				t.Errorf("shards end at %d of %d entries", next, len(entries))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("keys %q, want %q", got, tc.want)
			}
		})
	}
}

func TestBuildEdgeCases(t *testing.T) {
	tests := []struct {
		name string
		docs []Doc
		q    string
		want int // results
	}{
		{"no chapters", nil, "loi", 0},
		{"chapter without sections", []Doc{{Slug: "a", Title: "La loi", URL: "fr/a/"}}, "loi", 1},
		{"only stop words", []Doc{{Slug: "a", Title: "La", URL: "fr/a/", Sections: []Section{{Text: "et de la"}}}}, "la", 1},
		{"empty texts", []Doc{{Slug: "a", URL: "fr/a/", Sections: []Section{{}, {Anchor: "x"}}}}, "loi", 0},
		{"invalid UTF-8", []Doc{{Slug: "a", Title: "lo\xffi loi", URL: "fr/a/", Sections: []Section{{Text: "\xc3"}}}}, "loi", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := Build("fr", "x", tc.docs).Files()
			var dir directory
			if err := json.Unmarshal(files["index.json"], &dir); err != nil {
				t.Fatal(err)
			}
			if res := mustSearch(t, files, tc.q); len(res) != tc.want {
				t.Errorf("%q: %d results, want %d", tc.q, len(res), tc.want)
			}
			for name, b := range files {
				if strings.HasSuffix(name, ".json") && !json.Valid(b) {
					t.Errorf("%s: invalid JSON", name)
				}
			}
			for d, doc := range tc.docs {
				if _, ok := files[fmt.Sprintf("t/%d/0.json", d)]; !ok {
					t.Errorf("chapter %s has no text file", doc.Slug)
				}
			}
		})
	}
}

func TestEditionsManifest(t *testing.T) {
	got := string(EditionsManifest([]EditionEntry{
		{Lang: "fr", Edition: "2025.1", Title: "Édition 2025.1", Date: "2025-01-06", Current: true, Dir: "search/fr-2025.1/"},
		{Lang: "fr", Edition: "2024.1", Title: "Édition <2024>", Date: "2024-01-08", Dir: "search/fr-2024.1/"},
	}))
	want := `[{"lang":"fr","edition":"2025.1","title":"Édition 2025.1","date":"2025-01-06","current":true,"dir":"search/fr-2025.1/"},` +
		`{"lang":"fr","edition":"2024.1","title":"Édition <2024>","date":"2024-01-08","current":false,"dir":"search/fr-2024.1/"}]`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := string(EditionsManifest(nil)); got != "[]" {
		t.Errorf("no edition: %s", got)
	}
}
