package site_test

// Browser tests of the built testdata/basic handbook, served under a
// sub-path to headless Chromium: the "changed since your last visit"
// notice, the "changed since you read it" notice of a chapter, and the
// theme toggle. read_browser_test.go follows a reader across editions.

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"example.com/handbook/build/internal/browsertest"
)

const lastEditionKey = "handbook-last-edition"

// until evaluates expr in the page until it is true; errors are retried,
// since a reload destroys the context an evaluation runs in.
func until(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var last error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s: never true: %s (last error: %v)", what, expr, last)
}

func evalJS[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

func navigate(t *testing.T, ctx context.Context, u string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		t.Fatalf("navigate %s: %v", u, err)
	}
	until(t, ctx, "page loaded", `document.readyState === "complete"`)
}

// noticeShown is true when the notice is in the page and rendered.
const noticeShown = `(() => { const n = document.querySelector(".since-visit"); return !!n && !n.hidden && n.getClientRects().length > 0 && getComputedStyle(n).visibility !== "hidden"; })()`

// TestSinceLastVisitNotice: a first visit shows nothing and remembers the
// current edition; a reader who last saw an older edition gets a visible
// notice on the first page opened, linking to what the edition changed,
// once; without JavaScript nothing shows.
func TestSinceLastVisitNotice(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	out, _ := buildAt(t, "testdata/basic", day(t, "2025-06-01"), false, true)
	ctx := browsertest.New(t)
	srv := browsertest.ServeDir(t, out, "/handbook/")
	page := srv.URL + "/handbook/fr/intro/" // current edition 2024.1, changed since 2023.1
	const current = "2024.1"

	navigate(t, ctx, page)
	// Start from a reader who never came: clear what an earlier page of
	// this test browser may have stored.
	evalJS[any](t, ctx, `localStorage.clear()`)
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	until(t, ctx, "first visit remembers the current edition", `localStorage.getItem("`+lastEditionKey+`") === "`+current+`"`)
	if evalJS[bool](t, ctx, noticeShown) {
		t.Fatal("first visit: the notice shows")
	}

	// A reader who last saw 2023.1.
	evalJS[any](t, ctx, `localStorage.setItem("`+lastEditionKey+`", "2023.1")`)
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	until(t, ctx, "the notice shows to a reader of 2023.1", noticeShown)
	href := evalJS[string](t, ctx, `document.querySelector(".since-visit a").href`)
	u, err := url.Parse(href)
	if err != nil {
		t.Fatal(err)
	}
	if want := "/handbook/fr/" + current + "/changes/"; u.Path != want {
		t.Errorf("notice links %s, want the edition's changes %s", u.Path, want)
	}
	if got := evalJS[string](t, ctx, `localStorage.getItem("`+lastEditionKey+`")`); got != current {
		t.Errorf("after the notice, the last edition seen is %q, want %q", got, current)
	}
	// The page it links to exists and lists the edition's changes.
	navigate(t, ctx, href)
	if h1 := evalJS[string](t, ctx, `document.querySelector("h1").textContent`); !strings.Contains(h1, current) {
		t.Errorf("the notice's link leads to %q (h1 %q)", href, h1)
	}
	if n := evalJS[int](t, ctx, `document.querySelectorAll("li.change").length`); n == 0 {
		t.Errorf("the changes page the notice links lists no change")
	}

	// Seen now: the notice does not show again.
	navigate(t, ctx, page)
	if evalJS[bool](t, ctx, noticeShown) {
		t.Error("second visit after the notice: the notice still shows")
	}

	// The home page says so too, linking the edition's changes.
	evalJS[any](t, ctx, `localStorage.setItem("`+lastEditionKey+`", "2023.1")`)
	navigate(t, ctx, srv.URL+"/handbook/en/")
	until(t, ctx, "the home page notice shows", noticeShown)
	if p := evalJS[string](t, ctx, `new URL(document.querySelector(".since-visit a").href).pathname`); p != "/handbook/en/"+current+"/changes/" {
		t.Errorf("home notice links %s", p)
	}

	// Without JavaScript nothing shows, whatever the storage says.
	evalJS[any](t, ctx, `localStorage.setItem("`+lastEditionKey+`", "2023.1")`)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	navigate(t, ctx, page)
	if evalJS[bool](t, ctx, noticeShown) {
		t.Error("without JavaScript, the notice shows")
	}
	if !evalJS[bool](t, ctx, `!!document.querySelector(".since-visit")`) {
		t.Error("the notice is not in the page at all: this test would pass for nothing")
	}
}

