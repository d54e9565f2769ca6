package search

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/unicode/norm"
)

// TestIndexRoundTrip decodes every file Build writes and checks it holds
// exactly what the analysis found, in the shard the directory points to,
// and every chapter's head and section texts at the offsets the directory
// gives.
func TestIndexRoundTrip(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		docs := loadFixture(t, lang)
		for _, tg := range []targets{{shardTarget, inlineHeads}, {300, 0}, {300, 1 << 30}} {
			t.Run(fmt.Sprintf("%s/%d/%d", lang, tg.shard, tg.inline), func(t *testing.T) {
				files := buildWith(NewBuilder(), lang, "2025.1", docs, tg).Files()
				ix, err := openRef(files)
				if err != nil {
					t.Fatal(err)
				}
				if ix.path != IndexDir(lang, "2025.1") || ix.dir.Lang != lang || ix.dir.Edition != "2025.1" || ix.dir.Scale != weightScale || len(ix.dir.Docs) != len(docs) {
					t.Fatalf("directory %s %+v", ix.path, ix.dir)
				}
				if tg.shard == 300 && len(ix.dir.Shards) < 5 {
					t.Fatalf("%d shards with a 300-byte target: the split is not exercised", len(ix.dir.Shards))
				}
				if !slices.IsSorted(ix.dir.Shards) || ix.dir.Shards[0] != "" {
					t.Errorf("shard keys %q: want ascending from \"\"", ix.dir.Shards)
				}
				got := map[string][]posting{}
				for k := range ix.dir.Shards {
					name := "s/" + strconv.Itoa(k) + ".bin"
					words, err := ix.shard(name)
					if err != nil {
						t.Fatal(err)
					}
					for _, w := range words {
						if h := ix.holder(w.fold); h != k {
							t.Errorf("%q is in shard %d; the directory points to %d", w.word, k, h)
						}
						if slices.Contains(DefaultRules().Langs[lang].Stop, w.fold) {
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
				a, err := NewBuilder().analyse(context.Background(), lang, docs)
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range a.entries {
					want[e.word] = e.postings
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("decoded postings differ from the analysis (%d words decoded, %d analysed)", len(got), len(want))
				}
				for name := range files {
					if !strings.HasPrefix(name, ix.path) {
						t.Errorf("%s: outside the index folder", name)
					}
				}
				if (tg.inline > 0) != (ix.dir.Inline != nil) { // the fixture's heads are a few KB
					t.Errorf("inline target %d: %d heads inline", tg.inline, len(ix.dir.Inline))
				}
				for d, doc := range docs {
					for k := range max(1, len(doc.Sections)) {
						h, text, err := ix.text(d, k)
						if err != nil {
							t.Fatal(err)
						}
						if h.Slug != doc.Slug || h.Title != doc.Title || h.Summary != doc.Summary || ix.url(d, h.Slug) != doc.URL || len(h.Headings) != len(doc.Sections) {
							t.Errorf("chapter %d section %d: %+v", d, k, h)
						}
						if ix.dir.Inline != nil && !reflect.DeepEqual(ix.dir.Inline[d], h) {
							t.Errorf("chapter %d: inline head %+v, in the pack %+v", d, ix.dir.Inline[d], h)
						}
						if len(doc.Sections) > 0 && (text != doc.Sections[k].Text || h.Headings[k] != [2]string{doc.Sections[k].Anchor, doc.Sections[k].Heading}) {
							t.Errorf("chapter %d section %d: %q %q", d, k, h.Headings[k], text)
						}
					}
				}
			})
		}
	}
}

// TestLens checks the notation of the directory's heads and lens, both
// ways, and that damaged strings are refused.
func TestLens(t *testing.T) {
	tests := []struct {
		name string
		in   []int
		want string
	}{
		{"none", nil, ""},
		{"small", []int{0, 1, 31}, "01v"},
		{"two digits", []int{32, 335, 1023}, "x0Gf_v"},
		{"large", []int{1 << 20, 123456}, "xwww0zUO0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b []byte
			for _, n := range tc.in {
				b = appendLen(b, n)
			}
			if string(b) != tc.want {
				t.Errorf("encoded %q, want %q", b, tc.want)
			}
			got, err := parseLens(string(b))
			if err != nil || !slices.Equal(got, tc.in) {
				t.Errorf("decoded %v, %v", got, err)
			}
		})
	}
	for _, bad := range []string{"G", "0!", "______________0"} {
		if got, err := parseLens(bad); err == nil {
			t.Errorf("%q: decoded %v, want an error", bad, got)
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
		one, many := Build(lang, "x", docs).Files(), buildWith(NewBuilder(), lang, "x", docs, targets{300, 300}).Files()
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

func mustSearch(t *testing.T, files map[string][]byte, q string) []result {
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
			if err := json.Unmarshal(files[IndexDir("fr", "x")+"index.json"], &dir); err != nil {
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
			ix, err := openRef(files)
			if err != nil {
				t.Fatal(err)
			}
			for d, doc := range tc.docs {
				if rec, text, err := ix.text(d, 0); err != nil || rec.Slug != doc.Slug || len(doc.Sections) > 0 && text != norm.NFC.String(doc.Sections[0].Text) {
					t.Errorf("chapter %s: text %+v, %v", doc.Slug, rec, err)
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

// TestSearchAPI checks Index.Search on a built index and on the same files
// opened from a file system, and its errors on missing or damaged files.
func TestSearchAPI(t *testing.T) {
	docs := loadFixture(t, "fr")
	built := Build("fr", "2025.1", docs)
	fsys := fstest.MapFS{}
	for name, b := range built.Files() {
		fsys[name] = &fstest.MapFile{Data: b}
	}
	opened, err := Open(fsys, IndexDir("fr", "2025.1"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"netiq", "renseignements personnels", "authentfication", "la"} {
		a, err := built.Search(q, 5)
		if err != nil {
			t.Fatal(err)
		}
		b, err := opened.Search(q, 5)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, b) || len(a) == 0 {
			t.Errorf("%q: built %+v, opened %+v", q, a, b)
		}
	}
	hits, err := built.Search("netiquette humour", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].Slug != "netiquette" || !strings.HasPrefix(hits[0].URL, "fr/netiquette/") || hits[0].Title != "Nétiquette" {
		t.Fatalf("netiquette humour: %+v", hits)
	}
	if h := hits[0]; h.Anchor != "" && (h.URL != "fr/netiquette/#"+h.Anchor || h.Heading == "") {
		t.Errorf("best section: %+v", h)
	}
	if hits, _ := built.Search("zzzzzz", 3); len(hits) != 0 {
		t.Errorf("zzzzzz: %+v", hits)
	}
	if opened.Files() != nil {
		t.Errorf("an opened index has no files to give")
	}

	if _, err := Open(fsys, IndexDir("fr", "1999.1")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open of a missing index: %v", err)
	}
	pack := IndexDir("fr", "2025.1") + packName
	for name, data := range map[string][]byte{
		"short": fsys[pack].Data[:len(fsys[pack].Data)-1],
		"heads": bytes.ReplaceAll(fsys[pack].Data, []byte(`{"slug"`), []byte(`["slug"`)),
	} {
		damaged := maps.Clone(fsys)
		damaged[pack] = &fstest.MapFile{Data: data}
		ix, err := Open(damaged, IndexDir("fr", "2025.1"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ix.Search("netiq", 3); err == nil || !strings.Contains(err.Error(), pack) {
			t.Errorf("a damaged pack (%s): %v", name, err)
		}
	}
}

// TestBuilderSharesAnalysis checks that an index built by a Builder that
// saw the same chapters before (in another edition) is byte for byte the
// one built from scratch, when chapters changed, moved or kept their text.
func TestBuilderSharesAnalysis(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		docs := loadFixture(t, lang)
		next := slices.Clone(docs)
		// A later edition: one chapter's text changed, one chapter gone,
		// the rest the same text at other URLs.
		next[0].Sections = append(slices.Clone(next[0].Sections), Section{Anchor: "ajout", Heading: "Ajout", Text: "une règle nouvelle"})
		next = append(next[:1], next[2:]...)
		for i := range next {
			next[i].URL = lang + "/2026.1/" + next[i].Slug + "/"
		}
		b := NewBuilder()
		if got, want := mustBuild(b, lang, "2025.1", docs).Files(), Build(lang, "2025.1", docs).Files(); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: first index differs from a fresh build", lang)
		}
		if got, want := mustBuild(b, lang, "2026.1", next).Files(), Build(lang, "2026.1", next).Files(); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: second index, built with what the first analysed, differs from a fresh build", lang)
		}
	}
}

// buildWith is build with targets t and a context never cancelled.
func buildWith(b *Builder, lang, edition string, docs []Doc, t targets) *Index {
	ix, err := build(context.Background(), b, lang, edition, docs, t)
	if err != nil {
		panic(err)
	}
	return ix
}

// mustBuild is b.Build with a context never cancelled.
func mustBuild(b *Builder, lang, edition string, docs []Doc) *Index {
	ix, err := b.Build(context.Background(), lang, edition, docs)
	if err != nil {
		panic(err)
	}
	return ix
}

// TestBuildCancelled checks that a cancelled context stops the building
// of an index and is returned.
func TestBuildCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	docs := []Doc{{Slug: "a", Title: "Titre", URL: "fr/a/", Sections: []Section{{Anchor: "s", Text: "du texte à chercher"}}}}
	if ix, err := NewBuilder().Build(ctx, "fr", "2025.1", docs); !errors.Is(err, context.Canceled) || ix != nil {
		t.Errorf("Build on a cancelled context = %v, %v; want nil, context.Canceled", ix, err)
	}
}
