package site_test

// Published URLs never break: a build keeps every URL an earlier build
// into the same folder published, by a page, a redirect, or an error that
// says what to add (DESIGN.md, "Published URLs never break").

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	handbook "example.com/handbook"
	"example.com/handbook/build/config"
	"example.com/handbook/build/output"
	"example.com/handbook/build/site/runner"
)

// buildSrc builds src into out as on today, with or without drafts, and
// returns the diagnostics and the error.
func buildSrc(t *testing.T, src, out, today string, drafts bool) ([]string, error) {
	t.Helper()
	_, dl, err := runner.Build(context.Background(), config.Options{
		Source: src, Out: out, Drafts: drafts, Today: config.Day(day(t, today)),
		Layouts: handbook.Layouts(), Static: handbook.Static(),
	})
	var msgs []string
	for _, d := range dl {
		if !d.Warning {
			msgs = append(msgs, d.String())
		}
	}
	if err == nil && dl.HasErrors() {
		err = dl.Err()
	}
	return msgs, err
}

func renameFile(t *testing.T, from, to string) {
	t.Helper()
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
}

func editFile(t *testing.T, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", file, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readOut(t *testing.T, out, page string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(page), "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPublishedURLsNeverBreak(t *testing.T) {
	src := copyTree(t, "testdata/reading")
	out := filepath.Join(t.TempDir(), "public")
	ed := filepath.Join(src, "content", "2025.1")
	if errs, err := buildSrc(t, src, out, "2025-06-01", false); err != nil {
		t.Fatal(errs, err)
	}
	list, err := output.ReadPublished(os.DirFS(out))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []output.Published{{URL: "fr/2025.1/steady/", Chapter: "steady"}, {URL: "en/personal-use/", Chapter: "usage"}, {URL: "en/usage/", Chapter: "usage"}, {URL: "fr/", Chapter: ""}, {URL: "fr/feed.xml", Chapter: ""}} {
		if !slices.Contains(list, want) {
			t.Errorf("the published list lacks %v", want)
		}
	}
	for _, u := range list {
		if strings.HasPrefix(u.URL, "search/") || strings.HasPrefix(u.URL, "assets/") {
			t.Errorf("the published list holds %s", u.URL)
		}
	}

	// A chapter of the current edition (and the upcoming one) renamed in
	// place, without renamed_from: the build fails, at the file that
	// replaces it, saying what to add, and the output stays as it was.
	for _, l := range []string{"fr", "en"} {
		renameFile(t, filepath.Join(ed, "03-steady."+l+".md"), filepath.Join(ed, "03-calm."+l+".md"))
		renameFile(t, filepath.Join(src, "content", "2026.1", "03-steady."+l+".md"), filepath.Join(src, "content", "2026.1", "03-calm."+l+".md"))
	}
	errs, err := buildSrc(t, src, out, "2025-06-01", false)
	want := `content/2025.1/03-calm.fr.md:1: published URL fr/2025.1/steady/ would vanish (and 1 more of its published URLs): if chapter "steady" was renamed, add "renamed_from: steady" to the chapter that replaces it; if it was removed, keep its file in edition 2025.1 and leave it out of a new edition, where its URL becomes a removed-chapter page`
	if err == nil || len(errs) != 2 || errs[0] != want || !strings.HasPrefix(errs[1], `content/2026.1/03-calm.fr.md:1: published URL fr/2026.1/steady/ would vanish (and 1 more of its published URLs): edition 2026.1 published chapter "steady" and keeps its URLs`) {
		t.Fatalf("build after a rename in place: %v\n%s\nwant:\n%s", err, strings.Join(errs, "\n"), want)
	}
	if !strings.Contains(readOut(t, out, "fr/2025.1/steady"), "Stable") {
		t.Error("the failed build changed the output")
	}

	// With renamed_from, the old URLs send readers to the new ones.
	for _, l := range []string{"fr", "en"} {
		editFile(t, filepath.Join(ed, "03-calm."+l+".md"), "owner:", "renamed_from: steady\nowner:")
	}
	if errs, err := buildSrc(t, src, out, "2025-06-01", false); err != nil {
		t.Fatal(errs, err)
	}
	for page, to := range map[string]string{"fr/2025.1/steady": "../calm/", "en/2025.1/steady": "../calm/", "fr/steady": "../calm/", "fr/2026.1/steady": "../calm/"} {
		if b := readOut(t, out, page); !strings.Contains(b, `url=`+to+`"`) {
			t.Errorf("%s does not send readers to %s:\n%s", page, to, b)
		}
	}

	// A translation's own slug changed in place needs nothing: the old
	// URLs send readers on, even a slug that was itself a translation's.
	editFile(t, filepath.Join(ed, "02-usage.en.md"), "slug: personal-use", "slug: own-use")
	editFile(t, filepath.Join(src, "content", "2026.1", "02-usage.en.md"), "slug: personal-use", "slug: own-use")
	if errs, err := buildSrc(t, src, out, "2025-06-01", false); err != nil {
		t.Fatal(errs, err)
	}
	for page, to := range map[string]string{"en/2025.1/personal-use": "../own-use/", "en/personal-use": "../own-use/", "en/usage": "../own-use/", "en/personal-use/history": "../../own-use/history/"} {
		if b := readOut(t, out, page); !strings.Contains(b, `url=`+to+`"`) {
			t.Errorf("%s does not send readers to %s:\n%s", page, to, b)
		}
	}

	// A draft edition published with -drafts is no promise: the build
	// without drafts drops its URLs.
	if err := os.CopyFS(filepath.Join(src, "content", "2027.1"), os.DirFS(filepath.Join(src, "content", "2026.1"))); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"fr", "en"} {
		editFile(t, filepath.Join(src, "content", "2027.1", "_edition."+l+".md"), "date: 2026-03-02", "date: 2027-03-01\ndraft: true")
	}
	if errs, err := buildSrc(t, src, out, "2025-06-01", true); err != nil {
		t.Fatal(errs, err)
	}
	if errs, err := buildSrc(t, src, out, "2025-06-01", false); err != nil {
		t.Fatalf("the build without drafts after one with them: %v %s", err, errs)
	}

	// An edition removed: its folder is where to look.
	if err := os.RemoveAll(filepath.Join(src, "content", "2023.1")); err != nil {
		t.Fatal(err)
	}
	errs, err = buildSrc(t, src, out, "2025-06-01", false)
	if err == nil || len(errs) == 0 || !strings.HasPrefix(errs[0], "content/2023.1: published URL fr/2023.1/ would vanish") || !strings.HasSuffix(errs[0], "edition 2023.1 was published: restore its folder") {
		t.Errorf("build without a published edition: %v\n%s", err, strings.Join(errs, "\n"))
	}
}

// TestPublishedListDamaged: a list the build cannot read stops it, naming
// the line, rather than forgetting what was promised.
func TestPublishedListDamaged(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if errs, err := buildSrc(t, "testdata/reading", out, "2025-06-01", false); err != nil {
		t.Fatal(errs, err)
	}
	if err := os.WriteFile(filepath.Join(out, output.PublishedName), []byte("fr/\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := buildSrc(t, "testdata/reading", out, "2025-06-02", false)
	if err == nil || !strings.Contains(err.Error(), output.PublishedName+":1: not a list of published URLs") {
		t.Errorf("build over a damaged list: %v", err)
	}
}
