package content

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestAllInOneRun puts many faults in one tree: every one is reported,
// once, sorted, and nothing else.
func TestAllInOneRun(t *testing.T) {
	const ed = "content/2025.1/"
	m := with(validTree(), map[string]string{
		"content/handbook.yaml":         "id: test\ntitle: {fr: Charte, en: Policy}\nlanguages: [fr, en]\nbase_url: https://example.com/h/\ncolour: blue\n",
		ed + "01-intro.fr.md":           "---\ntitle: Introduction\nowner: Communications\ntitel: x\ndraft: yes\n---\n\nTexte de l'introduction.\n",
		ed + "01-intro.en.md":           "+++\ntitle = 'x'\n+++\n",
		ed + "02-netiquette.fr.md":      "---\ntitle: Nétiquette\nowner: Communications\nreview_by: 2025-02-30\n",
		ed + "03-search.fr.md":          introFR,
		ed + "04-extra.fr.md":           introFR,
		ed + "05-extra.fr.md":           introFR,
		ed + "notes.txt":                "x",
		"content/2024.1/06-x.fr.md":     "---\ntitle: X\nowner: C\n---\nCaf\xe9\n",
		"content/2025.2/_edition.fr.md": editionFile("2025-09-01"),
		"content/2025.2/_edition.en.md": editionFile("2025-09-01"),
		"content/draft/01-x.fr.md":      introFR,
	})
	want := []string{
		`content/2024.1/06-x.fr.md:1: missing translation: no 06-x.en.md in content/2024.1`,
		`content/2024.1/06-x.fr.md:5: not UTF-8 (byte 0xe9): save the file as UTF-8`,
		`content/2025.1/01-intro.en.md:1: front matter must be YAML between --- lines`,
		`content/2025.1/01-intro.fr.md:4: unknown key "titel" ` + known,
		`content/2025.1/01-intro.fr.md:5: draft: want true or false, got "yes"`,
		`content/2025.1/02-netiquette.fr.md:1: front matter is not closed (no --- line after it)`,
		`content/2025.1/03-search.fr.md: slug "search" is reserved (it names a page of the site): rename the file`,
		`content/2025.1/04-extra.fr.md:1: warning: chapter "extra" is new in edition 2025.1, which leaves out "x" of edition 2024.1: if it replaces one, add renamed_from: SLUG so that the old URLs send readers here; otherwise they show a removed-chapter page`,
		`content/2025.1/04-extra.fr.md:1: missing translation: no 04-extra.en.md in content/2025.1`,
		`content/2025.1/05-extra.fr.md:1: duplicate slug "extra": content/2025.1/04-extra.fr.md has it too`,
		`content/2025.1/notes.txt: unexpected file: an edition folder holds _edition.LANG.md, NN-slug.LANG.md and images/`,
		`content/2025.2: edition has no chapter`,
		`content/draft: bad edition id "draft": an edition folder name starts with a digit, then digits, letters, dots or hyphens`,
		`content/handbook.yaml:5: unknown key "colour" (known: id, title, languages, base_url, feedback, unsafe_html, acknowledge_url)`,
	}
	_, d := Load(m, LoadOptions{Today: day("2025-06-01")})
	if got := strings.Join(lines(d), "\n"); got != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}

