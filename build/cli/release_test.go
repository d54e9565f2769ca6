package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"example.com/handbook/build/content"
)

var timeZero time.Time

func TestRelease(t *testing.T) {
	const now = "2025-02-10"
	src := copySrc(t)
	before := map[string][]byte{}
	for _, f := range []string{"01-intro.fr.md", "02-reseaux.en.md"} {
		before[f] = readFile(t, src, "content/2025.1/"+f)
	}
	r := run(t, src, now, Commands{}, "release", "-date", "2025-03-01", "2025.1")
	want := "updated content/2025.1/_edition.en.md\nupdated content/2025.1/_edition.fr.md\nreleased 2025.1: upcoming: in force from 2025-03-01, announced 2025-02-10\n"
	if r.code != 0 || r.stdout != want || r.stderr != "" {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	golden(t, "release/_edition.fr.md", readFile(t, src, "content/2025.1/_edition.fr.md"))
	golden(t, "release/_edition.en.md", readFile(t, src, "content/2025.1/_edition.en.md"))
	for f, data := range before {
		if !bytes.Equal(readFile(t, src, "content/2025.1/"+f), data) {
			t.Errorf("%s changed", f)
		}
	}
	checkClean(t, src, now)
	root, err := content.OpenSource(src)
	if err != nil {
		t.Fatal(err)
	}
	fsys, closeFn := root.FS(), root.Close
	defer closeFn()
	for day, status := range map[string]content.Status{"2025-02-10": content.Upcoming, "2025-03-01": content.CurrentStatus} {
		today, _ := content.TodayFrom(day, timeZero)
		h, _ := content.Load(fsys, content.LoadOptions{Today: today})
		if e := h.Edition("2025.1"); e.Status != status || e.Draft || !e.Announced.Equal(time.Date(2025, 2, 10, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("on %s: %+v", day, e)
		}
	}
	if r := run(t, src, now, Commands{}, "release", "2025.1"); r.code != 1 || r.stderr != "handbook release: edition 2025.1 is released already (announced 2025-02-10)\n" {
		t.Errorf("again: exit %d\n%s", r.code, r.stderr)
	}
}

// TestReleaseCRLF keeps a CRLF file's line endings and byte order mark.
func TestReleaseCRLF(t *testing.T) {
	src := copySrc(t)
	const en = "content/2025.1/_edition.en.md"
	crlf := func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) }
	writeFile(t, src, en, "\uFEFF"+string(crlf(readFile(t, src, en))))
	if r := run(t, src, "2025-02-10", Commands{}, "release", "2025.1"); r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	golden, err := os.ReadFile("testdata/golden/release-today/_edition.en.md")
	if err != nil && os.Getenv("UPDATE_GOLDEN") == "" {
		t.Fatal(err)
	}
	if os.Getenv("UPDATE_GOLDEN") != "" {
		os.MkdirAll("testdata/golden/release-today", 0o755)
		os.WriteFile("testdata/golden/release-today/_edition.en.md", bytes.ReplaceAll(bytes.TrimPrefix(readFile(t, src, en), []byte("\uFEFF")), []byte("\r\n"), []byte("\n")), 0o644)
		return
	}
	if got, want := readFile(t, src, en), append([]byte("\uFEFF"), crlf(golden)...); !bytes.Equal(got, want) {
		t.Errorf("got:\n%q\nwant:\n%q", got, want)
	}
}

func TestReleaseRefuses(t *testing.T) {
	const now = "2025-02-10"
	cases := []struct {
		name   string
		files  map[string]string
		args   []string
		stderr string
	}{
		{"content errors", map[string]string{"content/2024.1/01-intro.en.md": "---\ntitle: x\nowner: y\ndraft: maybe\n---\n"},
			[]string{"2025.1"},
			"content/2024.1/01-intro.en.md:4: draft: want true or false, got \"maybe\"\nhandbook release: nothing written: fix the errors first\n"},
		{"unknown edition", nil, []string{"2030.1"}, "handbook release: no edition \"2030.1\" in content/\n"},
		{"released edition", nil, []string{"2024.1"}, "handbook release: edition 2024.1 is released already (announced 2024-01-15)\n"},
		{"draft chapter", map[string]string{
			"content/2025.1/03-x.fr.md": "---\ntitle: X\nowner: C\ndraft: true\n---\nx\n",
			"content/2025.1/03-x.en.md": "---\ntitle: X\nowner: C\n---\nx\n"},
			[]string{"2025.1"},
			"content/2025.1/03-x.fr.md:4: draft chapter in an edition being released: finish it (remove draft: true) or remove it\nhandbook release: nothing written\n"},
		{"date before a released edition", nil, []string{"-date", "2024-01-01", "2025.1"},
			"handbook release: edition 2024.1 is dated 2024-01-15, after 2024-01-01: a release takes effect after the editions released before it (use -date)\n"},
		{"flow front matter", map[string]string{"content/2025.1/_edition.en.md": "---\n{date: 2025-01-01, draft: true}\n---\nNotes.\n"},
			[]string{"2025.1"},
			"handbook release: content/2025.1/_edition.en.md: front matter is not a block of key: value lines; edit it by hand\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := copySrc(t)
			for f, data := range tc.files {
				writeFile(t, src, f, data)
			}
			snap := snapshot(t, src)
			r := run(t, src, now, Commands{}, append([]string{"release"}, tc.args...)...)
			if r.code != 1 || r.stderr != tc.stderr || r.stdout != "" {
				t.Errorf("exit %d\nstderr:\n%s\nwant:\n%s", r.code, r.stderr, tc.stderr)
			}
			if got := snapshot(t, src); got != snap {
				t.Errorf("files changed")
			}
		})
	}
}

// snapshot returns every file of dir with its contents, as one string.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			data, _ := os.ReadFile(p)
			b.WriteString(p + "\n" + string(data) + "\n")
		}
		return nil
	})
	return b.String()
}

// TestReleaseSymlinkOutside: an edition file that is a symlink leading out
// of the source folder is reported, and the file outside is not written.
func TestReleaseSymlinkOutside(t *testing.T) {
	src := copySrc(t)
	outside := filepath.Join(filepath.Dir(src), "outside.md")
	orig := readFile(t, src, "content/2025.1/_edition.en.md")
	if err := os.WriteFile(outside, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(src, "content/2025.1/_edition.en.md")
	os.Remove(link)
	if err := os.Symlink(outside, link); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
	r := run(t, src, "2025-02-10", Commands{}, "release", "2025.1")
	want := "content/2025.1/_edition.en.md: cannot read: the path leads outside the source folder (a symlink?)\n" +
		"handbook release: nothing written: fix the errors first\n"
	if r.code != 1 || r.stderr != want {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
	if data, _ := os.ReadFile(outside); !bytes.Equal(data, orig) {
		t.Errorf("file outside the source written")
	}
}
