package runner

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	handbook "example.com/handbook"
	"example.com/handbook/build/config"
	"example.com/handbook/build/internal/linkcheck"
	"example.com/handbook/build/output"
	"github.com/andybalholm/brotli"
)

func testToday(t *testing.T) time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02", "2025-06-01")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// buildBasic builds testdata/basic into a fresh folder and returns it.
func buildBasic(t *testing.T, drafts, minify bool) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	_, dl, err := Build(context.Background(), config.Options{
		Source: "../testdata/basic", Out: out, Drafts: drafts, Minify: minify, Today: config.Day(testToday(t)),
		Layouts: handbook.Layouts(), Static: handbook.Static(),
	})
	for _, d := range dl {
		t.Log(d)
	}
	if err != nil || dl.HasErrors() {
		t.Fatal(err, dl)
	}
	return out
}

func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestBuildURLScheme(t *testing.T) {
	out := buildBasic(t, false, false)
	got := files(t, out)
	want := []string{
		"index.html", "404.html", "sitemap.xml", "search/editions.json",
		"fr/index.html", "en/index.html",
		"fr/intro/index.html", "fr/rules/index.html", "fr/privacy/index.html",
		"fr/intro/history/index.html", "fr/intro/feed.xml", "fr/feed.xml", "fr/atom.xml",
		"fr/2023.1/index.html", "fr/2023.1/intro/index.html", "fr/2023.1/old-rules/index.html", "fr/2023.1/gone/index.html",
		"fr/2024.1/intro/index.html", "fr/2024.1/intro/changes/index.html", "fr/2024.1/changes/index.html",
		"fr/2024.1/rules/changes/index.html", "fr/2023.1/changes/index.html",
		"fr/2025.2/index.html", "fr/2025.2/rules/index.html", "fr/2025.2/rules/changes/index.html",
		"fr/old-rules/index.html", "fr/gone/index.html", "fr/gone/history/index.html",
		"fr/editions/index.html", "fr/tags/index.html", "fr/tags/ton/index.html", "fr/tags/vie-privee/index.html",
		"fr/search/index.html", "fr/print/index.html", "fr/2024.1/print/index.html", "fr/subscribe/index.html",
		"en/tags/tone/index.html", "images/2024.1/schema.svg", ".handbook-output",
	}
	for _, w := range want {
		if _, ok := got[w]; !ok {
			t.Errorf("missing %s", w)
		}
	}
	for p := range got {
		if strings.Contains(p, "2026.1") {
			t.Errorf("draft edition published without -drafts: %s", p)
		}
	}
	// The renamed chapter's old address sends to the new one; the removed
	// one says so.
	if !bytes.Contains(got["fr/old-rules/index.html"], []byte(`url=../rules/`)) {
		t.Errorf("renamed chapter does not redirect:\n%s", got["fr/old-rules/index.html"])
	}
	if !bytes.Contains(got["fr/gone/index.html"], []byte(`2023.1/gone/`)) {
		t.Errorf("removed chapter page does not link its last wording:\n%s", got["fr/gone/index.html"])
	}
	// Stable URLs show the current edition (2024.1), not the upcoming 2025.2.
	if !bytes.Contains(got["fr/rules/index.html"], []byte("Soyez courtois.")) {
		t.Errorf("stable page does not show the current wording")
	}
	if !bytes.Contains(got["fr/2025.2/rules/index.html"], []byte("1<sup>er</sup> septembre 2025")) {
		t.Errorf("upcoming edition page lacks its in-force date banner")
	}
	// Translation drift: 2025.2 changed the French text of rules only.
	if !bytes.Contains(got["en/2025.2/rules/index.html"], []byte(`class="drift"`)) {
		t.Errorf("translation drift not shown on the English page")
	}
	if bytes.Contains(got["fr/2025.2/rules/index.html"], []byte(`class="drift"`)) {
		t.Errorf("translation drift shown on the reference page")
	}
	// Redlines.
	red := got["fr/2024.1/intro/changes/index.html"]
	if !bytes.Contains(red, []byte("<ins")) || !bytes.Contains(red, []byte("insertion")) {
		t.Errorf("redline has no insertion:\n%s", red)
	}
	if !bytes.Contains(got["fr/2024.1/rules/changes/index.html"], []byte("Aucune modification du texte")) {
		t.Errorf("renamed chapter with equal text should say there is no change in the text")
	}
	for p, b := range got {
		if strings.HasSuffix(p, ".html") && bytes.Contains(b, []byte("_handbook")) {
			t.Errorf("%s carries a trace of the preview server", p)
		}
	}
}

func TestBuildLinksResolve(t *testing.T) {
	for _, minify := range []bool{false, true} {
		out := buildBasic(t, true, minify)
		problems, err := linkcheck.Check(os.DirFS(out), "/handbook/", "404.html", "index.html")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range problems {
			t.Errorf("minify=%v: %s", minify, p)
		}
	}
}

