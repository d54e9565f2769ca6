package site_test

// The first screen of a chapter on a phone (issue 19): at 390 × 844 the
// header is one line, the metadata one line, and the first heading of the
// chapter's body is visible without scrolling; the header's buttons open
// the search box and the menu. Real handbook, headless Chromium.

import (
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"example.com/handbook/build/internal/browsertest"
)

func TestPhoneFirstScreen(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	out, _ := buildAt(t, "../..", day(t, "2026-11-25"), false, true)
	ctx := browsertest.New(t)
	srv := browsertest.ServeDir(t, out, "/handbook/")
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 390, Height: 844, DeviceScaleFactor: 1, Mobile: true}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"fr/critiques/", "en/critiques/", "fr/2025.1/divulgation/", "fr/netiquette/"} {
		t.Run(p, func(t *testing.T) {
			navigate(t, ctx, srv.URL+"/handbook/"+p)
			if w := evalJS[float64](t, ctx, `innerWidth`); w != 390 {
				t.Fatalf("viewport %v wide", w)
			}
			header := evalJS[float64](t, ctx, `document.querySelector(".site-header").getBoundingClientRect().height`)
			if header > 64 {
				t.Errorf("header %v px high, want one line", header)
			}
			top := evalJS[float64](t, ctx, `document.querySelector(".chapter-body h2").getBoundingClientRect().top`)
			if top <= 0 || top > 844-30 {
				t.Errorf("first body heading at %v px: not on the first screen", top)
			}
			if evalJS[bool](t, ctx, `document.querySelector("details.meta-box").open`) {
				t.Error("the metadata is not folded")
			}
			summary := evalJS[string](t, ctx, `document.querySelector(".meta-summary").innerText`)
			if summary == "" || evalJS[float64](t, ctx, `document.querySelector(".meta-summary").getBoundingClientRect().height`) > 56 {
				t.Errorf("metadata summary %q is missing or more than two short lines", summary)
			}
		})
	}
	// The buttons open the search box and the menu.
	navigate(t, ctx, srv.URL+"/handbook/fr/critiques/")
	visible := func(sel string) bool {
		return evalJS[bool](t, ctx, `(() => { const e = document.querySelector("`+sel+`"); return !!e && e.getClientRects().length > 0; })()`)
	}
	if visible(".search-box") || visible(".site-nav") {
		t.Fatal("search box or menu shown before asked for")
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("button.search-toggle"))); err != nil {
		t.Fatal(err)
	}
	if !visible(".search-box") || !evalJS[bool](t, ctx, `document.activeElement && document.activeElement.id === "search-q"`) {
		t.Error("the search button does not open the box with the cursor in it")
	}
	if got := evalJS[string](t, ctx, `document.querySelector("button.search-toggle").getAttribute("aria-expanded")`); got != "true" {
		t.Errorf("aria-expanded %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("button.menu-toggle"))); err != nil {
		t.Fatal(err)
	}
	if !visible(".site-nav") {
		t.Error("the menu button does not open the menu")
	}
	// Wide screens keep everything shown, unfolded.
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 1280, Height: 900, DeviceScaleFactor: 1}); err != nil {
		t.Fatal(err)
	}
	navigate(t, ctx, srv.URL+"/handbook/fr/critiques/")
	if !visible(".search-box") || !visible(".site-nav") || visible("button.menu-toggle") || !evalJS[bool](t, ctx, `document.querySelector("details.meta-box").open`) {
		t.Error("wide screen: search box, menu or metadata folded")
	}
}