// TestReread edits, adds and removes files and re-reads only those.
func TestReread(t *testing.T) {
	m := validTree()
	tree := ReadTree(m)
	opts := LoadOptions{Today: day("2025-06-01")}
	h1, d := Validate(tree, opts)
	if len(d) != 0 {
		t.Fatal(lines(d))
	}
	const fr = "content/2025.1/01-intro.fr.md"
	m[fr] = &fstest.MapFile{Data: []byte("---\ntitle: Introduction\nowner: C\nchange: x\n---\n\nNouveau.\n")}
	m["content/2025.1/03-extra.fr.md"] = &fstest.MapFile{Data: []byte(introFR)}
	delete(m, "content/2025.1/02-netiquette.en.md")
	// A file changed but not named is not re-read.
	m["content/2025.1/01-intro.en.md"] = &fstest.MapFile{Data: []byte("---\ntitle: I\nowner: C\nbad: x\n---\n")}

	tree2 := tree.Reread(m, fr, "content/2025.1/03-extra.fr.md", "content/2025.1/02-netiquette.en.md")
	h2, d := Validate(tree2, opts)
	want := []string{
		`content/2025.1/02-netiquette.fr.md:1: missing translation: no 02-netiquette.en.md in content/2025.1`,
		`content/2025.1/03-extra.fr.md:1: missing translation: no 03-extra.en.md in content/2025.1`,
	}
	if got := strings.Join(lines(d), "\n"); got != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	if got := string(h2.Current.Chapter("intro").Texts["fr"].Body); got != "Nouveau.\n" {
		t.Errorf("edited body: %q", got)
	}
	// Unchanged files are shared, not parsed again.
	if h1.Current.Chapter("intro").Texts["en"] != h2.Current.Chapter("intro").Texts["en"] {
		t.Errorf("unchanged file parsed again")
	}
	if h1.Current.Chapter("intro").Texts["fr"] == h2.Current.Chapter("intro").Texts["fr"] {
		t.Errorf("changed file not parsed again")
	}
	// The first model is untouched.
	if len(h1.Current.Chapters) != 2 || h1.Current.Chapter("netiquette").Texts["en"] == nil {
		t.Errorf("first model changed")
	}
	// Settings re-read.
	m["content/handbook.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(settingsYAML, "id: test\n", "", 1))}
	_, d = Validate(tree2.Reread(m, "content/handbook.yaml"), opts)
	if !strings.Contains(strings.Join(lines(d), "\n"), "warning: no id") {
		t.Errorf("settings not re-read: %v", lines(d))
	}
}

// A save of files the tree already lists takes the fast path (no listing):
// the result must be what a full read gives, and the old tree unchanged.
func TestRereadExistingFiles(t *testing.T) {
	m := validTree()
	tree := ReadTree(m)
	opts := LoadOptions{Today: day("2025-06-01")}
	h1, _ := Validate(tree, opts)
	const fr, en = "content/2025.1/01-intro.fr.md", "content/2025.1/01-intro.en.md"
	m[fr] = &fstest.MapFile{Data: []byte("---\ntitle: Introduction\nowner: C\nchange: x\n---\n\nNouveau.\n")}
	m[en] = &fstest.MapFile{Data: []byte("---\ntitle: I\nowner: C\nbad: x\n---\n")}
	fast, ok := tree.rereadFiles(m, map[string]bool{fr: true, en: true})
	if !ok {
		t.Fatal("saving two listed files did not take the fast path")
	}
	h2, d2 := Validate(fast, opts)
	full, d3 := Validate(ReadTree(m), opts)
	if strings.Join(lines(d2), "\n") != strings.Join(lines(d3), "\n") {
		t.Errorf("fast path diagnostics:\n%s\nfull read:\n%s", strings.Join(lines(d2), "\n"), strings.Join(lines(d3), "\n"))
	}
	if h2 != nil && full != nil && h2.Current != nil && string(h2.Current.Chapter("intro").Texts["fr"].Body) != string(full.Current.Chapter("intro").Texts["fr"].Body) {
		t.Errorf("fast path body differs from a full read")
	}
	if got := string(h1.Current.Chapter("intro").Texts["fr"].Body); got == "Nouveau.\n" {
		t.Errorf("the old tree was changed")
	}
	// New, removed or unknown files take the full path.
	for _, p := range []string{"content/2025.1/09-new.fr.md", "content/handbook.yaml", "content/2025.1/images/x.svg", "content/2099.1/01-a.fr.md"} {
		if _, ok := tree.rereadFiles(m, map[string]bool{p: true}); ok {
			t.Errorf("%s took the fast path", p)
		}
	}
	delete(m, fr)
	if _, ok := tree.rereadFiles(m, map[string]bool{fr: true}); ok {
		t.Errorf("a removed file took the fast path")
	}
}

// writeTree writes files under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestOpenSourceSymlinks checks that a symlink cannot lead outside the
// source folder, and that loops end.
func TestOpenSourceSymlinks(t *testing.T) {
	top := t.TempDir()
	src := filepath.Join(top, "src")
	files := map[string]string{}
	for k, v := range validTree() {
		files[k] = string(v.Data)
	}
	writeTree(t, src, files)
	writeTree(t, top, map[string]string{"secret.md": introFR, "outside/01-x.fr.md": introFR})
	writeTree(t, src, map[string]string{"content/2024.1/images/a.svg": "<svg/>", "shared/01-shared.fr.md": introFR})
	ed := filepath.Join(src, "content", "2025.1")
	links := map[string]string{
		filepath.Join(ed, "03-secret.fr.md"):           filepath.Join(top, "secret.md"), // absolute, outside
		filepath.Join(ed, "03-secret.en.md"):           "../../../secret.md",            // relative, outside
		filepath.Join(ed, "04-loop.fr.md"):             "04-loop.fr.md",                 // loop on itself
		filepath.Join(ed, "04-loop.en.md"):             "04-loop.en.md",
		filepath.Join(ed, "images"):                    "../2024.1/images", // inside: followed
		filepath.Join(src, "content/2024.1/images/up"): "..",               // a loop through a folder
		filepath.Join(src, "content", "2026.1"):        filepath.Join(top, "outside"),
	}
	for name, target := range links {
		if err := os.Symlink(target, name); err != nil {
			t.Skipf("symlinks unavailable: %v", err)
		}
	}
	root, err := OpenSource(src)
	if err != nil {
		t.Fatal(err)
	}
	fsys, closeFn := root.FS(), root.Close
	defer closeFn()
	h, d := Load(fsys, LoadOptions{Today: day("2025-06-01")})
	got := strings.Join(lines(d), "\n")
	for _, want := range []string{
		"content/2025.1/03-secret.fr.md: cannot read: the path leads outside the source folder (a symlink?)",
		"content/2025.1/03-secret.en.md: cannot read: the path leads outside the source folder (a symlink?)",
		"content/2025.1/04-loop.fr.md: cannot read: too many levels of symbolic links",
		"content/2025.1/images/up: symlink to a folder inside images/: not followed (link the files, or the images folder itself)",
		"content/2024.1/images/up: symlink to a folder inside images/: not followed (link the files, or the images folder itself)",
		"content/2026.1: cannot read: the path leads outside the source folder (a symlink?)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "Introduction") || strings.Contains(got, "secret.md:") {
		t.Errorf("read outside the source:\n%s", got)
	}
	if e := h.Edition("2025.1"); e == nil || strings.Join(e.Images, ",") != "a.svg" {
		t.Errorf("images through a symlinked folder: %v", e)
	}
	if _, err := OpenSource(filepath.Join(top, "nope")); err == nil {
		t.Errorf("OpenSource of a missing folder: no error")
	}
}

// TestEqualBodiesShared checks that chapter texts with the same body, in
// two editions, share one copy of it, and that a changed body has its own.
func TestEqualBodiesShared(t *testing.T) {
	m := with(validTree(), map[string]string{
		"content/2025.1/02-netiquette.fr.md": strings.Replace(netFR, "\n\n", "\n\nUn ajout.\n\n", 1),
	})
	h, dl := Load(m, LoadOptions{Today: day("2025-06-01")})
	if dl.HasErrors() {
		t.Fatal(dl)
	}
	text := func(id, slug, lang string) *ChapterText {
		for _, e := range h.Editions {
			if e.ID == id {
				return e.Chapter(slug).Texts[lang]
			}
		}
		t.Fatalf("no edition %s", id)
		return nil
	}
	same := func(a, b *ChapterText) bool { return len(a.Body) > 0 && &a.Body[0] == &b.Body[0] }
	if old, cur := text("2024.1", "intro", "fr"), text("2025.1", "intro", "fr"); !same(old, cur) {
		t.Error("the unchanged intro keeps two copies of its body")
	}
	old, cur := text("2024.1", "netiquette", "fr"), text("2025.1", "netiquette", "fr")
	if same(old, cur) || bytes.Equal(old.Body, cur.Body) || !strings.Contains(string(cur.Body), "Un ajout.") {
		t.Error("the changed netiquette shares the old body")
	}
}
