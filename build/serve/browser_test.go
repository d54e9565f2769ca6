package serve

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"example.com/handbook/build/internal/browsertest"
)

// eventually evaluates expr in the page until it returns true. Errors are
// retried: a reload destroys the context an evaluation runs in.
func eventually(t *testing.T, ctx context.Context, what, expr string) time.Duration {
	t.Helper()
	start := time.Now()
	deadline := start.Add(15 * time.Second)
	var lastErr error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return time.Since(start)
		}
		lastErr = err
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%s: never true (%s); last error: %v", what, expr, lastErr)
	return 0
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// tab is one browser tab on a page of the preview.
type tab struct {
	name string
	ctx  context.Context
}

// openTab opens url in a new tab of the browser of ctx and waits until its
// event stream is open; it marks the window, so that a navigation (which
// loses the mark) shows.
func openTab(t *testing.T, browser context.Context, name, url string) tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	if _, err := chromedp.Run(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	tb := tab{name, ctx}
	eventually(t, ctx, name+": stream open", `document.readyState === "complete" && !!window.handbookServe && window.handbookServe.open`)
	eval[bool](t, ctx, `window.__mark = 1, true`)
	return tb
}

// navigated reports whether the tab loaded a new document since openTab
// (or the last remark).
func (tb tab) navigated(t *testing.T) bool {
	return !eval[bool](t, tb.ctx, `window.__mark === 1`)
}

func (tb tab) events(t *testing.T) int { return eval[int](t, tb.ctx, `window.handbookServe.events`) }

