package wire

import (
	"bytes"
	"context"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	handbook "example.com/handbook"
	"example.com/handbook/build/cli"
	"example.com/handbook/build/serve"
)

// TestInitThenBuild follows the first steps of docs/authoring.md as a new
// user would, outside CI: init, check -strict, build, a second build, and
// the built folder served under its base_url's path.
func TestInitThenBuild(t *testing.T) {
	wd := t.TempDir()
	run := func(args ...string) result {
		t.Helper()
		env := cli.Env{
			Getenv: func(k string) string {
				if k == "HANDBOOK_NOW" {
					return testToday
				}
				return ""
			},
			Getwd: func() (string, error) { return wd, nil },
		}
		var stdout, stderr bytes.Buffer
		code := cli.Main(context.Background(), args, &stdout, &stderr, env, Commands(handbook.Layouts(), handbook.Static()))
		return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
	}
	if r := run("init", "-title", "Politique de télétravail", "policy"); r.code != 0 || r.stderr != "" {
		t.Fatalf("init: exit %d\n%s", r.code, r.stderr)
	}
	src := filepath.Join(wd, "policy")
	// The rest runs inside the new handbook, as the guide says (cd policy).
	wd = src
	if r := run("check", "-strict"); r.code != 0 || r.stderr != "" || r.stdout != "ok: 2 chapters × 2 languages × 1 edition, 0 errors, 0 warnings\n" {
		t.Fatalf("check -strict: exit %d\nstdout: %q\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	summary := regexp.MustCompile(`^built ([0-9]+) files \(([0-9]+) pages, ([0-9]+) feeds\) in [0-9]+\.[0-9]{2} s → public/\n$`)
	r := run("build")
	m := summary.FindStringSubmatch(r.stderr)
	if r.code != 0 || m == nil {
		t.Fatalf("build: exit %d, stderr %q", r.code, r.stderr)
	}
	// The counts are those of the output: every file but the build's own
	// records (precompressed variants too), the HTML files, the feeds.
	var files, pages, feeds int
	filepath.WalkDir(filepath.Join(src, "public"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".handbook-") {
			return err
		}
		files++
		switch {
		case strings.HasSuffix(p, ".html"):
			pages++
		case d.Name() == "feed.xml" || d.Name() == "atom.xml" || d.Name() == "feed.json":
			feeds++
		}
		return nil
	})
	if got := strings.Join(m[1:], " "); got != strings.Join([]string{itoa(files), itoa(pages), itoa(feeds)}, " ") {
		t.Errorf("build says %s files, pages, feeds; the output has %d %d %d", got, files, pages, feeds)
	}
	if r := run("build"); r.code != 0 || !strings.HasPrefix(r.stderr, "up to date: no input changed since the last build (") {
		t.Errorf("second build: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := run("build", "-q", "-drafts"); r.code != 0 || r.stderr != "" {
		t.Errorf("build -q: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := run("check", "-source", "content"); r.code != 2 || !strings.HasPrefix(r.stderr, "handbook check: -source content: this is the content/ folder; -source wants the folder that holds it: -source .\n") {
		t.Errorf("check -source content: exit %d, stderr %q", r.code, r.stderr)
	}

	// serve -out: the built folder under /handbook/, base_url's path in
	// the settings init wrote.
	root, err := os.OpenRoot(filepath.Join(src, "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	h, prefix, err := serve.Built(root.FS())
	if err != nil || prefix != "/handbook/" {
		t.Fatalf("prefix %q, %v", prefix, err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	get := func(p string) (int, string) {
		t.Helper()
		resp, err := srv.Client().Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	// "/" follows to the site's root, the redirect page; it names /handbook/fr/.
	if code, body := get("/"); code != 200 || !strings.Contains(body, `url=/handbook/fr/`) {
		t.Errorf("GET /: %d\n%.300s", code, body)
	}
	if code, body := get("/handbook/fr/"); code != 200 || !strings.Contains(body, "Politique de télétravail") {
		t.Errorf("GET /handbook/fr/: %d\n%.300s", code, body)
	}
	if code, body := get("/handbook/fr/nope/"); code != 404 || !strings.Contains(body, `data-root="/handbook/"`) {
		t.Errorf("GET a missing page: %d\n%.300s", code, body)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
