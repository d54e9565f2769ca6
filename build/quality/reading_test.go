package quality

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	handbook "example.com/handbook"
	"example.com/handbook/build/config"
	"example.com/handbook/build/internal/browsertest"
	"example.com/handbook/build/site/runner"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The real handbook has two released editions, so no cumulative redline,
// and its English slugs change only in the draft edition: the page kinds
// of reading records and per-language slugs are checked on the small
// handbook of build/site/testdata/reading, with its third edition in force.

// readingPages are one page of each such kind.
var readingPages = []string{
	"fr/2025.1/intro/changes/since/2023.1/", // a cumulative redline
	"en/2025.1/personal-use/changes/since/2023.1/",
	"fr/intro/",        // a chapter with its reading notice
	"en/personal-use/", // under a translation's own slug
	"fr/",              // the contents with their marks
	"en/2025.1/",
	"en/usage/", // a slug given up: a redirect
}

func readingSite(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	today, _ := time.Parse("2006-01-02", "2025-06-01")
	_, dl, err := runner.Build(context.Background(), config.Options{
		Source: "../site/testdata/reading", Out: out, Minify: true, Today: config.Day(today),
		Layouts: handbook.Layouts(), Static: handbook.Static(),
	})
	if err == nil && dl.HasErrors() {
		err = dl.Err()
	}
	if err != nil {
		t.Fatalf("build testdata/reading: %v", err)
	}
	return out
}

// TestReadingPagesNuHTML: the Nu HTML checker finds no error in the new
// page kinds.
func TestReadingPagesNuHTML(t *testing.T) {
	java := browsertest.Require(t, "java", "the Nu HTML checker")
	jar := "node_modules/vnu-jar/build/dist/vnu.jar"
	if _, err := os.Stat(jar); err != nil {
		browsertest.Missing(t, "vnu-jar", "the Nu HTML checker", "cd build/quality && npm ci")
	}
	dir := readingSite(t)
	args := []string{"-jar", jar, "--errors-only", "--format", "json"}
	for _, p := range readingPages {
		args = append(args, filepath.Join(dir, filepath.FromSlash(p), "index.html"))
	}
	cmd := exec.Command(java, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	_ = cmd.Run()
	var report struct {
		Messages []struct{ URL, Type, Message, Extract string }
	}
	if err := json.Unmarshal(stderr.Bytes(), &report); err != nil {
		t.Fatalf("vnu output: %v\n%s", err, stderr.String())
	}
	for _, m := range report.Messages {
		t.Errorf("%s: %s: %s (%q)", strings.TrimPrefix(m.URL, "file:"+dir+"/"), m.Type, m.Message, m.Extract)
	}
}

// TestReadingPagesAxe runs axe-core on the new page kinds, light and dark,
// with the reading notice and the contents marks shown (a reader who read
// intro and steady in 2023.1 and last came then).
func TestReadingPagesAxe(t *testing.T) {
	axe, err := os.ReadFile("node_modules/axe-core/axe.min.js")
	if err != nil {
		browsertest.Missing(t, "axe-core", "the accessibility checks", "cd build/quality && npm ci")
	}
	ctx := browsertest.New(t)
	srv := browsertest.ServeDir(t, readingSite(t), "/handbook/")
	const seed = `localStorage.setItem("handbook-read", JSON.stringify({intro: "2023.1", usage: "2023.1", steady: "2023.1"})); localStorage.setItem("handbook-last-edition", "2023.1")`
	for _, scheme := range []string{"light", "dark"} {
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		}); err != nil {
			t.Fatal(err)
		}
		for _, p := range readingPages {
			if p == "en/usage/" {
				continue // a redirect: axe would check the page it sends to
			}
			url := srv.URL + "/handbook/" + p
			for range 2 { // once to seed the storage, once to show what it says
				if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
					t.Fatalf("%s: %v", url, err)
				}
				if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](seed)); err != nil {
					t.Fatal(err)
				}
			}
			switch {
			case strings.HasSuffix(p, "/intro/") || strings.HasSuffix(p, "/personal-use/"):
				waitFor(t, ctx, `!document.querySelector(".read-notice").hidden`)
			case !strings.Contains(p, "changes"):
				waitFor(t, ctx, `!!document.querySelector(".read-mark:not([hidden])")`)
			}
			checkAxe(t, ctx, axe, p, scheme)
		}
	}
}
