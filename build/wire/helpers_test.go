package wire

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	handbook "example.com/handbook"
	"example.com/handbook/build/cli"
	"example.com/handbook/build/output"
)

// testToday is the day every test builds on (HANDBOOK_NOW).
const testToday = "2025-06-01"

// goodTree is a small handbook without a fault: one edition, two chapters
// in French and English, a link with an anchor and an image. Every case of
// the catalogue is a copy of it with one fault.
const goodTree = "testdata/good"

// result is what one run of the command line printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

// lines returns the lines of stderr, without the last newline.
func (r result) lines() []string {
	s := strings.TrimSuffix(r.stderr, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// runCLI runs handbook in-process, as cmd/handbook does, on testToday and
// with the current folder set to a fresh temporary folder (so a relative
// path in a test cannot reach the repository).
func runCLI(t *testing.T, args ...string) result {
	t.Helper()
	return runCLICtx(t, context.Background(), args...)
}

// runCLICtx is runCLI with a context, that a test can cancel.
func runCLICtx(t *testing.T, ctx context.Context, args ...string) result {
	t.Helper()
	wd := t.TempDir()
	env := cli.Env{
		// As in CI: no summary lines, so that stderr holds only what a
		// test looks for (TestInitThenBuild checks the summaries).
		Getenv: func(key string) string {
			switch key {
			case "HANDBOOK_NOW":
				return testToday
			case "CI":
				return "true"
			}
			return ""
		},
		Getwd: func() (string, error) { return wd, nil },
	}
	var stdout, stderr bytes.Buffer
	code := cli.Main(ctx, args, &stdout, &stderr, env, Commands(handbook.Layouts(), handbook.Static()))
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// abs makes a path of the package folder absolute, for runCLI.
func abs(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// located is the shape of a content diagnostic: "path:line: message" or
// "path: message", the path relative to the source.
var located = regexp.MustCompile(`^content(/[^:]+)?(:[1-9][0-9]*)?: (warning: )?[^ ]`)

// checkLocated fails unless every line of r's stderr is a located
// diagnostic and no line is repeated.
func checkLocated(t *testing.T, what string, r result) {
	t.Helper()
	seen := map[string]bool{}
	for _, l := range r.lines() {
		if !located.MatchString(l) {
			t.Errorf("%s: not a located diagnostic: %q", what, l)
		}
		if seen[l] {
			t.Errorf("%s: reported twice: %q", what, l)
		}
		seen[l] = true
	}
}

// copyTree copies the folder src into dst (which must not exist), keeping
// modes, so that a test can change a copy of a committed tree.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatalf("copy %s: %v", src, err)
	}
}

// entry is one file or folder of a snapshot.
type entry struct {
	mode    fs.FileMode
	modTime time.Time
	data    []byte // file content, or a symlink's target
}

// snapshot is every entry under a folder, by slash path relative to it.
type snapshot map[string]entry

// takeSnapshot reads every entry under dir, the folder itself as ".".
func takeSnapshot(t *testing.T, dir string) snapshot {
	t.Helper()
	s := snapshot{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		e := entry{mode: info.Mode(), modTime: info.ModTime()}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			e.data = []byte(target)
		case info.Mode().IsRegular():
			if e.data, err = os.ReadFile(p); err != nil {
				return err
			}
		}
		s[filepath.ToSlash(rel)] = e
		return nil
	})
	if err != nil {
		t.Fatalf("snapshot %s: %v", dir, err)
	}
	return s
}

// diff lists how got differs from s, at most a few lines; withTimes also
// compares modes and modification times (a run that must touch nothing),
// else only the kinds and bytes of the entries (two builds of one site).
func (s snapshot) diff(got snapshot, withTimes bool) []string {
	var out []string
	for _, p := range slices.Sorted(mapKeys(s, got)) {
		a, aok := s[p]
		b, bok := got[p]
		switch {
		case !bok:
			out = append(out, "missing "+p)
		case !aok:
			out = append(out, "extra "+p)
		case a.mode.Type() != b.mode.Type() || !bytes.Equal(a.data, b.data):
			out = append(out, "changed "+p)
		case withTimes && (a.mode != b.mode || !a.modTime.Equal(b.modTime)):
			out = append(out, fmt.Sprintf("touched %s (%v %v -> %v %v)", p, a.mode, a.modTime, b.mode, b.modTime))
		}
		if len(out) == 8 {
			return append(out, "...")
		}
	}
	return out
}

func mapKeys(ms ...snapshot) func(func(string) bool) {
	return func(yield func(string) bool) {
		seen := map[string]bool{}
		for _, m := range ms {
			for k := range m {
				if !seen[k] && !yield(k) {
					return
				}
				seen[k] = true
			}
		}
	}
}

// leftovers returns the temporary folders of builds that the parent folder
// of out still holds ("." + base + ".tmp-..." or ".old-...").
func leftovers(t *testing.T, out string) []string {
	t.Helper()
	ents, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	var l []string
	base := filepath.Base(out)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), "."+base+".tmp-") || strings.HasPrefix(e.Name(), "."+base+".old-") {
			l = append(l, e.Name())
		}
	}
	return l
}

// checkWhole fails unless out is a whole output: the marker, the home
// pages, and no build's temporary folder beside it.
func checkWhole(t *testing.T, out string) {
	t.Helper()
	for _, f := range []string{output.MarkerName, "index.html", "fr/index.html", "en/index.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("output not whole: %v", err)
		}
	}
	if l := leftovers(t, out); len(l) > 0 {
		t.Errorf("leftover temporary folders beside %s after a successful build: %v", out, l)
	}
}

// buildGood builds goodTree into a fresh folder and returns it: the
// output that later builds replace or, when they fail, must leave as it is.
// Callers build it once and copy it with previousOutput.
func buildGood(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if r := runCLI(t, "build", "-source", abs(t, goodTree), "-out", out); r.code != 0 || r.stderr != "" {
		t.Fatalf("build %s: exit %d\n%s", goodTree, r.code, r.stderr)
	}
	checkWhole(t, out)
	return out
}

// previousOutput puts a copy of the output good at a fresh <tmp>/public
// and returns its path.
func previousOutput(t *testing.T, good string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	copyTree(t, good, out)
	return out
}
