package site_test

// Browser tests of reading records (static/js/read.js) over the built
// testdata/reading handbook, rebuilt into the same folder as the days go
// by, as a reader would meet it: a chapter read in one edition says, in a
// later one, that it changed since, and links the redline from the edition
// read; the contents mark each chapter; "changed since your last visit"
// shows once.

import (
	"context"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	handbook "example.com/handbook"
	"example.com/handbook/build/config"
	"example.com/handbook/build/internal/browsertest"
	"example.com/handbook/build/site/runner"
)

// buildInto builds src into out (which may hold an earlier build) as on
// the given day.
func buildInto(t *testing.T, src, out, today string) {
	t.Helper()
	_, dl, err := runner.Build(context.Background(), config.Options{
		Source: src, Out: out, Minify: true, Today: config.Day(day(t, today)),
		Layouts: handbook.Layouts(), Static: handbook.Static(),
	})
	if err != nil || dl.HasErrors() {
		for _, d := range dl {
			t.Log(d)
		}
		t.Fatalf("build %s on %s: %v", src, today, err)
	}
}

// shown is true when the element matched by sel is in the page and rendered.
func shown(sel string) string {
	return `(() => { const n = document.querySelector(` + "`" + sel + "`" + `); return !!n && !n.hidden && n.getClientRects().length > 0; })()`
}

// marks returns the contents marks by chapter key ("" for none shown).
func marks(t *testing.T, ctx context.Context) map[string]string {
	t.Helper()
	got := evalJS[map[string]string](t, ctx, `Object.fromEntries([...document.querySelectorAll("ol.chapter-list li[data-read-key]")].map((li) => {
		const m = li.querySelector(".read-mark");
		return [li.dataset.readKey, m && !m.hidden ? m.className.replace("read-mark ", "") + ": " + m.textContent : ""];
	}))`)
	return got
}

