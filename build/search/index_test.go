package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// TestIndexRoundTrip decodes every file Build writes and checks it holds
// exactly what the analysis found, in the shard the directory points to,
// and every chapter's text in the chunk the directory points to.
func TestIndexRoundTrip(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		docs := loadFixture(t, lang)
		for _, tg := range []targets{{shardTarget, textTarget}, {300, 300}, {300, 1}, {shardTarget, 1 << 20}} {
			t.Run(fmt.Sprintf("%s/%d/%d", lang, tg.shard, tg.text), func(t *testing.T) {
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
				texts := 0
				for name := range files {
					if strings.HasPrefix(name, TextDir(lang)) {
						texts++
					} else if !strings.HasPrefix(name, ix.path) {
						t.Errorf("%s: outside the index and text folders", name)
					}
				}
				if texts != len(ix.dir.Spans) {
					t.Errorf("%d chunk files for %d chunks", texts, len(ix.dir.Spans))
				}
				switch {
				case tg.text == 1 && len(ix.dir.Spans) != ix.dir.Slots-len(docs):
					t.Errorf("1-byte target: %d chunks, want one per section (%d)", len(ix.dir.Spans), ix.dir.Slots-len(docs))
				case tg.text == 1<<20 && len(ix.dir.Spans) > 2:
					t.Errorf("1 MB target: %d chunks for %d chapters", len(ix.dir.Spans), len(docs))
				}
				for d, doc := range docs {
					for k := range max(1, len(doc.Sections)) {
						rec, sec, err := ix.text(d, k)
						if err != nil {
							t.Fatal(err)
						}
						if rec.Slug != doc.Slug || rec.Title != doc.Title || ix.url(d, rec.Slug) != doc.URL || len(rec.Headings) != len(doc.Sections) {
							t.Errorf("chapter %d section %d: %+v", d, k, rec)
						}
						if rec.First == 0 && rec.Summary != doc.Summary || rec.First > 0 && rec.Summary != "" {
							t.Errorf("chapter %d section %d: summary %q in a record from section %d", d, k, rec.Summary, rec.First)
						}
						if len(doc.Sections) > 0 && (rec.Texts[sec] != doc.Sections[k].Text || rec.Headings[k] != [2]string{doc.Sections[k].Anchor, doc.Sections[k].Heading}) {
							t.Errorf("chapter %d section %d: %q %q", d, k, rec.Headings[k], rec.Texts[sec])
						}
					}
				}
			})
		}
	}
}

// TestTextsShared checks that chunks are named by their content: a chapter
// that did not change between two editions keeps its chunk, an edit
// changes its own chunk and at most the next one, and the URLs, which
// differ, stay out of the chunks.
func TestTextsShared(t *testing.T) {
	docs := synthCorpus(300, 3)
	old := slices.Clone(docs)
	for i := range old {
		old[i].URL = "fr/2024.1/" + old[i].Slug + "/"
	}
	edited := slices.Clone(docs)
	for _, i := range []int{10, 150, 151, 299} {
		d := edited[i]
		d.Sections = slices.Clone(d.Sections)
		d.Sections[1].Text += " Une phrase ajoutée."
		edited[i] = d
	}
	chunks := func(docs []Doc, edition string) []string {
		ix, err := openRef(Build("fr", edition, docs).Files())
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for j := range ix.dir.Spans {
			out = append(out, ix.dir.Chunks[j*chunkNameLen:(j+1)*chunkNameLen])
		}
		return out
	}
	a, b, c := chunks(docs, "2025.1"), chunks(old, "2024.1"), chunks(edited, "2026.1")
	if !slices.Equal(a, b) {
		t.Errorf("the same chapters at other URLs give other chunks")
	}
	kept := 0
	for _, n := range c {
		if slices.Contains(a, n) {
			kept++
		}
	}
	if lost := len(a) - kept; lost > 2*3+2 || lost < 3 {
		t.Errorf("editing 4 chapters (two of them neighbours) changed %d chunks of %d", lost, len(a))
	}
	if len(a) < 150 || len(a) > 600 {
		t.Errorf("%d chunks for 300 chapters of about 7 KB (target 8 KB)", len(a))
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
				if rec, _, err := ix.text(d, 0); err != nil || rec.Slug != doc.Slug {
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
	damaged := fstest.MapFS{}
	for name, f := range fsys {
		damaged[name] = f
		if strings.HasPrefix(name, TextDir("fr")) {
			damaged[name] = &fstest.MapFile{Data: []byte("{")}
		}
	}
	ix, err := Open(damaged, IndexDir("fr", "2025.1"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Search("netiq", 3); err == nil || !strings.Contains(err.Error(), TextDir("fr")) {
		t.Errorf("a damaged chunk: %v", err)
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