// TestBrowser checks in headless Chromium what an author sees, with tabs
// on two chapters: an edit appears in place in the tab that shows it (no
// navigation, scroll and focus kept) and the other tab gets nothing; a
// broken front matter shows an overlay naming the file, which goes when it
// is fixed; a stylesheet change applies without a reload; a change to the
// page's shell reloads.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser")
	}
	browser := browsertest.New(t)
	dir := testSource(t)
	// A long chapter, so that the scroll position means something.
	chapter := readFile(t, dir, netiquetteFR) + "\n## Longue section\n\n" + strings.Repeat("Un paragraphe pour allonger la page.\n\n", 150)
	writeFile(t, dir, netiquetteFR, chapter)
	root, out, _ := startRun(t, dir)

	a := openTab(t, browser, "netiquette", root+"fr/netiquette/")
	b := openTab(t, browser, "divulgation", root+"fr/divulgation/")

	t.Run("edits update in place, only where shown", func(t *testing.T) {
		// Focus a link of the body's end, scrolled to.
		eval[bool](t, a.ctx, `(() => {
			const links = document.querySelectorAll("main a");
			links[links.length - 1].focus();
			window.scrollTo(0, 1200);
			return true;
		})()`)
		focused := eval[string](t, a.ctx, `document.activeElement.outerHTML`)
		for i := 1; i <= 5; i++ {
			text := fmt.Sprintf("Paragraphe ajouté numéro %d pendant la lecture.", i)
			saved := time.Now()
			writeFile(t, dir, netiquetteFR, chapter+"\n"+text+"\n")
			eventually(t, a.ctx, "new paragraph shown", `document.querySelector("main").innerText.includes("`+text+`")`)
			took := eval[float64](t, a.ctx, `window.handbookServe.last.replaced`) - float64(saved.UnixMicro())/1000
			t.Logf("edit %d: new DOM %.1f ms after the save", i, took)
		}
		if a.navigated(t) {
			t.Errorf("the edited page navigated (reloaded) instead of updating in place")
		}
		if n := eval[int](t, a.ctx, `window.handbookServe.updates`); n < 5 {
			t.Errorf("%d updates in place for 5 edits", n)
		}
		eventually(t, a.ctx, "scroll position kept", `Math.abs(window.scrollY - 1200) < 5`)
		if got := eval[string](t, a.ctx, `document.activeElement.outerHTML`); got != focused {
			t.Errorf("focus moved from %s to %s", focused, got)
		}
		if b.navigated(t) || b.events(t) != 0 {
			t.Errorf("the tab on another chapter got %d events (navigated %v), want none", b.events(t), b.navigated(t))
		}
	})

	t.Run("new content works like a loaded page", func(t *testing.T) {
		// The update carries the page: no request for it, and main.js
		// enhances what came in (here, the check button of a question).
		requests := `performance.getEntriesByType("resource").filter((r) => new URL(r.name).pathname === "/fr/netiquette/").length`
		before := eval[int](t, a.ctx, requests)
		pushed := eval[int](t, a.ctx, `window.handbookServe.pushed`)
		quiz := "\n::: quiz\n? Qui répond aux journalistes ?\n- [x] Un porte-parole accrédité\n- [ ] Tout employé\n> Seuls les porte-parole parlent au nom de l’entreprise.\n:::\n"
		writeFile(t, dir, netiquetteFR, chapter+quiz)
		eventually(t, a.ctx, "question shown", `!!document.querySelector("main fieldset.quiz-question button.quiz-check")`)
		if a.navigated(t) {
			t.Fatalf("the page navigated")
		}
		if n := eval[int](t, a.ctx, `window.handbookServe.pushed`); n != pushed+1 {
			t.Errorf("%d updates applied from the event, want %d", n, pushed+1)
		}
		if n := eval[int](t, a.ctx, requests); n != before {
			t.Errorf("the tab fetched its page %d times for an update that carried it", n-before)
		}
		eventually(t, a.ctx, "check button shown and working", `(() => {
			const q = document.querySelector("main fieldset.quiz-question");
			const button = q.querySelector("button.quiz-check");
			if (button.hidden) return false;
			q.querySelector("input[type=radio][value='"+q.dataset.answer+"']").click();
			button.click();
			return q.querySelector(".quiz-result").classList.contains("quiz-result-right") && q.querySelector("details.quiz-solution").open;
		})()`)
		// An edit elsewhere keeps the nodes that did not change, with what
		// main.js did to them: the question keeps its button, shown, and
		// the chapter's first paragraph is the same node.
		eval[bool](t, a.ctx, `(document.querySelector("main fieldset.quiz-question").kept = document.querySelector("main p").kept = true)`)
		writeFile(t, dir, netiquetteFR, chapter+quiz+"\nUn paragraphe après la question.\n")
		eventually(t, a.ctx, "paragraph after the question shown", `document.querySelector("main").innerText.includes("Un paragraphe après la question.")`)
		if !eval[bool](t, a.ctx, `(() => {
			const q = document.querySelector("main fieldset.quiz-question");
			return q.kept === true && !q.querySelector("button.quiz-check").hidden && document.querySelector("main p").kept === true;
		})()`) {
			t.Errorf("an edit after the question replaced the nodes before it (or hid its button)")
		}
		writeFile(t, dir, netiquetteFR, chapter)
		eventually(t, a.ctx, "question gone", `!document.querySelector("main fieldset.quiz-question")`)
	})

	t.Run("pages reach load", func(t *testing.T) {
		// The event stream must not hold the load back (nor keep the network
		// busy for tools that wait for it to settle).
		for _, tb := range []tab{a, b} {
			if !eval[bool](t, tb.ctx, `performance.getEntriesByType("navigation")[0].loadEventEnd > 0`) {
				t.Errorf("%s: the load event never ended", tb.name)
			}
		}
	})

	t.Run("search finds the edited text", func(t *testing.T) {
		const word = "zythogramme"
		s := openTab(t, browser, "search", root+"fr/search/?q="+word)
		eventually(t, s.ctx, "search ran", `(document.getElementById("search-status") || {}).textContent > ""`)
		if eval[int](t, s.ctx, `document.querySelectorAll("#search-results li").length`) != 0 {
			t.Fatalf("%q found before it was written", word)
		}
		writeFile(t, dir, netiquetteFR, chapter+"\nUn mot rare : "+word+".\n")
		eventually(t, s.ctx, "result for the new word", `Array.from(document.querySelectorAll("#search-results li a")).some((a) => a.getAttribute("href").includes("netiquette/"))`)
		eventually(t, a.ctx, "edited tab", `document.body.innerText.includes("`+word+`")`)
	})

	t.Run("the title follows", func(t *testing.T) {
		edited := strings.Replace(chapter, `title: "Nétiquette"`, `title: "Nétiquette révisée"`, 1)
		if edited == chapter {
			t.Fatalf("no title line in %s", netiquetteFR)
		}
		writeFile(t, dir, netiquetteFR, edited)
		eventually(t, a.ctx, "new title", `document.title.startsWith("Nétiquette révisée")`)
		if a.navigated(t) {
			t.Errorf("a title change navigated")
		}
		writeFile(t, dir, netiquetteFR, chapter)
		eventually(t, a.ctx, "old title", `document.title.startsWith("Nétiquette —") || document.title === "Nétiquette"`)
	})

	t.Run("broken front matter shows an overlay", func(t *testing.T) {
		writeFile(t, dir, netiquetteFR, breakFrontMatter(chapter))
		eventually(t, a.ctx, "overlay", `(() => {
			const o = document.getElementById("handbook-serve-errors");
			return !!o && o.getAttribute("role") === "alert" && o.textContent.includes("`+netiquetteFR+`:");
		})()`)
		// The last good page stays.
		if !eval[bool](t, a.ctx, `document.body.innerText.includes("Longue section")`) {
			t.Errorf("the last good page is gone")
		}
	})

	t.Run("fix removes the overlay", func(t *testing.T) {
		writeFile(t, dir, netiquetteFR, chapter+"\nTexte corrigé.\n")
		eventually(t, a.ctx, "page back without overlay", `!document.getElementById("handbook-serve-errors") && document.body.innerText.includes("Texte corrigé.")`)
		eventually(t, b.ctx, "overlay gone in the other tab", `!document.getElementById("handbook-serve-errors")`)
	})

	t.Run("css applies without reload", func(t *testing.T) {
		css := readFile(t, "../..", "static/css/site.css")
		writeFile(t, dir, "static/css/site.css", css+"\nh1 { outline: 7px solid rgb(1, 2, 3); }\n")
		for _, tb := range []tab{a, b} {
			eventually(t, tb.ctx, tb.name+": new style", `getComputedStyle(document.querySelector("h1")).outlineWidth === "7px"`)
			if tb.navigated(t) {
				t.Errorf("%s: the page reloaded for a stylesheet change", tb.name)
			}
			if n := eval[int](t, tb.ctx, `document.querySelectorAll('link[rel~="stylesheet"][href*="site.css"]').length`); n != 1 {
				t.Errorf("%s: %d site.css links after the swap, want 1", tb.name, n)
			}
		}
	})

	t.Run("a partial edit reaches only the pages that call it", func(t *testing.T) {
		home := openTab(t, browser, "home", root+"fr/")
		eval[bool](t, a.ctx, `window.__events = window.handbookServe.events, true`)
		partials := readFile(t, "../..", "layouts/partials.html")
		writeFile(t, dir, "layouts/partials.html", strings.Replace(partials, `<ol class="chapter-list"`, `<ol class="chapter-list partial-edited"`, 1))
		eventually(t, home.ctx, "home shows the partial edit", `!!document.querySelector("main ol.partial-edited")`)
		if home.navigated(t) {
			t.Errorf("the home page reloaded for a partial inside <main>")
		}
		// The chapter pages do not call the chapter list: give a stray
		// event the time to come, then check none did.
		time.Sleep(300 * time.Millisecond)
		if n := eval[int](t, a.ctx, `window.handbookServe.events - window.__events`); n != 0 || a.navigated(t) {
			t.Errorf("the chapter tab got %d events (navigated %v) for a partial it does not use", n, a.navigated(t))
		}
	})

	t.Run("a shell change reloads", func(t *testing.T) {
		base := readFile(t, "../..", "layouts/base.html")
		writeFile(t, dir, "layouts/base.html", strings.Replace(base, "<footer class=\"site-footer\">", "<footer class=\"site-footer\"><p>Pied modifié</p>", 1))
		for _, tb := range []tab{a, b} {
			eventually(t, tb.ctx, tb.name+": new footer", `document.querySelector("footer").innerText.includes("Pied modifié")`)
			if !tb.navigated(t) {
				t.Errorf("%s: the footer changed without a reload", tb.name)
			}
		}
		eventually(t, a.ctx, "scroll position kept over the reload", `Math.abs(window.scrollY - 1200) < 5`)
	})

	t.Run("without JavaScript, reloading by hand", func(t *testing.T) {
		ctx, cancel := chromedp.NewContext(browser)
		defer cancel()
		if _, err := chromedp.Run(ctx, chromedp.Navigate("about:blank")); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Navigate(root+"fr/netiquette/")); err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, netiquetteFR, chapter+"\nVu sans JavaScript.\n")
		eventually(t, a.ctx, "the scripted tab updated", `document.body.innerText.includes("Vu sans JavaScript.")`)
		if eval[bool](t, ctx, `document.body.innerText.includes("Vu sans JavaScript.")`) {
			t.Errorf("a page without JavaScript changed by itself")
		}
		if _, err := chromedp.Run(ctx, chromedp.Reload()); err != nil {
			t.Fatal(err)
		}
		if !eval[bool](t, ctx, `document.body.innerText.includes("Vu sans JavaScript.")`) {
			t.Errorf("reloading by hand does not show the edit")
		}
	})
	t.Logf("server output:\n%s", out)
}

// TestVirtualTimeBudget runs Chromium as a newcomer did, with
// --virtual-time-budget, which waits for the network to settle: on a
// served page it must settle (the event stream is not counted as a load
// going on) and the search page must show its results.
func TestVirtualTimeBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("browser")
	}
	exe := browsertest.Require(t, "chromium", "the virtual time budget test")
	dir := testSource(t)
	root, _, _ := startRun(t, dir)
	// Far more than the budget needs: hitting it means the page never
	// settled.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
		"--user-data-dir="+t.TempDir(), "--virtual-time-budget=5000", "--dump-dom", root+"fr/search/?q=netiquette")
	out, err := cmd.Output()
	if ctx.Err() != nil {
		t.Fatalf("chromium --virtual-time-budget never settled on a served page")
	}
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	if !strings.Contains(string(out), `<li class="search-result"><a href="../../fr/netiquette/"`) {
		t.Errorf("the dumped search page has no result for netiquette:\n%.2000s", out)
	}
}