func TestReadingRecords(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	src := "testdata/reading"
	out := filepath.Join(t.TempDir(), "public")
	buildInto(t, src, out, "2023-06-01") // 2023.1 in force
	ctx := browsertest.New(t)
	srv := browsertest.ServeDir(t, out, "/handbook/")
	at := func(p string) string { return srv.URL + "/handbook/" + p }

	// A new reader opens two chapters of 2023.1.
	navigate(t, ctx, at("fr/intro/"))
	evalJS[any](t, ctx, `localStorage.clear()`)
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	until(t, ctx, "the chapter is recorded as read in 2023.1", `JSON.parse(localStorage.getItem("handbook-read") || "{}").intro === "2023.1"`)
	if evalJS[bool](t, ctx, shown(".read-notice")) || evalJS[bool](t, ctx, shown(".since-visit")) {
		t.Error("first visit: a notice shows")
	}
	navigate(t, ctx, at("fr/steady/"))
	until(t, ctx, "steady recorded", `JSON.parse(localStorage.getItem("handbook-read")).steady === "2023.1"`)

	// Two editions later, 2025.1 is in force: the reader comes back to
	// the contents first.
	buildInto(t, src, out, "2025-06-01")
	navigate(t, ctx, at("fr/"))
	until(t, ctx, "the since-visit notice shows on the first page", shown(".since-visit"))
	until(t, ctx, "marks shown", `!!document.querySelector(".read-mark:not([hidden])")`)
	want := map[string]string{
		"intro":   "read-changed: modifié depuis votre lecture",
		"usage":   "", // never read, and not new since what the reader read
		"steady":  "read-unchanged: inchangé depuis votre lecture",
		"nouveau": "read-new: nouveau",
	}
	got := marks(t, ctx)
	for k, w := range want {
		if got[k] != w {
			t.Errorf("contents mark of %s: %q, want %q", k, got[k], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("contents marks %v, want %v", got, want)
	}
	// The since-visit notice then forgets: the next page does not show it.
	navigate(t, ctx, at("fr/steady/"))
	if evalJS[bool](t, ctx, shown(".since-visit")) {
		t.Error("the since-visit notice shows on a second page")
	}
	if evalJS[bool](t, ctx, shown(".read-notice")) {
		t.Error("an unchanged chapter says it changed")
	}

	// The chapter read in 2023.1 says so, and links the cumulative redline.
	navigate(t, ctx, at("fr/intro/"))
	until(t, ctx, "the reading notice shows", shown(".read-notice"))
	text := evalJS[string](t, ctx, `document.querySelector(".read-notice").textContent`)
	if !strings.Contains(text, "2023.1") || !strings.Contains(text, "il a changé depuis") {
		t.Errorf("reading notice: %q", text)
	}
	href := evalJS[string](t, ctx, `document.querySelector(".read-notice a").href`)
	u, err := url.Parse(href)
	if err != nil {
		t.Fatal(err)
	}
	if want := "/handbook/fr/2025.1/intro/changes/since/2023.1/"; u.Path != want {
		t.Errorf("the notice links %s, want %s", u.Path, want)
	}
	until(t, ctx, "the chapter is now read in 2025.1", `JSON.parse(localStorage.getItem("handbook-read")).intro === "2025.1"`)
	navigate(t, ctx, href)
	if n := evalJS[int](t, ctx, `document.querySelectorAll(".redline-body ins, .redline-body del").length`); n == 0 {
		t.Errorf("the cumulative redline at %s shows no change", u.Path)
	}
	if body := evalJS[string](t, ctx, `document.querySelector(".redline-body").textContent`); !strings.Contains(body, "deux jours") || !strings.Contains(body, "un jour ouvrable") {
		t.Errorf("the cumulative redline does not compare 2023.1 with 2025.1: %q", body)
	}
	// Read again now: no notice.
	navigate(t, ctx, at("fr/intro/"))
	if evalJS[bool](t, ctx, shown(".read-notice")) {
		t.Error("the notice shows after the reader read the current wording")
	}

	// In English the chapter has its own slug; its record is the same
	// chapter's.
	evalJS[any](t, ctx, `(() => { const r = JSON.parse(localStorage.getItem("handbook-read")); r.usage = "2023.1"; localStorage.setItem("handbook-read", JSON.stringify(r)); })()`)
	navigate(t, ctx, at("en/personal-use/"))
	until(t, ctx, "the English notice shows", shown(".read-notice"))
	if p := evalJS[string](t, ctx, `new URL(document.querySelector(".read-notice a").href).pathname`); p != "/handbook/en/2025.1/personal-use/changes/since/2023.1/" {
		t.Errorf("English notice links %s", p)
	}
	if text := evalJS[string](t, ctx, `document.querySelector(".read-notice").textContent`); !strings.Contains(text, "You last read this chapter in edition 2023.1; it has changed since") {
		t.Errorf("English notice: %q", text)
	}

	// 2026.1: the chapter read in 2025.1 changed in the edition right
	// after: the plain redline serves.
	buildInto(t, src, out, "2026-06-01")
	navigate(t, ctx, at("fr/intro/"))
	until(t, ctx, "the notice shows in 2026.1", shown(".read-notice"))
	if p := evalJS[string](t, ctx, `new URL(document.querySelector(".read-notice a").href).pathname`); p != "/handbook/fr/2026.1/intro/changes/" {
		t.Errorf("notice of a chapter read in the previous edition links %s, want the plain redline", p)
	}

	// Without JavaScript nothing shows, whatever the storage says.
	evalJS[any](t, ctx, `localStorage.setItem("handbook-read", JSON.stringify({intro: "2023.1"})); localStorage.setItem("handbook-last-edition", "2023.1")`)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	navigate(t, ctx, at("fr/intro/"))
	if evalJS[bool](t, ctx, shown(".read-notice")) || evalJS[bool](t, ctx, shown(".since-visit")) {
		t.Error("without JavaScript, a notice shows")
	}
	if !evalJS[bool](t, ctx, `!!document.querySelector(".read-notice") && !!document.querySelector(".since-visit")`) {
		t.Error("the notices are not in the page at all: this test would pass for nothing")
	}
}
