// Package browsertest starts the real headless Chromium for tests, with the
// flags this machine needs, and skips clearly where Chromium is absent
// (unless HANDBOOK_REQUIRE_TOOLS=1, as in CI, where a missing browser is a
// failure).
package browsertest

import (
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// Require skips (or fails in CI) when a tool is missing.
func Require(t testing.TB, tool, why string) string {
	t.Helper()
	p, err := exec.LookPath(tool)
	if err != nil {
		pkg := tool
		if tool == "java" {
			pkg = "default-jre-headless"
		}
		Missing(t, tool, why, "apt-get install --no-install-recommends "+pkg)
	}
	return p
}

// skipped holds, for this test process, each missing tool (with how to
// install it) and the tests skipped for want of it, for Main to report.
// It is the one piece of package-level state: the test binary's own
// record, shared by tests that do not know of each other.
var skipped struct {
	sync.Mutex
	tools map[string]*skip
}

type skip struct {
	install string
	tests   []string
}

// Missing stops the test for want of tool: with HANDBOOK_REQUIRE_TOOLS
// set (CI) it fails; otherwise it skips, and Main names the tool when the
// run ends. install says how to get it.
func Missing(t testing.TB, tool, why, install string) {
	t.Helper()
	if os.Getenv("HANDBOOK_REQUIRE_TOOLS") != "" {
		t.Fatalf("%s not found (%s); install it with: %s (.ci/run does)", tool, why, install)
	}
	skipped.Lock()
	if skipped.tools == nil {
		skipped.tools = map[string]*skip{}
	}
	s := skipped.tools[tool]
	if s == nil {
		s = &skip{install: install}
		skipped.tools[tool] = s
	}
	s.tests = append(s.tests, t.Name())
	skipped.Unlock()
	t.Skipf("%s not found: skipping %s (install it with: %s)", tool, why, install)
}

// Main runs the tests of a package with tool-dependent tests, as its
// TestMain does, and returns the exit code. When some were skipped for a
// missing tool, it ends with one line per tool. go test ./... shows
// nothing of a passing package without -v, so the line goes to the
// terminal (/dev/tty) when there is one, else to stderr.
func Main(m *testing.M) int {
	code := m.Run()
	skipped.Lock()
	defer skipped.Unlock()
	if len(skipped.tools) == 0 {
		return code
	}
	var b strings.Builder
	for _, tool := range slices.Sorted(maps.Keys(skipped.tools)) {
		s := skipped.tools[tool]
		n := fmt.Sprintf("%d tests", len(s.tests))
		if len(s.tests) == 1 {
			n = "1 test"
		}
		fmt.Fprintf(&b, "SKIP %s: %s missing, %s skipped (%s); install it with: %s, or set HANDBOOK_REQUIRE_TOOLS=1 to fail instead\n",
			pkgName(), tool, n, strings.Join(s.tests, ", "), s.install)
	}
	var w io.Writer = os.Stderr
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		defer tty.Close()
		w = tty
	}
	io.WriteString(w, b.String())
	return code
}

// pkgName is the package under test, from the test binary's name
// ("site.test" -> "site").
func pkgName() string {
	return strings.TrimSuffix(filepath.Base(os.Args[0]), ".test")
}

// New returns a browser context (one tab) that ends with the test.
func New(t testing.TB) context.Context {
	t.Helper()
	exe := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			exe = p
			break
		}
	}
	if exe == "" {
		Require(t, "chromium", "browser tests")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	// The first Run starts the browser; its context must carry no timeout,
	// or the timeout would stop the whole browser.
	if _, err := chromedp.Run(ctx, chromedp.Navigate("about:blank")); err != nil {
		cancel()
		cancelAlloc()
		t.Fatalf("start chromium: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	return ctx
}

// ServeDir serves a built site folder over loopback HTTP, with its
// 404.html for missing files, under prefix (for example "/handbook/") so
// that tests prove the site works under a sub-path.
func ServeDir(t testing.TB, dir, prefix string) *httptest.Server {
	t.Helper()
	files := http.FileServer(http.Dir(dir))
	mux := http.NewServeMux()
	mux.Handle(prefix, http.StripPrefix(prefix[:len(prefix)-1], notFound(dir, files)))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func notFound(dir string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := dir + r.URL.Path
		if st, err := os.Stat(p); err != nil || (st.IsDir() && !exists(p+"/index.html")) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			b, _ := os.ReadFile(dir + "/404.html")
			_, _ = w.Write(b)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