// TestThemeToggle: the toggle switches data-theme on <html>, and the
// choice survives a reload and applies on other pages.
func TestThemeToggle(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	out, _ := buildAt(t, "testdata/basic", day(t, "2025-06-01"), false, true)
	ctx := browsertest.New(t)
	srv := browsertest.ServeDir(t, out, "/handbook/")
	page := srv.URL + "/handbook/fr/rules/"
	navigate(t, ctx, page)
	evalJS[any](t, ctx, `localStorage.clear()`)
	navigate(t, ctx, page)
	until(t, ctx, "the toggle is shown", `(() => { const b = document.querySelector(".theme-toggle"); return !!b && !b.hidden && b.getClientRects().length > 0; })()`)
	theme := func() string { return evalJS[string](t, ctx, `document.documentElement.dataset.theme || ""`) }
	background := func() string {
		return evalJS[string](t, ctx, `getComputedStyle(document.body).backgroundColor`)
	}
	// Headless Chromium prefers light: the first click goes dark.
	if got := theme(); got != "" && got != "light" {
		t.Fatalf("fresh page: data-theme = %q", got)
	}
	startBG := background()
	for i, want := range []string{"dark", "light"} {
		if err := chromedp.Do(ctx, chromedp.Click(".theme-toggle")); err != nil {
			t.Fatal(err)
		}
		got := theme()
		if got != want {
			t.Fatalf("click %d: data-theme = %q, want %q", i+1, got, want)
		}
		pressed := evalJS[string](t, ctx, `document.querySelector(".theme-toggle").getAttribute("aria-pressed")`)
		if (pressed == "true") != (want == "dark") {
			t.Errorf("click %d: aria-pressed = %q with theme %s", i+1, pressed, want)
		}
		if want == "dark" && background() == startBG {
			t.Errorf("dark theme: the background stays %s", startBG)
		}
		if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
			t.Fatal(err)
		}
		until(t, ctx, "reloaded", `document.readyState === "complete"`)
		if got := theme(); got != want {
			t.Errorf("after a reload, data-theme = %q, want %q (not persisted)", got, want)
		}
		navigate(t, ctx, srv.URL+"/handbook/en/")
		if got := theme(); got != want {
			t.Errorf("on another page, data-theme = %q, want %q", got, want)
		}
		navigate(t, ctx, page)
	}
}

// TestSinceLastVisitOnlyWhenChanged: a chapter's notice says its text
// changed since the reader read it; it must not say so of a chapter whose
// text the current edition left as it was (its link would lead to "no
// change in the text"). On 2025-09-02, 2025.2 is current: it changed the
// French text of rules, not privacy or intro.
func TestSinceLastVisitOnlyWhenChanged(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	out, _ := buildAt(t, "testdata/basic", day(t, "2025-09-02"), false, true)
	ctx := browsertest.New(t)
	srv := browsertest.ServeDir(t, out, "/handbook/")
	// A chapter's reading record is kept under the slug of its first
	// wording: rules was old-rules in 2023.1.
	for _, tc := range []struct {
		page, key string
		want      bool
	}{
		{"fr/rules/", "old-rules", true},
		{"fr/privacy/", "privacy", false},
		{"fr/intro/", "intro", false},
	} {
		navigate(t, ctx, srv.URL+"/handbook/"+tc.page)
		evalJS[any](t, ctx, `localStorage.setItem("handbook-read", JSON.stringify({"old-rules": "2024.1", privacy: "2024.1", intro: "2024.1"}))`)
		if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
			t.Fatal(err)
		}
		until(t, ctx, "script ran", `JSON.parse(localStorage.getItem("handbook-read"))["`+tc.key+`"] === "2025.2"`)
		if got := evalJS[bool](t, ctx, shown(".read-notice")); got != tc.want {
			link := evalJS[string](t, ctx, `(document.querySelector(".read-notice a") || {}).href || ""`)
			t.Errorf("%s, read in 2024.1: notice shown = %v, want %v (it links %s)", tc.page, got, tc.want, link)
		}
		if tc.want {
			if p := evalJS[string](t, ctx, `new URL(document.querySelector(".read-notice a").href).pathname`); p != "/handbook/fr/2025.2/rules/changes/" {
				t.Errorf("%s: the notice links %s, want the chapter's redline", tc.page, p)
			}
		}
	}
}
