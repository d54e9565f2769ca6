package bench

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"example.com/handbook/build/content"
)

// treeHash hashes every file name and content under dir.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		h.Write([]byte(rel + "\x00"))
		h.Write(data)
		h.Write([]byte{0})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func generated(t *testing.T, o GenOptions) string {
	t.Helper()
	dir := t.TempDir()
	if err := Generate(dir, o); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestGenerateDeterministic(t *testing.T) {
	o := GenOptions{Chapters: 25, Editions: 3, Seed: 7, ChangedFraction: 0.2}
	a, b := treeHash(t, generated(t, o)), treeHash(t, generated(t, o))
	if a != b {
		t.Errorf("same options, different trees: %s and %s", a, b)
	}
	o.Seed = 8
	if c := treeHash(t, generated(t, o)); c == a {
		t.Errorf("seeds 7 and 8 gave the same tree")
	}
}

func TestGenerateCounts(t *testing.T) {
	tests := []struct {
		name               string
		chapters, editions int
		langs              []string
		wantFirstFile      string
	}{
		{"one chapter, one edition, French only", 1, 1, []string{"fr"}, "0001-comptes-officiels-principes-1.fr.md"},
		{"bilingual", 12, 2, []string{"fr", "en"}, "0001-comptes-officiels-principes-1.en.md"},
		{"English reference, three languages", 7, 3, []string{"en", "fr", "de"}, "0001-comptes-officiels-principes-1.de.md"},
		{"more chapters than titles", 400, 1, []string{"fr"}, "0001-comptes-officiels-principes-1.fr.md"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := generated(t, GenOptions{Chapters: tc.chapters, Editions: tc.editions, Langs: tc.langs, Seed: 1})
			eds, err := os.ReadDir(filepath.Join(dir, "content"))
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, e := range eds {
				if e.IsDir() {
					ids = append(ids, e.Name())
				}
			}
			if want := []string{"2020.1", "2021.1", "2022.1"}[:tc.editions]; !slices.Equal(ids, want) {
				t.Fatalf("editions %v, want %v", ids, want)
			}
			for _, id := range ids {
				files, err := os.ReadDir(filepath.Join(dir, "content", id))
				if err != nil {
					t.Fatal(err)
				}
				slugs := map[string]int{}
				var names []string
				for _, f := range files {
					m := chapterName.FindStringSubmatch(f.Name())
					if m == nil {
						continue
					}
					names = append(names, f.Name())
					slugs[m[2]]++
				}
				if len(names) != tc.chapters*len(tc.langs) {
					t.Errorf("%s: %d chapter files, want %d", id, len(names), tc.chapters*len(tc.langs))
				}
				if len(slugs) != tc.chapters {
					t.Errorf("%s: %d distinct slugs, want %d", id, len(slugs), tc.chapters)
				}
				if names[0] != tc.wantFirstFile {
					t.Errorf("%s: first file %s, want %s", id, names[0], tc.wantFirstFile)
				}
				for _, l := range tc.langs {
					if _, err := os.Stat(filepath.Join(dir, "content", id, "_edition."+l+".md")); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
}

func TestChapterFileNamesSort(t *testing.T) {
	tests := []struct {
		name     string
		chapters int
		want     string
	}{
		{"four digits at least", 3, "0003-confidentialite-principes-3.fr.md"},
		{"five digits past 9999", 10001, "00003-confidentialite-principes-3.fr.md"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			infos := chapterInfos(tc.chapters)
			if got := infos[2].file("fr"); got != tc.want {
				t.Errorf("file name %s, want %s", got, tc.want)
			}
			names := make([]string, len(infos))
			for i := range infos {
				names[i] = infos[i].file("fr")
			}
			if !slices.IsSorted(names) {
				t.Error("file names do not sort in chapter order")
			}
		})
	}
}

// TestGenerateLoads checks the corpus against the builder's own loader:
// no error and no warning, every edition released, the last current.
func TestGenerateLoads(t *testing.T) {
	tests := []struct {
		name string
		o    GenOptions
	}{
		{"bilingual", GenOptions{Chapters: 60, Editions: 4, Seed: 1}},
		{"many changes", GenOptions{Chapters: 20, Editions: 3, Seed: 2, ChangedFraction: 0.5}},
		{"no change", GenOptions{Chapters: 10, Editions: 2, Seed: 3, ChangedFraction: -1}},
		{"English only", GenOptions{Chapters: 10, Editions: 2, Seed: 4, Langs: []string{"en"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := generated(t, tc.o)
			h := load(t, dir, tc.o)
			if len(h.Editions) != tc.o.Editions {
				t.Fatalf("%d editions, want %d", len(h.Editions), tc.o.Editions)
			}
			for _, e := range h.Editions {
				if e.Draft || len(e.Chapters) != tc.o.Chapters {
					t.Errorf("edition %s: draft %v, %d chapters", e.ID, e.Draft, len(e.Chapters))
				}
			}
			if h.Current != h.Editions[len(h.Editions)-1] {
				t.Errorf("current edition %v, want the last one", h.Current)
			}
		})
	}
}

// load loads dir with the builder's loader and fails on any diagnostic.
func load(t *testing.T, dir string, o GenOptions) *content.Handbook {
	t.Helper()
	h, dl := content.Load(os.DirFS(dir), content.LoadOptions{Today: Today(o)})
	for _, d := range dl {
		t.Errorf("%s", d)
	}
	return h
}

// TestChangedFraction checks that exactly the chosen share of chapters
// change between consecutive editions, that those and only those have a
// change line, and that the other bodies are byte for byte the same.
func TestChangedFraction(t *testing.T) {
	tests := []struct {
		name     string
		o        GenOptions
		wantEach int
	}{
		{"default 5%", GenOptions{Chapters: 100, Editions: 3, Seed: 1}, 5},
		{"20%", GenOptions{Chapters: 30, Editions: 3, Seed: 5, ChangedFraction: 0.2}, 6},
		{"tiny share rounds up to one", GenOptions{Chapters: 10, Editions: 2, Seed: 1, ChangedFraction: 0.01}, 1},
		{"none", GenOptions{Chapters: 10, Editions: 2, Seed: 1, ChangedFraction: -1}, 0},
		{"all", GenOptions{Chapters: 8, Editions: 2, Seed: 1, ChangedFraction: 1}, 8},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := load(t, generated(t, tc.o), tc.o)
			for i := 1; i < len(h.Editions); i++ {
				prev, e := h.Editions[i-1], h.Editions[i]
				changed := 0
				for _, c := range e.Chapters {
					p := prev.Chapter(c.Slug)
					diff := 0
					for l, ct := range c.Texts {
						if ct.Hash != p.Texts[l].Hash {
							diff++
						}
						if (ct.Hash != p.Texts[l].Hash) != (ct.Meta.Change != "") {
							t.Errorf("%s: changed %v, change line %q", ct.File, ct.Hash != p.Texts[l].Hash, ct.Meta.Change)
						}
					}
					if diff != 0 && diff != len(c.Texts) {
						t.Errorf("%s %s: %d of %d languages changed", e.ID, c.Slug, diff, len(c.Texts))
					}
					if diff > 0 {
						changed++
						checkFewSentences(t, p, c)
					}
				}
				if changed != tc.wantEach {
					t.Errorf("edition %s: %d chapters changed, want %d", e.ID, changed, tc.wantEach)
				}
			}
		})
	}
}

// checkFewSentences checks that a changed chapter differs by a few
// sentences: one or two paragraphs, the rest of the body as it was.
func checkFewSentences(t *testing.T, prev, c *content.Chapter) {
	t.Helper()
	for l, ct := range c.Texts {
		a, b := strings.Split(string(prev.Texts[l].Body), "\n"), strings.Split(string(ct.Body), "\n")
		if len(a) != len(b) {
			t.Errorf("%s: %d body lines, was %d", ct.File, len(b), len(a))
			continue
		}
		n, added, removed := 0, 0, 0
		for i := range a {
			if a[i] == b[i] {
				continue
			}
			n++
			old, new := splitSentences(a[i]), splitSentences(b[i])
			for _, s := range new {
				if !slices.Contains(old, s) {
					added++
				}
			}
			for _, s := range old {
				if !slices.Contains(new, s) {
					removed++
				}
			}
		}
		if n < 1 || n > 2 || added < 1 || added > 3 || removed > 1 {
			t.Errorf("%s: %d paragraphs changed, %d sentences added, %d removed: want 1 or 2, 1 to 3, at most 1", ct.File, n, added, removed)
		}
	}
}

// TestGenerateText checks the shape of the text: about a thousand words a
// chapter, numbered headings, and links only to chapters of the same
// edition.
func TestGenerateText(t *testing.T) {
	o := GenOptions{Chapters: 40, Editions: 2, Seed: 1}
	dir := generated(t, o)
	link := regexp.MustCompile(`\]\(([^)]+)\)`)
	var words, bodies, tables, boxes, notes, links int
	for _, id := range []string{"2020.1", "2021.1"} {
		ed := filepath.Join(dir, "content", id)
		files, _ := os.ReadDir(ed)
		for _, f := range files {
			m := chapterName.FindStringSubmatch(f.Name())
			if m == nil {
				continue
			}
			data, err := os.ReadFile(filepath.Join(ed, f.Name()))
			if err != nil {
				t.Fatal(err)
			}
			_, body, ok := splitFile(data)
			if !ok {
				t.Fatalf("%s: no front matter", f.Name())
			}
			bodies++
			words += len(strings.Fields(body))
			if !strings.HasPrefix(body, "\n") || strings.Contains(body, "\n# ") || !strings.Contains(body, "\n## 1. ") {
				t.Errorf("%s: body does not start with a blank line and numbered ## sections", f.Name())
			}
			tables += strings.Count(body, "\n|---|")
			notes += strings.Count(body, "\n[^1]: ")
			if strings.Contains(body, map[bool]string{true: "> [!FAIRE]", false: "> [!DO]"}[m[3] == "fr"]) {
				boxes++
			}
			for _, lm := range link.FindAllStringSubmatch(body, -1) {
				links++
				target := chapterName.FindStringSubmatch(lm[1])
				if target == nil || target[3] != m[3] {
					t.Errorf("%s: link %s is not to a chapter in the same language", f.Name(), lm[1])
					continue
				}
				if _, err := os.Stat(filepath.Join(ed, lm[1])); err != nil {
					t.Errorf("%s: link to a missing chapter: %v", f.Name(), err)
				}
			}
		}
	}
	if avg := words / bodies; avg < 850 || avg > 1400 {
		t.Errorf("%d words a chapter on average, want about 1000", avg)
	}
	for what, n := range map[string]int{"tables": tables, "boxes": boxes, "footnotes": notes, "links": links} {
		if n < bodies/10 {
			t.Errorf("%d %s in %d chapters: too few", n, what, bodies)
		}
	}
}

func TestAddEdition(t *testing.T) {
	o := GenOptions{Chapters: 40, Editions: 2, Seed: 1, ChangedFraction: 0.1}
	dir := generated(t, o)
	before := treeHash(t, filepath.Join(dir, "content", "2021.1"))
	id, err := AddEdition(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	if id != "2022.1" {
		t.Errorf("new edition %s, want 2022.1", id)
	}
	if treeHash(t, filepath.Join(dir, "content", "2021.1")) != before {
		t.Error("AddEdition changed the previous edition")
	}
	h := load(t, dir, o) // Today(o) is after the added edition
	if len(h.Editions) != 3 || h.Current == nil || h.Current.ID != id {
		t.Fatalf("editions %d, current %v: want 3, %s", len(h.Editions), h.Current, id)
	}
	changed := 0
	for _, c := range h.Current.Chapters {
		if c.Texts["fr"].Hash != h.Editions[1].Chapter(c.Slug).Texts["fr"].Hash {
			changed++
		}
	}
	if changed != 4 {
		t.Errorf("%d chapters changed, want 4", changed)
	}
}

func TestAddEditionToRealContent(t *testing.T) {
	src := filepath.Join("..", "..", "content")
	if _, err := os.Stat(filepath.Join(src, "handbook.yaml")); err != nil {
		t.Skip("no content/ in the repository")
	}
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	eds, err := listEditions(filepath.Join(dir, "content"))
	if err != nil {
		t.Fatal(err)
	}
	if len(eds) == 0 {
		t.Skip("the repository's content has no edition file yet")
	}
	id, err := AddEdition(dir, GenOptions{Seed: 1, ChangedFraction: 0.3})
	if err != nil {
		t.Fatal(err)
	}
	last := eds[len(eds)-1]
	files, _ := os.ReadDir(filepath.Join(dir, "content", last.id))
	added, _ := os.ReadDir(filepath.Join(dir, "content", id))
	if len(added) != len(files) {
		t.Errorf("new edition has %d entries, the one it copies %d", len(added), len(files))
	}
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"plain", "One rule. Two rules. Three.", []string{"One rule.", "Two rules.", "Three."}},
		{"footnote stays with its sentence", "First.[^1] Second.", []string{"First.[^1]", "Second."}},
		{"quotes", "Il dit : « Bonjour. » Puis il part ?", []string{"Il dit : « Bonjour. »", "Puis il part ?"}},
		{"French question", "Pourquoi ? Parce que.", []string{"Pourquoi ?", "Parce que."}},
		{"lower case after full stop", "Version 2. then more.", []string{"Version 2. then more."}},
		{"accented capital", "Fin. Édition suivante.", []string{"Fin.", "Édition suivante."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := splitSentences(tc.in); !slices.Equal(got, tc.want) {
				t.Errorf("splitSentences(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestOptionsRejected(t *testing.T) {
	tests := []struct {
		name string
		o    GenOptions
	}{
		{"negative chapters", GenOptions{Chapters: -1}},
		{"bad language", GenOptions{Langs: []string{"FR"}}},
		{"repeated language", GenOptions{Langs: []string{"fr", "fr"}}},
		{"fraction above one", GenOptions{ChangedFraction: 1.5}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := Generate(t.TempDir(), tc.o); err == nil {
				t.Error("Generate accepted it")
			}
		})
	}
}

// FuzzSplitSentences checks that splitting loses nothing: the sentences
// joined with spaces are the paragraph, and none is empty but the last of
// an empty paragraph.
func FuzzSplitSentences(f *testing.F) {
	for _, s := range []string{"One rule. Two rules.", "First.[^1] Second.", "Il dit : « Bonjour. » Puis ?", "x. Y", ". A", "a.[^ B", "Fin.\u00a0» Suite."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		ss := splitSentences(p)
		if got := strings.Join(ss, " "); got != p {
			t.Fatalf("joined %q, want %q", got, p)
		}
		for i, s := range ss {
			if s == "" && len(ss) > 1 {
				t.Fatalf("empty sentence %d in %q", i, ss)
			}
		}
	})
}
