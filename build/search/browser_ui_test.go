package search

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// waitJS waits until the JavaScript expression is truthy, across page
// loads.
func waitJS(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var err error
	for time.Now().Before(deadline) {
		var ok bool
		if ok, err = chromedp.Run(ctx, chromedp.Evaluate[bool]("!!("+expr+")")); err == nil && ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + "\n" + document.body.innerHTML`))
	t.Fatalf("waiting for %s: %v\npage: %s", what, err, state)
}

// press sends one key as a keyboard does: a keydown that carries the
// character, so that the page cancelling the keydown cancels the character
// (chromedp.KeyEvent sends the character as an event of its own).
func press(key, code, text string, keyCode int64) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: key, Code: code, Text: text, WindowsVirtualKeyCode: keyCode, NativeVirtualKeyCode: keyCode}
		if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, down); err != nil {
			return err
		}
		up := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyUp, Key: key, Code: code, WindowsVirtualKeyCode: keyCode, NativeVirtualKeyCode: keyCode}
		_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, up)
		return err
	})
}

var (
	keySlash = press("/", "Slash", "/", 191)
	keyEnter = press("Enter", "Enter", "\r", 13)
)

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func jsString(t *testing.T, ctx context.Context, expr string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return s
}

// TestBrowserUI drives ui.js through the DOM contract: the box on a
// chapter page (the "/" key, suggestions, arrows, Enter, Escape, the link
// to all results) and the search page (?q=, the URL following the query,
// marks, the count, the edition switch).
func TestBrowserUI(t *testing.T) {
	ctx := browser(t)
	site, srv := newTestSite(t)
	docs := loadFixture(t, "fr")
	site.addIndex(Build("fr", "2025.1", docs).Files())
	old := make([]Doc, len(docs))
	for i, d := range docs {
		d.URL = "fr/2024.1/" + d.Slug + "/"
		old[i] = d
	}
	site.addIndex(Build("fr", "2024.1", old).Files())
	site.files["search/editions.json"] = EditionsManifest([]EditionEntry{
		{Lang: "fr", Edition: "2025.1", Title: "Édition 2025.1", Date: "2025-01-01", Current: true, Dir: "search/fr-2025.1/"},
		{Lang: "fr", Edition: "2024.1", Title: "Édition 2024.1", Date: "2024-01-01", Dir: "search/fr-2024.1/"},
	})
	for _, d := range docs {
		site.files[d.URL+"index.html"] = page(d.URL, "fr", "2025.1", "")
	}
	site.files["fr/search/index.html"] = page("fr/search/", "fr", "2025.1", `<form class="search-box" role="search" action="./">`+
		`<label for="search-q">Termes</label><input id="search-q" type="search" name="q" autocomplete="off" role="combobox" aria-autocomplete="list" aria-controls="search-suggest" aria-expanded="false">`+
		`<label for="search-edition">Édition</label><select id="search-edition" name="edition"><option value="2025.1" selected>2025.1</option><option value="2024.1">2024.1</option><option value="all">Toutes</option></select>`+
		`<button>Rechercher</button><div id="search-suggest" hidden></div></form>`+
		`<p id="search-status" role="status" aria-live="polite"></p><ol id="search-results"></ol>`)

	t.Run("box", func(t *testing.T) {
		do(t, ctx, chromedp.Navigate(srv.URL+"/fr/netiquette/"), chromedp.WaitReady(chromedp.CSS("#search-q")))
		do(t, ctx, keySlash)
		waitJS(t, ctx, "the / key to focus the box", `document.activeElement.id === "search-q"`)
		do(t, ctx, chromedp.SendKeys(chromedp.CSS("#search-q"), "renseignement person"))
		waitJS(t, ctx, "suggestions", `!document.getElementById("search-suggest").hidden && document.getElementById("search-suggest").textContent.includes("« renseignement person »")`)
		if got := jsString(t, ctx, `document.getElementById("search-q").getAttribute("aria-expanded")`); got != "true" {
			t.Errorf("aria-expanded %q with suggestions shown", got)
		}
		first := jsString(t, ctx, `document.querySelector("#search-suggest [role=option]").dataset.href`)
		if !strings.HasPrefix(first, "../../fr/renseignements-personnels/") {
			t.Errorf("first suggestion links %q", first)
		}
		last := jsString(t, ctx, `(o => o.textContent + "|" + o.dataset.href)([...document.querySelectorAll("#search-suggest [role=option]")].pop())`)
		if last != "Tous les résultats pour « renseignement person »|../../fr/search/?q=renseignement+person&edition=2025.1" {
			t.Errorf("last suggestion %q", last)
		}
		do(t, ctx, chromedp.KeyEvent(kb.ArrowDown))
		if got := jsString(t, ctx, `(i => i.getAttribute("aria-activedescendant") + " " + document.getElementById(i.getAttribute("aria-activedescendant")).getAttribute("aria-selected"))(document.getElementById("search-q"))`); got != "search-opt-0 true" {
			t.Errorf("after ArrowDown: active %q", got)
		}
		do(t, ctx, chromedp.KeyEvent(kb.ArrowUp))
		n := jsString(t, ctx, `String(document.querySelectorAll("#search-suggest [role=option]").length - 1)`)
		if got := jsString(t, ctx, `document.getElementById("search-q").getAttribute("aria-activedescendant")`); got != "search-opt-"+n {
			t.Errorf("ArrowUp from the first option: active %q, want the last (search-opt-%s)", got, n)
		}
		do(t, ctx, chromedp.KeyEvent(kb.Escape))
		waitJS(t, ctx, "Escape to close", `document.getElementById("search-suggest").hidden && document.getElementById("search-q").getAttribute("aria-expanded") === "false"`)
		do(t, ctx, chromedp.SendKeys(chromedp.CSS("#search-q"), "n"))
		waitJS(t, ctx, "suggestions again", `!document.getElementById("search-suggest").hidden && document.getElementById("search-suggest").textContent.includes("« renseignement personn »")`)
		do(t, ctx, chromedp.KeyEvent(kb.ArrowDown))
		waitJS(t, ctx, "the first option active", `document.getElementById("search-q").getAttribute("aria-activedescendant") === "search-opt-0"`)
		do(t, ctx, keyEnter)
		waitJS(t, ctx, "Enter to open the first result", `location.pathname === "/fr/renseignements-personnels/"`)
	})

	t.Run("submit", func(t *testing.T) {
		do(t, ctx, chromedp.Navigate(srv.URL+"/fr/critiques/"), chromedp.WaitReady(chromedp.CSS("#search-q")))
		do(t, ctx, chromedp.SendKeys(chromedp.CSS("#search-q"), "netiquette"), keyEnter)
		waitJS(t, ctx, "the search page", `location.pathname === "/fr/search/" && document.querySelector("#search-results li")`)
		if got := jsString(t, ctx, `location.search`); got != "?q=netiquette&edition=2025.1" {
			t.Errorf("search page URL %q", got)
		}
		a := jsString(t, ctx, `(a => a.getAttribute("href") + "|" + a.textContent)(document.querySelector("#search-results > li a"))`)
		if a != "../../fr/netiquette/|Nétiquette" {
			t.Errorf("first result's first link %q", a)
		}
		waitJS(t, ctx, "the count", `/^\d+ résultats?$/.test(document.getElementById("search-status").textContent)`)
	})

	t.Run("page", func(t *testing.T) {
		do(t, ctx, chromedp.Navigate(srv.URL+"/fr/search/?q=mots+de+pass&edition=2025.1"))
		waitJS(t, ctx, "results from ?q=", `document.querySelector("#search-results li")`)
		if got := jsString(t, ctx, `document.getElementById("search-q").value`); got != "mots de pass" {
			t.Errorf("box prefilled with %q", got)
		}
		a := jsString(t, ctx, `document.querySelector("#search-results > li a").getAttribute("href")`)
		if a != "../../fr/securite-des-comptes/#1-mots-de-passe" {
			t.Errorf("first result links %q, want the section", a)
		}
		waitJS(t, ctx, "the snippets", `!document.querySelector("#search-results [aria-busy]")`)
		li := jsString(t, ctx, `document.querySelector("#search-results > li").innerHTML`)
		for _, want := range []string{`Sécurité des comptes`, `1. Mots de passe`, `<mark>mot</mark> de <mark>passe</mark>`} {
			if !strings.Contains(li, want) {
				t.Errorf("first result lacks %q:\n%s", want, li)
			}
		}
		do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("search-q").select()`), chromedp.SendKeys(chromedp.CSS("#search-q"), "humour"))
		waitJS(t, ctx, "the URL to follow the query", `location.search === "?q=humour&edition=2025.1"`)
		waitJS(t, ctx, "results for the new query", `document.querySelector("#search-results > li a").getAttribute("href").startsWith("../../fr/netiquette/")`)

		do(t, ctx, chromedp.SetValue(chromedp.CSS("#search-edition"), "all"),
			chromedp.Evaluate[chromedp.Void](`document.getElementById("search-edition").dispatchEvent(new Event("change"))`))
		waitJS(t, ctx, "results of every edition", `[...document.querySelectorAll("#search-results > li > a")].some(a => a.getAttribute("href").startsWith("../../fr/2024.1/netiquette/"))`)
		if got := jsString(t, ctx, `location.search`); got != "?q=humour&edition=all" {
			t.Errorf("URL %q after switching to all editions", got)
		}
		if got := jsString(t, ctx, `document.querySelector("#search-results .search-result-edition").textContent`); !strings.HasPrefix(got, "Édition ") {
			t.Errorf("edition label %q", got)
		}

		do(t, ctx, chromedp.Navigate(srv.URL+"/fr/search/?q=zzqxw"))
		waitJS(t, ctx, "the no-result message", `document.getElementById("search-status").textContent === "Aucun résultat pour « zzqxw »."`)
	})
}
