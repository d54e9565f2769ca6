package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"example.com/handbook/build/site"
)

// warm requests pages so that they are cached.
func warm(t *testing.T, client *http.Client, base string, paths ...string) {
	t.Helper()
	for _, p := range paths {
		resp, body := get(t, client, base+"/"+p)
		if resp.StatusCode != 200 && !(p == "404.html" && resp.StatusCode == 404) {
			t.Fatalf("GET /%s: %d\n%.300s", p, resp.StatusCode, body)
		}
	}
}

var warmPages = []string{
	"index.html", "fr/", "en/", "fr/netiquette/", "en/netiquette/", "fr/divulgation/", "en/divulgation/",
	"fr/2024.1/netiquette/", "fr/2024.1/divulgation/", "fr/netiquette/history/", "fr/feed.xml",
	"fr/netiquette/feed.xml", "fr/print/", "fr/tags/", "404.html", "images/2024.1/etapes.svg",
}

// dependsOn reports whether the page at key of st depends on file.
func dependsOn(st *site.Site, key, file string) bool {
	p := st.Page(key)
	return p != nil && (slices.Contains(p.Deps, file) || slices.Contains(p.Deps, "*"))
}

func TestRebuildInvalidates(t *testing.T) {
	dir := testSource(t)
	s, ts, _ := testServer(t, dir)
	client := ts.Client()
	ctx := context.Background()
	chapter := readFile(t, dir, netiquetteFR)

	t.Run("one chapter", func(t *testing.T) {
		warm(t, client, ts.URL, warmPages...)
		old := s.Site()
		writeFile(t, dir, netiquetteFR, chapter+"\nUn paragraphe ajouté.\n")
		res := s.rebuild(ctx, []string{netiquetteFR})
		if !res.ok {
			t.Fatalf("rebuild failed: %v", s.Errors())
		}
		t.Logf("dropped: %q", res.dropped)
		for _, key := range res.dropped {
			if !dependsOn(old, key, netiquetteFR) {
				t.Errorf("%s dropped, but depends neither on %s nor on everything", key, netiquetteFR)
			}
		}
		for _, key := range warmPages {
			if dependsOn(old, key, netiquetteFR) && !slices.Contains(res.dropped, key) {
				t.Errorf("%s kept, but depends on the changed chapter", key)
			}
		}
		for _, key := range []string{"fr/netiquette/", "fr/2024.1/netiquette/", "fr/"} {
			if !slices.Contains(res.dropped, key) {
				t.Errorf("%s not dropped", key)
			}
		}
		for _, key := range []string{"fr/divulgation/", "en/divulgation/", "fr/2024.1/divulgation/", "index.html", "images/2024.1/etapes.svg"} {
			if slices.Contains(res.dropped, key) {
				t.Errorf("%s dropped: it does not show the edited chapter", key)
			}
		}
		if res.all || res.reloaded || len(res.css) > 0 {
			t.Errorf("a chapter edit reloads everything or swaps CSS: %+v", res)
		}
		if _, body := get(t, client, ts.URL+"/fr/netiquette/"); !strings.Contains(body, "Un paragraphe ajouté.") {
			t.Errorf("the page does not show the edit")
		}
	})

	t.Run("css", func(t *testing.T) {
		warm(t, client, ts.URL, warmPages...)
		_, css := get(t, client, ts.URL+"/assets/css/site.css")
		writeFile(t, dir, "static/css/site.css", css+"\nbody { outline: 1px solid red; }\n")
		res := s.rebuild(ctx, []string{"static/css/site.css"})
		if !res.ok || len(res.dropped) > 0 || res.all || res.reloaded || !slices.Equal(res.css, []string{"assets/css/site.css"}) {
			t.Fatalf("css change: %+v, want no page dropped and the stylesheet swapped", res)
		}
		if _, got := get(t, client, ts.URL+"/assets/css/site.css"); !strings.Contains(got, "outline: 1px solid red") {
			t.Errorf("the new stylesheet is not served")
		}
	})

	t.Run("javascript", func(t *testing.T) {
		warm(t, client, ts.URL, warmPages...)
		_, js := get(t, client, ts.URL+"/assets/js/main.js")
		writeFile(t, dir, "static/js/main.js", js+"\n// edited\n")
		res := s.rebuild(ctx, []string{"static/js/main.js"})
		if !res.ok || len(res.dropped) > 0 || !res.reloaded {
			t.Fatalf("js change: %+v, want every page reloaded, none dropped", res)
		}
	})

	t.Run("layouts", func(t *testing.T) {
		chapterPages := []string{"fr/netiquette/", "en/netiquette/", "fr/divulgation/", "en/divulgation/", "fr/2024.1/netiquette/", "fr/2024.1/divulgation/"}
		homePages := []string{"fr/", "en/"}
		partials := readFile(t, "../..", "layouts/partials.html")
		chapter := readFile(t, "../..", "layouts/chapter.html")
		base := readFile(t, "../..", "layouts/base.html")
		tests := []struct {
			name, file, text string
			want             []string // dropped among the warm pages; nil: every HTML page but the root redirect
		}{
			{"comment in a kind's layout", "layouts/chapter.html", chapter + "\n{{/* edited */}}\n", []string{}},
			{"kind's layout", "layouts/chapter.html", strings.Replace(chapter, `<article class="chapter"`, `<article class="chapter edited"`, 1), chapterPages},
			{"partial called by chapter and print pages", "layouts/partials.html", strings.ReplaceAll(partials, `<dl class="chapter-meta">`, `<dl class="chapter-meta edited">`), append(slices.Clone(chapterPages), "fr/print/")},
			{"partial called by the home pages", "layouts/partials.html", strings.Replace(partials, `<ol class="chapter-list"`, `<ol class="chapter-list edited"`, 1), homePages},
			{"the shell", "layouts/base.html", strings.Replace(base, `<footer class="site-footer">`, `<footer class="site-footer edited">`, 1), nil},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				if !strings.Contains(tc.text, "edited") {
					t.Fatalf("the edit of %s found nothing to change", tc.file)
				}
				warm(t, client, ts.URL, warmPages...)
				writeFile(t, dir, tc.file, tc.text)
				t.Cleanup(func() {
					os.Remove(filepath.Join(dir, filepath.FromSlash(tc.file)))
					s.rebuild(ctx, []string{tc.file})
				})
				res := s.rebuild(ctx, []string{tc.file})
				if !res.ok || res.all || res.reloaded {
					t.Fatalf("layout change: %+v, %v", res, s.Errors())
				}
				for _, key := range warmPages {
					// The root redirect has a layout of its own, without
					// base.html.
					want := isHTML(key) && key != "index.html"
					if tc.want != nil {
						want = slices.Contains(tc.want, key)
					}
					if got := slices.Contains(res.dropped, key); got != want {
						t.Errorf("%s dropped: %v, want %v", key, got, want)
					}
				}
				if tc.want != nil {
					for _, key := range tc.want {
						if _, body := get(t, client, ts.URL+"/"+key); !strings.Contains(body, "edited") {
							t.Errorf("%s does not show the layout edit", key)
						}
					}
				}
			})
		}
	})

	t.Run("errors keep the last good site", func(t *testing.T) {
		warm(t, client, ts.URL, warmPages...)
		good := readFile(t, dir, netiquetteFR)
		writeFile(t, dir, netiquetteFR, breakFrontMatter(good)+"\nTexte cassé.\n")
		res := s.rebuild(ctx, []string{netiquetteFR})
		if res.ok {
			t.Fatal("a broken front matter rebuilt")
		}
		errs := s.Errors()
		if len(errs) == 0 || errs[0].Path != netiquetteFR || errs[0].Line == 0 {
			t.Fatalf("errors = %v, want located in %s", errs, netiquetteFR)
		}
		resp, body := get(t, client, ts.URL+"/fr/netiquette/")
		if resp.StatusCode != 200 || strings.Contains(body, "Texte cassé.") {
			t.Errorf("the last good page is not served meanwhile")
		}
		// An unrelated save while broken, then the fix: the pages of both
		// changes are dropped.
		other := "content/2024.1/02-divulgation.fr.md"
		writeFile(t, dir, other, readFile(t, dir, other)+"\nAjout pendant la panne.\n")
		if res := s.rebuild(ctx, []string{other}); res.ok {
			t.Fatal("still broken, yet rebuilt")
		}
		writeFile(t, dir, netiquetteFR, good+"\nTexte réparé.\n")
		res = s.rebuild(ctx, []string{netiquetteFR})
		if !res.ok || s.Errors() != nil {
			t.Fatalf("fixed, yet %v", s.Errors())
		}
		for _, key := range []string{"fr/netiquette/", "fr/divulgation/"} {
			if !slices.Contains(res.dropped, key) {
				t.Errorf("%s not dropped after the fix", key)
			}
		}
		if _, body := get(t, client, ts.URL+"/fr/divulgation/"); !strings.Contains(body, "Ajout pendant la panne.") {
			t.Errorf("a change saved while broken is lost")
		}
	})

	t.Run("title change reaches the neighbours", func(t *testing.T) {
		warm(t, client, ts.URL, warmPages...)
		other := "content/2024.1/02-divulgation.fr.md"
		writeFile(t, dir, other, strings.Replace(readFile(t, dir, other), `title: "Divulgation"`, `title: "Divulgation responsable"`, 1))
		res := s.rebuild(ctx, []string{other})
		if !res.ok || !res.all {
			t.Fatalf("title change: %+v, %v", res, s.Errors())
		}
		// fr/netiquette/ links to the next chapter by its title.
		if !slices.Contains(res.dropped, "fr/netiquette/") {
			t.Errorf("the previous chapter's page keeps the old title in its next link")
		}
		if _, body := get(t, client, ts.URL+"/fr/netiquette/"); !strings.Contains(body, "Divulgation responsable") {
			t.Errorf("the new title is not on the neighbour's page")
		}
	})

	t.Run("new chapter", func(t *testing.T) {
		warm(t, client, ts.URL, warmPages...)
		writeFile(t, dir, "content/2024.1/03-critiques.fr.md", "---\ntitle: \"Critiques\"\nowner: \"Communications\"\n---\n\n## Répondre\n\nTexte.\n")
		writeFile(t, dir, "content/2024.1/03-critiques.en.md", "---\ntitle: \"Criticism\"\nowner: \"Communications\"\n---\n\n## Answering\n\nText.\n")
		res := s.rebuild(ctx, []string{"content/2024.1/03-critiques.en.md", "content/2024.1/03-critiques.fr.md"})
		if !res.ok {
			t.Fatalf("rebuild: %v", s.Errors())
		}
		if resp, _ := get(t, client, ts.URL+"/fr/critiques/"); resp.StatusCode != 200 {
			t.Errorf("new chapter: %d", resp.StatusCode)
		}
		if !slices.Contains(res.dropped, "404.html") {
			t.Errorf("the 404 page (that a new page's URL showed) is kept")
		}
	})
}

