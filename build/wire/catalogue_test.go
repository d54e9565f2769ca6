package wire

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"example.com/handbook/build/site/runner"
)

// catalogue is the folder of bad inputs: each case is a source tree (a copy
// of testdata/good with one fault) and want.txt, what check and build print
// on stderr and the exit status ("ok" for a clean success). UPDATE_GOLDEN=1
// rewrites want.txt; review each by hand: the message must be located,
// once, where an author would fix the fault.
const catalogue = "testdata/catalogue"

// sameAsGood are the cases whose output must be byte for byte that of
// testdata/good: they differ from it only in encoding.
var sameAsGood = map[string]bool{"bom": true, "crlf": true}

// allAtOnce are cases with faults that two stages find (the loader, and
// the link checks that need the Markdown parse): check and build must
// report every one of them in the same run, not the second only once the
// first is fixed.
var allAtOnce = map[string][]string{
	"unknown-key-and-broken-link": {
		`content/2024.1/01-intro.fr.md:4: unknown key "auteur"`,
		"content/2024.1/01-intro.fr.md:9: link to 02-regles.fr.md: no such chapter in edition 2024.1",
	},
}

// TestCatalogue runs check and then build over every case of the
// catalogue, building onto a copy of the good tree's output. A failing
// build must exit 1 and leave that output exactly as it was; a successful
// one must leave a whole output.
func TestCatalogue(t *testing.T) {
	ents, err := os.ReadDir(catalogue)
	if err != nil {
		t.Fatal(err)
	}
	good := buildGood(t)
	goodSnap := takeSnapshot(t, good)
	delete(goodSnap, runner.ManifestName)
	for _, ent := range ents {
		if !ent.IsDir() {
			continue
		}
		name := ent.Name()
		t.Run(name, func(t *testing.T) {
			src := abs(t, filepath.Join(catalogue, name))
			check := runCLI(t, "check", "-source", src)
			out := previousOutput(t, good)
			before := takeSnapshot(t, filepath.Dir(out))
			build := runCLI(t, "build", "-source", src, "-out", out)

			got := transcript("check", check) + transcript("build", build)
			compareGolden(t, filepath.Join(src, "want.txt"), got)

			for _, r := range []struct {
				what string
				r    result
			}{{"check", check}, {"build", build}} {
				checkLocated(t, r.what, r.r)
				if r.r.code != 0 && r.r.code != 1 {
					t.Errorf("%s: exit %d, want 0 or 1", r.what, r.r.code)
				}
				if r.r.stdout != "" {
					t.Errorf("%s printed on stdout: %q", r.what, r.r.stdout)
				}
				for _, want := range allAtOnce[name] {
					if !strings.Contains(r.r.stderr, want) {
						t.Errorf("%s did not report, in the same run, %s", r.what, want)
					}
				}
			}
			if (check.code == 0) != (build.code == 0) {
				t.Errorf("check exits %d but build exits %d", check.code, build.code)
			}
			if build.code != 0 {
				if d := before.diff(takeSnapshot(t, filepath.Dir(out)), true); len(d) > 0 {
					t.Errorf("a failing build changed the previous output:\n%s", strings.Join(d, "\n"))
				}
				return
			}
			checkWhole(t, out)
			if sameAsGood[name] {
				// The manifest hashes the source files, which differ.
				got := takeSnapshot(t, out)
				delete(got, runner.ManifestName)
				if d := goodSnap.diff(got, false); len(d) > 0 {
					t.Errorf("output differs from the good tree's:\n%s", strings.Join(d, "\n"))
				}
			}
			if s := injectedScripts(t, out); len(s) > 0 {
				t.Errorf("pages run a chapter's script:\n%s", strings.Join(s, "\n"))
			}
		})
	}
}

// transcript is the part of want.txt for one command: its stderr lines,
// then its exit status, or "ok" for exit 0 with nothing printed.
func transcript(cmd string, r result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "$ handbook %s\n", cmd)
	if r.code == 0 && r.stderr == "" {
		b.WriteString("ok\n")
		return b.String()
	}
	for _, l := range r.lines() {
		b.WriteString(l + "\n")
	}
	fmt.Fprintf(&b, "exit %d\n", r.code)
	return b.String()
}

// compareGolden compares got with the file want, or rewrites the file
// when UPDATE_GOLDEN is set.
func compareGolden(t *testing.T, want, got string) {
	t.Helper()
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(want, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(want)
	if err != nil {
		t.Fatalf("%v (UPDATE_GOLDEN=1 writes it)", err)
	}
	if string(b) != got {
		t.Errorf("%s differs:\n--- got\n%s--- want\n%s", want, got, b)
	}
}

var scriptElement = regexp.MustCompile(`(?is)<script\b[^>]*>(.*?)</script>`)

// injectedScripts lists what, in the pages of out, would run something
// written in a chapter: a <script> element holding the alert( of
// testdata/catalogue/raw-script, or its onerror handler.
func injectedScripts(t *testing.T, out string) []string {
	t.Helper()
	var found []string
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		for _, m := range scriptElement.FindAllSubmatch(b, -1) {
			if strings.Contains(string(m[1]), "alert(") {
				found = append(found, fmt.Sprintf("%s: %.80s", rel, m[0]))
			}
		}
		if strings.Contains(string(b), "onerror=") {
			found = append(found, rel+": onerror=")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}
