package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"example.com/handbook/build/content"
)

func TestNewChapter(t *testing.T) {
	const now = "2025-02-10"
	t.Run("into the newest draft edition", func(t *testing.T) {
		src := copySrc(t)
		r := run(t, src, now, Commands{}, "new", "chapter", "donnees-personnelles")
		want := "created content/2025.1/03-donnees-personnelles.fr.md\ncreated content/2025.1/03-donnees-personnelles.en.md\n"
		if r.code != 0 || r.stdout != want || r.stderr != "" {
			t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
		}
		golden(t, "new-chapter/03-donnees-personnelles.fr.md", readFile(t, src, "content/2025.1/03-donnees-personnelles.fr.md"))
		golden(t, "new-chapter/03-donnees-personnelles.en.md", readFile(t, src, "content/2025.1/03-donnees-personnelles.en.md"))
		checkClean(t, src, now)

		r = run(t, src, now, Commands{}, "new", "chapter", "donnees-personnelles")
		if r.code != 1 || r.stderr != `handbook new chapter: slug "donnees-personnelles" is taken in edition 2025.1: content/2025.1/03-donnees-personnelles.en.md`+"\n" {
			t.Errorf("again: exit %d\n%s", r.code, r.stderr)
		}
	})
	t.Run("into a given edition", func(t *testing.T) {
		src := copySrc(t)
		r := run(t, src, now, Commands{}, "new", "chapter", "-edition", "2024.1", "formation")
		if r.code != 0 || !strings.Contains(r.stdout, "content/2024.1/03-formation.fr.md") {
			t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		if r := run(t, src, now, Commands{}, "new", "chapter", "-edition", "2030.1", "x"); r.code != 1 || r.stderr != "handbook new chapter: no edition \"2030.1\" in content/\n" {
			t.Errorf("unknown edition: exit %d\n%s", r.code, r.stderr)
		}
	})
	t.Run("no draft edition", func(t *testing.T) {
		src := copySrc(t)
		if r := run(t, src, now, Commands{}, "release", "2025.1"); r.code != 0 {
			t.Fatalf("release: %d\n%s", r.code, r.stderr)
		}
		r := run(t, src, now, Commands{}, "new", "chapter", "formation")
		if r.code != 1 || r.stderr != "handbook new chapter: no draft edition: start one with \"handbook new edition ID\"\n" {
			t.Errorf("exit %d\n%s", r.code, r.stderr)
		}
	})
}

func TestNewEdition(t *testing.T) {
	const now = "2025-02-10"
	src := copySrc(t)
	r := run(t, src, now, Commands{}, "new", "edition", "2025.2")
	if r.code != 0 || r.stderr != "" || !strings.HasPrefix(r.stdout, "created content/2025.2: a draft copy of 2025.1, dated 2025-02-10\n") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	for _, f := range []string{"_edition.fr.md", "_edition.en.md", "01-intro.fr.md", "01-intro.en.md", "02-reseaux.fr.md", "02-reseaux.en.md", "images/a.svg"} {
		golden(t, "new-edition/"+f, readFile(t, src, "content/2025.2/"+f))
	}
	ents, _ := os.ReadDir(filepath.Join(src, "content"))
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
	checkClean(t, src, now)
	root, err := content.OpenSource(src)
	if err != nil {
		t.Fatal(err)
	}
	fsys, closeFn := root.FS(), root.Close
	defer closeFn()
	today, _ := content.TodayFrom(now, timeZero)
	h, _ := content.Load(fsys, content.LoadOptions{Today: today, Drafts: true})
	if e := h.Edition("2025.2"); e == nil || e.Status != content.Draft || e.Index != 2 {
		t.Errorf("new edition: %+v", e)
	}

	cases := []struct {
		name, id, stderr string
	}{
		{"existing", "2025.2", "handbook new edition: content/2025.2 exists already\n"},
		{"before the newest", "2025.1a", "handbook new edition: \"2025.1a\" does not come after the newest edition 2025.2 in version order: choose a later id\n"},
	}
	for _, tc := range cases {
		if r := run(t, src, now, Commands{}, "new", "edition", tc.id); r.code != 1 || r.stderr != tc.stderr {
			t.Errorf("%s: exit %d\n%s", tc.name, r.code, r.stderr)
		}
	}
}

func TestNewEditionRefusesFaultyCopy(t *testing.T) {
	src := copySrc(t)
	writeFile(t, src, "content/2025.1/01-intro.en.md", "---\ntitle: x\n---\n")
	r := run(t, src, "2025-02-10", Commands{}, "new", "edition", "2025.2")
	want := "content/2025.1/01-intro.en.md:1: missing required key \"owner\"\nhandbook new edition: fix these errors first: the new edition copies content/2025.1\n"
	if r.code != 1 || r.stderr != want {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(src, "content/2025.2")); err == nil {
		t.Errorf("edition written")
	}
}

// TestNewHandbook starts a handbook from handbook.yaml alone.
func TestNewHandbook(t *testing.T) {
	src := t.TempDir()
	writeFile(t, src, "content/handbook.yaml", "id: x\ntitle: Policy\nlanguages: [en]\nbase_url: https://example.com/\n")
	const now = "2025-02-10"
	if r := run(t, src, now, Commands{}, "new", "edition", "1"); r.code != 0 {
		t.Fatalf("new edition: %d\n%s", r.code, r.stderr)
	}
	if r := run(t, src, now, Commands{}, "check"); r.code != 1 || r.stderr != "content/1: edition has no chapter\n" {
		t.Errorf("check: %d\n%s", r.code, r.stderr)
	}
	if r := run(t, src, now, Commands{}, "new", "chapter", "scope"); r.code != 0 || r.stdout != "created content/1/01-scope.en.md\n" {
		t.Fatalf("new chapter: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	checkClean(t, src, now)
	golden(t, "new-handbook/_edition.en.md", readFile(t, src, "content/1/_edition.en.md"))
}