// sseStream reads events from one event stream.
type sseStream struct {
	resp   *http.Response
	events chan sseEvent
}

type sseEvent struct{ name, data string }

func openEvents(t testing.TB, client *http.Client, base, page string, gen uint64) *sseStream {
	t.Helper()
	req, _ := http.NewRequest("GET", base+"/_handbook/events?page="+page+"&gen="+itoa(gen), nil)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("Content-Type %q", ct)
	}
	st := &sseStream{resp: resp, events: make(chan sseEvent, 100)}
	go func() {
		defer close(st.events)
		sc := bufio.NewScanner(resp.Body)
		// An update carries its page's <main>: lines longer than a
		// Scanner's default.
		sc.Buffer(make([]byte, 64<<10), 64<<20)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			case line == "" && ev.name != "":
				st.events <- ev
				ev = sseEvent{}
			}
		}
	}()
	t.Cleanup(func() { resp.Body.Close() })
	return st
}

func itoa(n uint64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func (st *sseStream) next(t testing.TB) sseEvent {
	t.Helper()
	select {
	case ev, ok := <-st.events:
		if !ok {
			t.Fatal("event stream ended")
		}
		return ev
	case <-time.After(5 * time.Second):
		t.Fatal("no event")
	}
	return sseEvent{}
}

func (st *sseStream) none(t testing.TB) {
	t.Helper()
	select {
	case ev, ok := <-st.events:
		if ok {
			t.Fatalf("unexpected event %s %s", ev.name, ev.data)
		}
	case <-time.After(100 * time.Millisecond):
	}
}

func TestEvents(t *testing.T) {
	dir := testSource(t)
	s, ts, _ := testServer(t, dir)
	client := ts.Client()
	ctx := context.Background()
	_, body := get(t, client, ts.URL+"/fr/netiquette/")
	gen := pageGen(t, body)
	_, other := get(t, client, ts.URL+"/fr/divulgation/")
	chapter := readFile(t, dir, netiquetteFR)

	st := openEvents(t, client, ts.URL, "fr/netiquette/", gen)
	st2 := openEvents(t, client, ts.URL, "fr/divulgation/", pageGen(t, other))
	st.none(t)

	t.Run("edit", func(t *testing.T) {
		writeFile(t, dir, netiquetteFR, chapter+"\nAjout.\n")
		s.rebuild(ctx, []string{netiquetteFR})
		ev := st.next(t)
		var d reloadData
		if err := json.Unmarshal([]byte(ev.data), &d); err != nil || ev.name != "update" || !slices.Equal(d.Pages, []string{"fr/netiquette/"}) || d.Save != 2 {
			t.Fatalf("event %s %s, want an update of fr/netiquette/", ev.name, ev.data)
		}
		// The event carries the new page's parts, as the page is served:
		// the tab needs no request.
		_, page := get(t, client, ts.URL+"/fr/netiquette/")
		ps, _ := cutParts([]byte(page))
		if d.Gen != 2 || pageGen(t, page) != 2 || d.Shell == "" || !strings.Contains(page, `data-shell="`+d.Shell+`"`) {
			t.Errorf("event gen %d shell %q; the page: gen %d", d.Gen, d.Shell, pageGen(t, page))
		}
		if d.Main != string(ps.main) || !strings.Contains(d.Main, "<p>Ajout.</p>") || !strings.HasPrefix(d.Main, "<main") {
			t.Errorf("event main %q\nwant the page's %q", d.Main, ps.main)
		}
		if d.Since != string(ps.since) || d.Banner != string(ps.banner) || d.Title != "Nétiquette — Charte de test" {
			t.Errorf("event title %q, banner %q, since %q; the page's %q, %q, %q", d.Title, d.Banner, d.Since, ps.title, ps.banner, ps.since)
		}
		// Targeted: the tab on another chapter gets nothing at all.
		st2.none(t)
	})
	t.Run("broken front matter", func(t *testing.T) {
		writeFile(t, dir, netiquetteFR, breakFrontMatter(chapter))
		s.rebuild(ctx, []string{netiquetteFR})
		ev := st.next(t)
		var d errorsData
		if err := json.Unmarshal([]byte(ev.data), &d); err != nil || ev.name != "errors" || len(d.Errors) == 0 {
			t.Fatalf("event %s %s, want errors", ev.name, ev.data)
		}
		if e := d.Errors[0]; e.Path != netiquetteFR || e.Line == 0 || !strings.HasPrefix(e.Text, netiquetteFR+":") {
			t.Errorf("error %+v does not name the file and line", e)
		}
		st2.next(t)
	})
	t.Run("a tab opened while broken sees the errors", func(t *testing.T) {
		_, body := get(t, client, ts.URL+"/en/netiquette/")
		st3 := openEvents(t, client, ts.URL, "en/netiquette/", pageGen(t, body))
		if ev := st3.next(t); ev.name != "errors" {
			t.Errorf("event %s %s, want errors", ev.name, ev.data)
		}
		st3.none(t)
	})
	t.Run("fix", func(t *testing.T) {
		writeFile(t, dir, netiquetteFR, chapter)
		s.rebuild(ctx, []string{netiquetteFR})
		if ev := st.next(t); ev.name != "errors" || ev.data != `{"errors":[]}` {
			t.Fatalf("event %s %s, want the errors cleared", ev.name, ev.data)
		}
		if ev := st.next(t); ev.name != "update" || !strings.Contains(ev.data, `"fr/netiquette/"`) {
			t.Fatalf("event %s %s, want an update", ev.name, ev.data)
		}
		// The other tab saw the errors come and go, and nothing else.
		if ev := st2.next(t); ev.name != "errors" || ev.data != `{"errors":[]}` {
			t.Errorf("the other tab got %s %s, want the errors cleared", ev.name, ev.data)
		}
		st2.none(t)
	})
	// A page loaded before the stylesheet change, whose stream opens only
	// after it (the reload.js of a page that just reloaded).
	_, before := get(t, client, ts.URL+"/fr/netiquette/")
	t.Run("css", func(t *testing.T) {
		writeFile(t, dir, "static/css/site.css", "body { color: red; }\n")
		s.rebuild(ctx, []string{"static/css/site.css"})
		ev := st.next(t)
		if ev.name != "css" || ev.data != `{"files":["assets/css/site.css"]}` {
			t.Fatalf("event %s %s, want a css swap", ev.name, ev.data)
		}
		st.none(t)
	})
	t.Run("a stream opened after a css change swaps it", func(t *testing.T) {
		late := openEvents(t, client, ts.URL, "fr/netiquette/", pageGen(t, before))
		if ev := late.next(t); ev.name != "css" || ev.data != `{"files":["assets/css/site.css"]}` {
			t.Errorf("event %s %s, want a css swap", ev.name, ev.data)
		}
		late.none(t)
		// A page rendered after the change has the new stylesheet already.
		_, fresh := get(t, client, ts.URL+"/en/divulgation/")
		st5 := openEvents(t, client, ts.URL, "en/divulgation/", pageGen(t, fresh))
		st5.none(t)
	})
	t.Run("stale page", func(t *testing.T) {
		// A tab whose page was rendered before a rebuild it did not hear
		// of reloads at once.
		st4 := openEvents(t, client, ts.URL, "fr/netiquette/", gen)
		if ev := st4.next(t); ev.name != "update" || ev.data != `{"pages":["fr/netiquette/"],"save":4}` {
			t.Errorf("event %s %s, want an update", ev.name, ev.data)
		}
	})
	t.Run("shutdown ends the streams", func(t *testing.T) {
		s.endStreams()
		select {
		case _, ok := <-st.events:
			for ok {
				_, ok = <-st.events
			}
		case <-time.After(5 * time.Second):
			t.Fatal("stream still open after endStreams")
		}
		if n := s.events.count(); n != 0 {
			// Handlers unsubscribe as they return.
			time.Sleep(100 * time.Millisecond)
			if n := s.events.count(); n != 0 {
				t.Errorf("%d streams still registered", n)
			}
		}
	})
}
