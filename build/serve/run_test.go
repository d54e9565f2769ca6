package serve

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"example.com/handbook/build/config"
	"example.com/handbook/build/site"
)

var servingLine = regexp.MustCompile(`Serving (.+) at (http://127\.0\.0\.1:\d+/)fr/\n`)

// startRun runs Run on dir on a free loopback port and returns the site's
// root URL and a function that stops Run and returns its error.
func startRun(t testing.TB, dir string) (root string, out *syncBuffer, stop func() error) {
	t.Helper()
	out = &syncBuffer{}
	o := testOptions(dir, out)
	o.Addr = "127.0.0.1:0"
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Run(ctx, o) }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if m := servingLine.FindStringSubmatch(out.String()); m != nil {
			if m[1] != "Charte de test" {
				t.Errorf("title %q", m[1])
			}
			root = m[2]
			break
		}
		select {
		case err := <-done:
			cancel()
			t.Fatalf("Run returned %v before serving; output:\n%s", err, out)
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("no Serving line; output:\n%s", out)
		}
		time.Sleep(5 * time.Millisecond)
	}
	var stopped bool
	var runErr error
	stop = func() error {
		if !stopped {
			stopped = true
			cancel()
			select {
			case runErr = <-done:
			case <-time.After(10 * time.Second):
				runErr = fmt.Errorf("Run did not return after cancel")
			}
		}
		return runErr
	}
	t.Cleanup(func() { stop() })
	return root, out, stop
}

// waitFor polls the page at url until its body contains want.
func waitFor(t testing.TB, client *http.Client, url, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := client.Get(url)
		if err == nil {
			b, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err == nil && strings.Contains(string(b), want) {
				return
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatalf("%s never showed %q", url, want)
}

func TestRunServesAndStops(t *testing.T) {
	dir := testSource(t)
	root, out, stop := startRun(t, dir)
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	_, body := get(t, client, root+"fr/netiquette/")
	if !strings.Contains(body, "Écrivez comme si") {
		t.Fatalf("chapter not served")
	}
	// Base URL replaced by the preview's own address.
	if _, feed := get(t, client, root+"fr/feed.xml"); !strings.Contains(feed, root) || strings.Contains(feed, "intranet.example.com") {
		t.Errorf("the feed does not link to the preview:\n%.400s", feed)
	}
	st := openEvents(t, client, strings.TrimSuffix(root, "/"), "fr/netiquette/", pageGen(t, body))
	writeFile(t, dir, netiquetteFR, readFile(t, dir, netiquetteFR)+"\nVu par le watcher.\n")
	if ev := st.next(t); ev.name != "reload" {
		t.Fatalf("event %s %s", ev.name, ev.data)
	}
	waitFor(t, client, root+"fr/netiquette/", "Vu par le watcher.")
	if !strings.Contains(out.String(), "rebuilt in ") {
		t.Errorf("no rebuild note in the output:\n%s", out)
	}
	// Ctrl-C: Run returns, the open stream ends.
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	for ok := true; ok; {
		select {
		case _, ok = <-st.events:
		case <-time.After(5 * time.Second):
			t.Fatal("event stream still open after shutdown")
		}
	}
	if _, err := client.Get(root); err == nil {
		t.Errorf("still serving after shutdown")
	}
}

func TestRunPrintsErrors(t *testing.T) {
	dir := testSource(t)
	writeFile(t, dir, netiquetteFR, breakFrontMatter(readFile(t, dir, netiquetteFR)))
	out := &syncBuffer{}
	o := testOptions(dir, out)
	o.Addr = "127.0.0.1:0"
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Run(ctx, o) }()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "Serving ") && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(netiquetteFR) + `:\d+: `).MatchString(out.String()) {
		t.Errorf("no path:line: message on the terminal:\n%s", out)
	}
}

// TestNoLeaks saves a chapter many times while a tab listens, and checks
// that the number of goroutines stays flat, and that everything ends with
// Run.
func TestNoLeaks(t *testing.T) {
	if testing.Short() {
		t.Skip("200 edits")
	}
	base := runtime.NumGoroutine()
	dir := testSource(t)
	root, _, stop := startRun(t, dir)
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	_, body := get(t, client, root+"fr/netiquette/")
	st := openEvents(t, client, strings.TrimSuffix(root, "/"), "fr/netiquette/", pageGen(t, body))
	reloads := make(chan int)
	go func() {
		n := 0
		for ev := range st.events {
			if ev.name == "reload" && strings.Contains(ev.data, "fr/netiquette/") {
				n++
			}
		}
		reloads <- n
	}()
	chapter := readFile(t, dir, netiquetteFR)
	edit := func(i int) {
		marker := fmt.Sprintf("Modification numéro %d.", i)
		writeFile(t, dir, netiquetteFR, chapter+"\n"+marker+"\n")
		waitFor(t, client, root+"fr/netiquette/", marker)
	}
	const warmup, edits = 10, 200
	for i := 0; i < warmup; i++ {
		edit(i)
	}
	mid := settle(base + 1000)
	for i := warmup; i < warmup+edits; i++ {
		edit(i)
	}
	if after := settle(mid); after > mid+2 {
		t.Errorf("goroutines grew from %d to %d over %d edits", mid, after, edits)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if n := <-reloads; n < edits {
		t.Errorf("the open tab was told to reload %d times for %d edits", n, edits)
	}
	client.CloseIdleConnections()
	if end := settle(base); end > base {
		buf := make([]byte, 1<<16)
		buf = buf[:runtime.Stack(buf, true)]
		t.Errorf("%d goroutines after Run returned, %d before:\n%s", end, base, buf)
	}
}

// settle waits up to 10 s for the number of goroutines to fall to want, and
// returns the number then.
func settle(want int) int {
	deadline := time.Now().Add(10 * time.Second)
	for {
		n := runtime.NumGoroutine()
		if n <= want || time.Now().After(deadline) {
			return n
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestBuildOutputHasNoReloadScript renders the whole site as `build` does
// and checks that no trace of the preview's reload script is in it.
func TestBuildOutputHasNoReloadScript(t *testing.T) {
	dir := testSource(t)
	s, _, _ := testServer(t, dir)
	h := s.Site().Handbook()
	st, dl, err := site.New(context.Background(), s.fsys, h, config.Options{Layouts: s.o.Layouts, Static: s.o.Static, Minify: true}, nil)
	if err != nil || dl.HasErrors() {
		t.Fatal(err, dl)
	}
	var files atomic.Int64 // write runs on several goroutines
	err = st.RenderAll(context.Background(), func(rel string, data []byte) error {
		files.Add(1)
		if strings.Contains(rel, "serve/") || strings.Contains(rel, "reload.js") {
			t.Errorf("build output holds %s", rel)
		}
		if strings.Contains(string(data), reservedPrefix) || strings.Contains(string(data), "EventSource") {
			t.Errorf("build output %s mentions the reload script", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := files.Load(); n < 20 {
		t.Errorf("only %d files rendered", n)
	}
}
