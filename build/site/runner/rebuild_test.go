package runner

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	handbook "example.com/handbook"
	"example.com/handbook/build/config"
	"example.com/handbook/build/output"
)

// TestRebuildMatchesFreshBuild changes the real handbook in every way an
// author or a release can, rebuilds over the previous output (where pages
// whose view did not change are kept, not rendered), and checks that the
// output is byte for byte that of a build from nothing. It also checks
// that pages were kept where the change is narrow, and none where it
// reaches every page.
func TestRebuildMatchesFreshBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the real handbook many times")
	}
	edit := func(file, old, new string) func(t *testing.T, src string) {
		return func(t *testing.T, src string) {
			p := filepath.Join(src, "content", file)
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(b, []byte(old)) {
				t.Fatalf("%s does not contain %q", file, old)
			}
			if err := os.WriteFile(p, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name   string
		change func(t *testing.T, src string)
		today  string // "" keeps the first build's day
		minify bool
		// someKept: pages must have been kept; noneKept: none may be.
		someKept, noneKept bool
	}{
		{name: "body edit in the current edition", change: edit("2025.1/04-netiquette.fr.md", "courtoisie", "politesse"), someKept: true},
		{name: "body edit in a past edition", change: edit("2024.1/04-netiquette.en.md", "Netiquette", "Online manners"), someKept: true},
		{name: "title of a past chapter", change: edit("2024.1/02-portee-et-roles.fr.md", `title: "`, `title: "Nouveau : `), someKept: true},
		{name: "draft edition released", change: func(t *testing.T, src string) {
			edit("2026.1/_edition.fr.md", "draft: true", "draft: false")(t, src)
			edit("2026.1/_edition.en.md", "draft: true", "draft: false")(t, src)
		}, someKept: true},
		{name: "draft edition released and in force", today: "2027-02-01", change: func(t *testing.T, src string) {
			edit("2026.1/_edition.fr.md", "draft: true", "draft: false")(t, src)
			edit("2026.1/_edition.en.md", "draft: true", "draft: false")(t, src)
		}, someKept: true},
		{name: "chapter added", change: func(t *testing.T, src string) { addAnnex(t, src) }},
		{name: "edition release notes", change: edit("2025.1/_edition.en.md", "\n\n", "\n\nA new first paragraph.\n\n"), someKept: true},
		{name: "feedback address", change: edit("handbook.yaml", "communications@example.com", "autre@example.com")},
		{name: "base URL", change: edit("handbook.yaml", "https://intranet.example.com/handbook/", "https://docs.example.org/")},
		{name: "a layout", change: func(t *testing.T, src string) {
			b, err := handbook.Layouts().(interface {
				ReadFile(string) ([]byte, error)
			}).ReadFile("chapter.html")
			if err != nil {
				t.Skipf("layouts are not readable as files: %v", err)
			}
			writeFileT(t, filepath.Join(src, "layouts", "chapter.html"), append(b, []byte("\n<!-- local -->\n")...))
		}, noneKept: true},
		{name: "another day", today: "2027-02-01", someKept: false},
		{name: "minified", minify: true, noneKept: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := t.TempDir()
			if err := os.CopyFS(filepath.Join(src, "content"), os.DirFS("../../../content")); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "public")
			// The builds over out share a build cache; fresh builds use none.
			cacheDir := t.TempDir()
			build := func(dir string, today time.Time, minify bool) (kept, rendered int) {
				t.Helper()
				var progress bytes.Buffer
				cfg := config.Options{Source: src, Out: dir, Today: config.Day(today), Minify: minify,
					Layouts: handbook.Layouts(), Static: handbook.Static(), Stderr: &progress, Progress: true}
				if dir == out {
					cfg.CacheDir = cacheDir
				}
				_, dl, err := Build(context.Background(), cfg)
				if err != nil || dl.HasErrors() {
					t.Fatalf("build: %v %v", err, dl)
				}
				m := regexp.MustCompile(`(\d+) pages kept from the previous output, (\d+) rendered`).FindStringSubmatch(progress.String())
				if m == nil {
					t.Fatalf("no count of kept pages in the progress:\n%s", progress.String())
				}
				kept, _ = strconv.Atoi(m[1])
				rendered, _ = strconv.Atoi(m[2])
				return kept, rendered
			}
			today := testToday(t)
			same := func(what string, minify bool) {
				t.Helper()
				fresh := filepath.Join(t.TempDir(), "fresh")
				build(fresh, today, minify)
				a, f := files(t, out), files(t, fresh)
				delete(a, ManifestName)
				delete(f, ManifestName)
				if len(a) != len(f) {
					t.Errorf("%s: rebuild has %d files, a fresh build %d", what, len(a), len(f))
				}
				var differ []string
				for n, data := range f {
					if !bytes.Equal(a[n], data) {
						differ = append(differ, n)
					}
				}
				slices.Sort(differ)
				if len(differ) > 0 {
					t.Errorf("%s: %d files differ from a fresh build: %s", what, len(differ), strings.Join(differ[:min(len(differ), 10)], ", "))
				}
			}
			// Three builds: the third writes over the first's folder (the
			// spare), whose annex pages must go, reusing the second's.
			annex := addAnnex(t, src)
			build(out, today, false)
			for _, f := range annex {
				if err := os.Remove(f); err != nil {
					t.Fatal(err)
				}
			}
			// The annex's URLs are dropped on purpose: without its line in
			// the published list, the build would refuse to lose them.
			if err := os.Remove(filepath.Join(out, output.PublishedName)); err != nil {
				t.Fatal(err)
			}
			build(out, today, false)
			same("annex removed", false)
			served := files(t, out)
			if tc.change != nil {
				tc.change(t, src)
			}
			if tc.today != "" {
				d, err := time.Parse("2006-01-02", tc.today)
				if err != nil {
					t.Fatal(err)
				}
				today = d
			}
			kept, rendered := build(out, today, tc.minify)
			t.Logf("%d pages kept, %d rendered", kept, rendered)
			if tc.someKept && kept == 0 {
				t.Errorf("no page kept")
			}
			if tc.noneKept && kept != 0 {
				t.Errorf("%d pages kept although every page changed", kept)
			}
			same(tc.name, tc.minify)
			// The output served during the third build (now the spare) was
			// never written into: the third build wrote over the first's
			// folder, whose files may be links to the served ones.
			spares, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.spare-*"))
			if len(spares) != 1 {
				t.Fatalf("%d spare folders beside the output, want 1", len(spares))
			}
			after := files(t, spares[0])
			for name, data := range served {
				if !bytes.Equal(after[name], data) {
					t.Errorf("%s of the served output changed during the rebuild", name)
				}
			}
		})
	}
}

// addAnnex adds a chapter to the current edition of the handbook in src
// and returns its files.
func addAnnex(t *testing.T, src string) []string {
	t.Helper()
	var out []string
	for _, l := range []string{"fr", "en"} {
		b, err := os.ReadFile(filepath.Join(src, "content", "2025.1", "04-netiquette."+l+".md"))
		if err != nil {
			t.Fatal(err)
		}
		b = regexp.MustCompile(`(?m)^title: .*$`).ReplaceAll(b, []byte(`title: "Annexe `+l+`"`))
		b = regexp.MustCompile(`(?m)^tags: .*$`).ReplaceAll(b, []byte(`tags: ["annexe"]`))
		f := filepath.Join(src, "content", "2025.1", "12-annexe."+l+".md")
		writeFileT(t, f, b)
		out = append(out, f)
	}
	return out
}

func writeFileT(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
