// Package browsertest starts the real headless Chromium for tests, with the
// flags this machine needs, and skips clearly where Chromium is absent
// (unless HANDBOOK_REQUIRE_TOOLS=1, as in CI, where a missing browser is a
// failure).
package browsertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"testing"

	"github.com/chromedp/chromedp"
)

// Require skips (or fails in CI) when a tool is missing.
func Require(t testing.TB, tool, why string) string {
	t.Helper()
	p, err := exec.LookPath(tool)
	if err != nil {
		if os.Getenv("HANDBOOK_REQUIRE_TOOLS") != "" {
			t.Fatalf("%s not found (%s); .ci/run installs it", tool, why)
		}
		t.Skipf("%s not found: skipping %s (install it with: apt-get install --no-install-recommends %s)", tool, why, tool)
	}
	return p
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
