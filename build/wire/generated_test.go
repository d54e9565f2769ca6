package wire

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The bad inputs that are not committed as files: symlinks, modes, and
// files too big or too odd to keep in the repository. Each is made in a
// copy of testdata/good.

const (
	introFR = "content/2024.1/01-intro.fr.md"
	introEN = "content/2024.1/01-intro.en.md"
)

// appendTo appends text to the file rel of src.
func appendTo(t *testing.T, src, rel, text string) {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(src, filepath.FromSlash(rel)), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

// symlink makes the link rel of src point to target (kept as given:
// relative targets are relative to the link's folder).
func symlink(t *testing.T, src, rel, target string) {
	t.Helper()
	p := filepath.Join(src, filepath.FromSlash(rel))
	os.RemoveAll(p)
	if err := os.Symlink(target, p); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
}

// TestGenerated runs check and build over bad inputs made by the test, as
// TestCatalogue does over the committed ones: each must end in exactly the
// diagnostics listed (on check and build alike, exit 1, the previous
// output untouched) or, with no want, in a correct build.
func TestGenerated(t *testing.T) {
	good := buildGood(t)
	// outside is a folder beside every source, with what a symlink must
	// not leak.
	outside := t.TempDir()
	writeFiles(t, outside, map[string]string{
		"secret.svg":              "<svg>SECRET-IMAGE</svg>",
		"01-secret.fr.md":         "---\ntitle: SECRET-TITLE\nowner: x\n---\nSECRET-BODY\n",
		"edition/_edition.fr.md":  "---\ndate: 2025-01-06\n---\nSECRET-NOTES\n",
		"edition/_edition.en.md":  "---\ndate: 2025-01-06\n---\nSECRET-NOTES\n",
		"edition/01-intro.fr.md":  "---\ntitle: SECRET-TITLE\nowner: x\n---\nSECRET-BODY\n",
		"edition/01-intro.en.md":  "---\ntitle: SECRET-TITLE\nowner: x\n---\nSECRET-BODY\n",
		"images/secret-image.svg": "<svg>SECRET-IMAGE</svg>",
	})
	deep := func(prefix string, n int) string { return "\n" + strings.Repeat(prefix, n) + "deep\n" }
	var indented strings.Builder
	for i := range 5000 {
		indented.WriteString(strings.Repeat("  ", i) + "- item\n")
	}

	cases := []struct {
		name string
		make func(t *testing.T, src string)
		want []string // nil: builds
	}{
		{"5000-deep list", func(t *testing.T, src string) { appendTo(t, src, introFR, deep("- ", 5000)) },
			[]string{introFR + ":10: nesting deeper than 100 levels"}},
		{"5000-deep indented list", func(t *testing.T, src string) { appendTo(t, src, introFR, "\n"+indented.String()) },
			[]string{introFR + ":110: nesting deeper than 100 levels"}},
		{"5000-deep ordered list", func(t *testing.T, src string) { appendTo(t, src, introEN, deep("1. ", 5000)) },
			[]string{introEN + ":10: nesting deeper than 100 levels"}},
		{"5000-deep quote", func(t *testing.T, src string) { appendTo(t, src, introFR, deep(">", 5000)) },
			[]string{introFR + ":10: nesting deeper than 100 levels"}},
		{"5000-deep quote with spaces", func(t *testing.T, src string) { appendTo(t, src, introFR, deep("> ", 5000)) },
			[]string{introFR + ":10: nesting deeper than 100 levels"}},
		{"5000-deep quotes and lists", func(t *testing.T, src string) { appendTo(t, src, introFR, deep("> - ", 2500)) },
			[]string{introFR + ":10: nesting deeper than 100 levels"}},
		{"edition folder linking to its parent", func(t *testing.T, src string) {
			symlink(t, src, "content/2025.1", ".")
		}, []string{"content/2025.1: symlink loop: it leads back to a folder that holds it"}},
		{"edition folder linking to the source", func(t *testing.T, src string) {
			symlink(t, src, "content/2025.1", "..")
		}, []string{"content/2025.1: symlink loop: it leads back to a folder that holds it"}},
		{"images linking to its edition", func(t *testing.T, src string) {
			symlink(t, src, "content/2024.1/images", ".")
		}, []string{"content/2024.1/images: symlink loop: it leads back to a folder that holds it"}},
		{"folder in images linking to its parent", func(t *testing.T, src string) {
			symlink(t, src, "content/2024.1/images/up", "..")
		}, []string{"content/2024.1/images/up: symlink to a folder inside images/: not followed (link the files, or the images folder itself)"}},
		{"chapters linking to themselves", func(t *testing.T, src string) {
			symlink(t, src, "content/2024.1/03-loop.fr.md", "03-loop.fr.md")
			symlink(t, src, "content/2024.1/03-loop.en.md", "03-loop.en.md")
		}, []string{
			"content/2024.1/03-loop.en.md: cannot read: too many levels of symbolic links",
			"content/2024.1/03-loop.fr.md: cannot read: too many levels of symbolic links",
		}},
		{"images linking to each other", func(t *testing.T, src string) {
			symlink(t, src, "content/2024.1/images/a.svg", "b.svg")
			symlink(t, src, "content/2024.1/images/b.svg", "a.svg")
		}, []string{
			"content/2024.1/images/a.svg: cannot read: too many levels of symbolic links",
			"content/2024.1/images/b.svg: cannot read: too many levels of symbolic links",
		}},
		{"image leading outside", func(t *testing.T, src string) {
			symlink(t, src, "content/2024.1/images/schema.svg", filepath.Join(outside, "secret.svg"))
		}, []string{"content/2024.1/images/schema.svg: cannot read: the path leads outside the source folder (a symlink?)"}},
		{"images folder leading outside", func(t *testing.T, src string) {
			symlink(t, src, "content/2024.1/images", filepath.Join(outside, "images"))
		}, []string{"content/2024.1/images: cannot read: the path leads outside the source folder (a symlink?)"}},
		{"chapters leading outside", func(t *testing.T, src string) {
			symlink(t, src, "content/2024.1/03-secret.fr.md", filepath.Join(outside, "01-secret.fr.md"))
			rel, err := filepath.Rel(filepath.Join(src, "content", "2024.1"), filepath.Join(outside, "01-secret.fr.md"))
			if err != nil {
				t.Fatal(err)
			}
			symlink(t, src, "content/2024.1/03-secret.en.md", rel)
		}, []string{
			"content/2024.1/03-secret.en.md: cannot read: the path leads outside the source folder (a symlink?)",
			"content/2024.1/03-secret.fr.md: cannot read: the path leads outside the source folder (a symlink?)",
		}},
		{"edition folder leading outside", func(t *testing.T, src string) {
			symlink(t, src, "content/2025.1", filepath.Join(outside, "edition"))
		}, []string{"content/2025.1: cannot read: the path leads outside the source folder (a symlink?)"}},
		{"handbook.yaml leading outside", func(t *testing.T, src string) {
			writeFiles(t, outside, map[string]string{"handbook.yaml": readFile(t, filepath.Join(src, "content", "handbook.yaml"))})
			symlink(t, src, "content/handbook.yaml", filepath.Join(outside, "handbook.yaml"))
		}, []string{"content/handbook.yaml: cannot read: the path leads outside the source folder (a symlink?)"}},
		{"symlinks inside the source", func(t *testing.T, src string) {
			symlink(t, src, "content/2025.1", "2024.1")
		}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := filepath.Join(t.TempDir(), "src")
			copyTree(t, goodTree, src)
			tc.make(t, src)
			runCase(t, src, good, tc.want)
		})
	}

	t.Run("unreadable file", func(t *testing.T) {
		src := filepath.Join(t.TempDir(), "src")
		copyTree(t, goodTree, src)
		if err := os.Chmod(filepath.Join(src, filepath.FromSlash(introFR)), 0); err != nil {
			t.Fatal(err)
		}
		if os.Geteuid() == 0 {
			// root reads the file anyway: a correct build, as if it were
			// readable (TestRealBinary runs the binary as another user).
			t.Log("running as root: a mode-000 file is readable, the build must succeed")
			runCase(t, src, good, nil)
			return
		}
		runCase(t, src, good, []string{introFR + ": cannot read: permission denied"})
	})

	t.Run("raw script with unsafe_html on", func(t *testing.T) {
		// The catalogue's raw-script case checks that no page runs a
		// chapter's script; here unsafe_html keeps it, so the same check
		// must find it (else it could not fail).
		src := filepath.Join(t.TempDir(), "src")
		copyTree(t, goodTree, src)
		appendTo(t, src, "content/handbook.yaml", "unsafe_html: true\n")
		appendTo(t, src, introFR, "\n<script>alert(\"block\")</script>\n")
		out := filepath.Join(t.TempDir(), "public")
		if r := runCLI(t, "build", "-source", src, "-out", out); r.code != 0 {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		if s := injectedScripts(t, out); len(s) == 0 {
			t.Errorf("unsafe_html: true, yet no page carries the chapter's script: the check of raw-script cannot fail")
		}
	})
}

// runCase runs check and build on src, building onto a copy of the output
// good. With want, both must print exactly want and exit 1, and the build
// must leave the previous output as it was; without, both must succeed
// without a word and leave a whole output.
func runCase(t *testing.T, src, good string, want []string) {
	t.Helper()
	out := previousOutput(t, good)
	before := takeSnapshot(t, filepath.Dir(out))
	check := runCLI(t, "check", "-source", src)
	build := runCLI(t, "build", "-source", src, "-out", out)
	for _, r := range []struct {
		what string
		r    result
	}{{"check", check}, {"build", build}} {
		checkLocated(t, r.what, r.r)
		if strings.Contains(r.r.stderr, "SECRET") {
			t.Errorf("%s printed what lies outside the source:\n%s", r.what, r.r.stderr)
		}
		wantCode := 0
		if want != nil {
			wantCode = 1
		}
		if got := r.r.lines(); r.r.code != wantCode || strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: exit %d\n%s\nwant exit %d\n%s", r.what, r.r.code, r.r.stderr, wantCode, strings.Join(want, "\n"))
		}
	}
	if build.code != 0 {
		if d := before.diff(takeSnapshot(t, filepath.Dir(out)), true); len(d) > 0 {
			t.Errorf("a failing build changed the previous output:\n%s", strings.Join(d, "\n"))
		}
		return
	}
	checkWhole(t, out)
	if err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.Contains(readFile(t, p), "SECRET") {
			t.Errorf("%s holds what lies outside the source", p)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// TestBigChapter builds a handbook whose French introduction is a 10 MB
// chapter of ordinary paragraphs and headings: it must build, or fail with
// a clear error, in bounded time. The times are logged (go test -v).
func TestBigChapter(t *testing.T) {
	if testing.Short() {
		t.Skip("renders a 10 MB chapter (about 10 s)")
	}
	src := filepath.Join(t.TempDir(), "src")
	copyTree(t, goodTree, src)
	var b strings.Builder
	b.WriteString(readFile(t, filepath.Join(src, filepath.FromSlash(introFR))))
	for i := 0; b.Len() < 10<<20; i++ {
		if i%50 == 0 {
			b.WriteString("\n## Section " + strconv.Itoa(i/50+1) + "\n")
		}
		b.WriteString("\nNous écoutons avant de parler : c'est la règle ; voir **les règles** et [le site](https://example.com/) !\n")
	}
	writeFiles(t, src, map[string]string{introFR: b.String()})

	const limit = 3 * time.Minute // far above the time it takes: a hang, not a slow machine
	for _, cmd := range []string{"check", "build"} {
		ctx, cancel := context.WithTimeout(context.Background(), limit)
		args := []string{cmd, "-source", src}
		if cmd == "build" {
			args = append(args, "-out", filepath.Join(t.TempDir(), "public"))
		}
		start := time.Now()
		r := runCLICtx(t, ctx, args...)
		timedOut := ctx.Err() != nil
		cancel()
		t.Logf("%s of a %.1f MB chapter: exit %d in %v", cmd, float64(b.Len())/(1<<20), r.code, time.Since(start).Round(time.Millisecond))
		if timedOut {
			t.Fatalf("%s did not end within %v", cmd, limit)
		}
		checkLocated(t, cmd, r)
		if r.code != 0 {
			// A clear located error is acceptable; anything else is not.
			if len(r.lines()) == 0 {
				t.Errorf("%s: exit %d without a located error:\n%s", cmd, r.code, r.stderr)
			}
			continue
		}
		if cmd == "build" {
			checkWhole(t, args[len(args)-1])
		}
	}
}

// writeFiles writes files (slash paths relative to dir) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
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

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestRebuildRemovesLeftovers leaves, beside a good output, the folders an
// interrupted build leaves (a site half written, a previous output half
// removed), then builds again: the next successful build must remove them,
// whether or not the sources changed since.
func TestRebuildRemovesLeftovers(t *testing.T) {
	good := buildGood(t)
	for _, changed := range []bool{false, true} {
		name := map[bool]string{false: "same sources", true: "changed sources"}[changed]
		t.Run(name, func(t *testing.T) {
			out := previousOutput(t, good)
			parent := filepath.Dir(out)
			writeFiles(t, parent, map[string]string{
				".public.tmp-0123456789abcdef/fr/index.html": "half written",
				".public.old-fedcba9876543210/en/index.html": "half removed",
			})
			src := abs(t, goodTree)
			if changed {
				src = filepath.Join(t.TempDir(), "src")
				copyTree(t, goodTree, src)
				appendTo(t, src, introFR, "\nUn paragraphe de plus.\n")
			}
			if r := runCLI(t, "build", "-source", src, "-out", out); r.code != 0 {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			checkWhole(t, out)
		})
	}
}