func TestBuildDeterministic(t *testing.T) {
	a := files(t, buildBasic(t, true, true))
	b := files(t, buildBasic(t, true, true))
	var names []string
	for n := range a {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for _, n := range names {
		if !bytes.Equal(a[n], b[n]) {
			t.Errorf("%s differs between two builds", n)
		}
	}
}

func TestFeedsNeverHoldDrafts(t *testing.T) {
	got := files(t, buildBasic(t, true, false))
	for p, b := range got {
		if strings.HasSuffix(p, ".xml") && strings.Contains(p, "feed") || strings.HasSuffix(p, "atom.xml") {
			if bytes.Contains(b, []byte("2026.1")) {
				t.Errorf("%s mentions the draft edition", p)
			}
		}
	}
	if _, ok := got["fr/2026.1/privacy/index.html"]; !ok {
		t.Errorf("-drafts did not publish the draft edition")
	}
}

// A broken tree must leave the previous output exactly as it was.
func TestBrokenSourceLeavesOutput(t *testing.T) {
	out := buildBasic(t, false, false)
	before := files(t, out)
	src := t.TempDir()
	if err := os.CopyFS(src, os.DirFS("../testdata/basic")); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(src, "content/2024.1/01-intro.fr.md")
	b, _ := os.ReadFile(broken)
	b = bytes.Replace(b, []byte("02-rules.fr.md#exemples"), []byte("02-rules.fr.md#nowhere"), 1)
	if err := os.WriteFile(broken, b, 0o644); err != nil {
		t.Fatal(err)
	}
	_, dl, err := Build(context.Background(), config.Options{Source: src, Out: out, Today: config.Day(testToday(t)), Layouts: handbook.Layouts(), Static: handbook.Static()})
	if err != nil || !dl.HasErrors() {
		t.Fatalf("build of a broken tree: %v %v, want content errors", err, dl)
	}
	want := "content/2024.1/01-intro.fr.md:9: link to 02-rules.fr.md#nowhere: no heading with that id in content/2024.1/02-rules.fr.md"
	if errs := dl.Errors(); len(errs) != 1 || errs[0].String() != want {
		t.Errorf("diagnostics = %v, want %s", dl, want)
	}
	after := files(t, out)
	if len(after) != len(before) {
		t.Fatalf("output changed: %d files, was %d", len(after), len(before))
	}
	for n, b := range before {
		if !bytes.Equal(after[n], b) {
			t.Errorf("%s changed", n)
		}
	}
}

// A rebuild from the same inputs leaves the output untouched; any change
// of a source file rebuilds.
func TestRebuildSkipsWhenNothingChanged(t *testing.T) {
	src := t.TempDir()
	if err := os.CopyFS(src, os.DirFS("../testdata/basic")); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	cfg := config.Options{Source: src, Out: out, Today: config.Day(testToday(t)), Layouts: handbook.Layouts(), Static: handbook.Static()}
	var log bytes.Buffer
	cfg.Stderr, cfg.Progress = &log, true
	if _, dl, err := Build(context.Background(), cfg); err != nil || dl.HasErrors() {
		t.Fatal(err, dl)
	}
	marker := filepath.Join(out, ManifestName)
	first, err := os.Stat(marker)
	if err != nil {
		t.Fatal(err)
	}
	log.Reset()
	if _, dl, err := Build(context.Background(), cfg); err != nil || dl.HasErrors() {
		t.Fatal(err, dl)
	}
	if !strings.Contains(log.String(), "up to date") {
		t.Errorf("second build did not skip: %s", log.String())
	}
	if again, _ := os.Stat(marker); !again.ModTime().Equal(first.ModTime()) {
		t.Errorf("output rewritten although nothing changed")
	}
	page := filepath.Join(src, "content/2024.1/01-intro.fr.md")
	b, _ := os.ReadFile(page)
	if err := os.WriteFile(page, bytes.Replace(b, []byte("deux heures"), []byte("une heure"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	log.Reset()
	if _, dl, err := Build(context.Background(), cfg); err != nil || dl.HasErrors() {
		t.Fatal(err, dl)
	}
	got, _ := os.ReadFile(filepath.Join(out, "fr/intro/index.html"))
	if !bytes.Contains(got, []byte("une heure")) {
		t.Errorf("changed chapter not rebuilt")
	}
	// Another day may change which edition is current: it rebuilds too.
	cfg.Today = config.Day(testToday(t).AddDate(0, 6, 0))
	log.Reset()
	if _, dl, err := Build(context.Background(), cfg); err != nil || dl.HasErrors() {
		t.Fatal(err, dl)
	}
	if strings.Contains(log.String(), "up to date") {
		t.Errorf("a new day did not rebuild")
	}
}

// TestPrecompressedVariants checks that the scripts, style sheets and
// search files a browser fetches whole have .gz and .br variants that
// decode to their bytes, and that nothing else has.
func TestPrecompressedVariants(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	cfg := config.Options{Source: "../testdata/basic", Out: out, Today: config.Day(testToday(t)), Layouts: handbook.Layouts(), Static: handbook.Static()}
	if _, _, err := Build(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	all := files(t, out)
	kinds := map[string]int{}
	for name, data := range all {
		base, suffix := name, ""
		for _, s := range output.Encodings {
			if b, ok := strings.CutSuffix(name, s); ok {
				base, suffix = b, s
			}
		}
		if suffix == "" {
			if _, ok := all[name+".gz"]; ok != output.Precompressed(name) {
				t.Errorf("%s: has a .gz %v, precompressed %v", name, ok, output.Precompressed(name))
			}
			continue
		}
		var r io.Reader
		if suffix == ".gz" {
			zr, err := gzip.NewReader(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			r = zr
		} else {
			r = brotli.NewReader(bytes.NewReader(data))
		}
		got, err := io.ReadAll(r)
		if err != nil || !bytes.Equal(got, all[base]) {
			t.Errorf("%s does not decode to %s (%v)", name, base, err)
		}
		kinds[path.Ext(base)+suffix]++
	}
	for _, k := range []string{".js.gz", ".js.br", ".css.gz", ".css.br", ".json.gz", ".bin.br"} {
		if kinds[k] == 0 {
			t.Errorf("no %s variant in %v", k, kinds)
		}
	}
}

// A rebuild links the files that did not change from the previous output
// (same inode) and writes the others; the result is byte for byte what a
// fresh build gives.
func TestRebuildLinksUnchangedFiles(t *testing.T) {
	src := t.TempDir()
	if err := os.CopyFS(src, os.DirFS("../testdata/basic")); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	cfg := config.Options{Source: src, Out: out, Today: config.Day(testToday(t)), Layouts: handbook.Layouts(), Static: handbook.Static()}
	if _, dl, err := Build(context.Background(), cfg); err != nil || dl.HasErrors() {
		t.Fatal(err, dl)
	}
	inode := func(rel string) uint64 {
		st, err := os.Stat(filepath.Join(out, rel))
		if err != nil {
			t.Fatal(err)
		}
		return st.Sys().(*syscall.Stat_t).Ino
	}
	const same, edited = "fr/privacy/index.html", "fr/intro/index.html"
	before := map[string]uint64{same: inode(same), edited: inode(edited)}
	// A precompressed variant of an unchanged file is linked too, never
	// compressed again.
	css, _ := filepath.Glob(filepath.Join(out, "assets", "*", "css", "site.css.br"))
	if len(css) != 1 {
		t.Fatalf("site.css.br: %v", css)
	}
	sameVariant, _ := filepath.Rel(out, css[0])
	before[sameVariant] = inode(sameVariant)
	page := filepath.Join(src, "content/2024.1/01-intro.fr.md")
	b, _ := os.ReadFile(page)
	if err := os.WriteFile(page, bytes.Replace(b, []byte("deux heures"), []byte("une heure"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, dl, err := Build(context.Background(), cfg); err != nil || dl.HasErrors() {
		t.Fatal(err, dl)
	}
	if inode(same) != before[same] {
		t.Errorf("%s was rewritten although it did not change", same)
	}
	if inode(edited) == before[edited] {
		t.Errorf("%s was linked although it changed", edited)
	}
	if inode(sameVariant) != before[sameVariant] {
		t.Errorf("%s was rewritten although its file did not change", sameVariant)
	}
	fresh := filepath.Join(t.TempDir(), "fresh")
	cfg.Out = fresh
	if _, dl, err := Build(context.Background(), cfg); err != nil || dl.HasErrors() {
		t.Fatal(err, dl)
	}
	a, f := files(t, out), files(t, fresh)
	if len(a) != len(f) {
		t.Fatalf("rebuild has %d files, a fresh build %d", len(a), len(f))
	}
	for n, data := range f {
		if !bytes.Equal(a[n], data) {
			t.Errorf("%s differs from a fresh build", n)
		}
	}
}

// TestBuildCancelled checks that a cancelled build stops, says so with
// the context's error rather than with diagnostics, and publishes nothing.
func TestBuildCancelled(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, dl, err := Build(ctx, config.Options{Source: "../testdata/basic", Out: out, Today: config.Day(testToday(t)),
		Layouts: handbook.Layouts(), Static: handbook.Static()})
	if !errors.Is(err, context.Canceled) || dl.HasErrors() {
		t.Errorf("cancelled build: %v, diagnostics %v; want context.Canceled and no error in the content", err, dl)
	}
	if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("cancelled build left %s: %v", out, err)
	}
}
