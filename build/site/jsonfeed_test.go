package site_test

// Tests of the JSON Feed (issue 19) on built output: it passes the JSON
// Feed 1.1 rules (feed.ValidateJSONFeed), an independent reader (gofeed)
// finds in it the same entries, ids, order, titles, links and dates as in
// the RSS feed of its language, and its _handbook fields say what the
// sources say.

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"example.com/handbook/build/feed"
)

type jsonFeedDoc struct {
	FeedURL string `json:"feed_url"`
	Items   []struct {
		ID          string `json:"id"`
		URL         string `json:"url"`
		Title       string `json:"title"`
		Summary     string `json:"summary"`
		ContentHTML string `json:"content_html"`
		Handbook    *struct {
			Edition, Chapter, Kind, Effective, Change string
		} `json:"_handbook"`
	} `json:"items"`
}

func TestJSONFeed(t *testing.T) {
	const base = "https://intranet.example.com/handbook/"
	out, _ := buildAt(t, "testdata/basic", day(t, "2025-06-01"), false, true)
	for _, lang := range []string{"fr", "en"} {
		t.Run(lang, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(out, lang, "feed.json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := feed.ValidateJSONFeed(raw); err != nil {
				t.Fatal(err)
			}
			var doc jsonFeedDoc
			if err := json.Unmarshal(raw, &doc); err != nil {
				t.Fatal(err)
			}
			if doc.FeedURL != base+lang+"/feed.json" {
				t.Errorf("feed_url %q", doc.FeedURL)
			}
			jf, err := gofeed.NewParser().ParseString(string(raw))
			if err != nil {
				t.Fatalf("gofeed: %v", err)
			}
			rssRaw, err := os.ReadFile(filepath.Join(out, lang, "feed.xml"))
			if err != nil {
				t.Fatal(err)
			}
			rf, err := gofeed.NewParser().ParseString(string(rssRaw))
			if err != nil {
				t.Fatal(err)
			}
			if jf.FeedType != "json" || len(jf.Items) != len(rf.Items) || len(jf.Items) == 0 {
				t.Fatalf("JSON feed: type %q, %d items; RSS: %d items", jf.FeedType, len(jf.Items), len(rf.Items))
			}
			for i, it := range jf.Items {
				r := rf.Items[i]
				if it.GUID != r.GUID || it.Title != r.Title || it.Link != r.Link || !it.PublishedParsed.Equal(*r.PublishedParsed) {
					t.Errorf("item %d: JSON %q %q %q %v, RSS %q %q %q %v", i, it.GUID, it.Title, it.Link, it.PublishedParsed, r.GUID, r.Title, r.Link, r.PublishedParsed)
				}
				if err := resolveURL(out, base, it.Link); err != nil {
					t.Errorf("item %q: %v", it.GUID, err)
				}
			}
			kinds := map[string]int{}
			for _, it := range doc.Items {
				x := it.Handbook
				if x == nil {
					t.Errorf("item %q has no _handbook", it.ID)
					continue
				}
				kinds[x.Kind]++
				if !strings.Contains(it.Title, x.Edition) {
					t.Errorf("item %q: edition %q not in its title %q", it.ID, x.Edition, it.Title)
				}
				if x.Kind == "edition" {
					if x.Chapter != "" || x.Effective == "" {
						t.Errorf("edition item %q: %+v", it.ID, *x)
					}
					continue
				}
				if x.Chapter == "" || (x.Kind != "removed" && x.Effective == "") {
					t.Errorf("chapter item %q: %+v", it.ID, *x)
				}
				if x.Change != "" && !strings.Contains(it.ContentHTML, x.Change) {
					t.Errorf("item %q: change note %q not in the content", it.ID, x.Change)
				}
			}
			// Every id is the one the handbook's id, the edition, the
			// language and the slug give: the _handbook fields name the
			// entry they stand on.
			for _, it := range doc.Items {
				if x := it.Handbook; x != nil {
					if want := feed.EntryID(feed.HandbookID("test-handbook", base), x.Edition, lang, x.Chapter); it.ID != want {
						t.Errorf("item %q: _handbook %+v gives the id %q", it.ID, *x, want)
					}
				}
			}
			for _, k := range []string{"edition", "added", "changed"} {
				if kinds[k] == 0 {
					t.Errorf("no %q item: %v", k, kinds)
				}
			}
		})
	}
}

// TestFeedEntriesSayWhatAndWhen: an "added" entry gives the chapter's
// summary, a "modified" one the date its wording takes effect.
func TestFeedEntriesSayWhatAndWhen(t *testing.T) {
	src := copyTree(t, "testdata/basic")
	p := filepath.Join(src, "content", "2024.1", "03-privacy.fr.md")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	const summary = "Ce que l’entreprise fait des renseignements personnels."
	writeFile(t, p, strings.Replace(string(b), "\n---\n", "\nsummary: "+summary+"\n---\n", 1))
	out, _ := buildAt(t, src, day(t, "2025-06-01"), false, true)
	raw, err := os.ReadFile(filepath.Join(out, "fr", "feed.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc jsonFeedDoc
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var sawAdded, sawChanged bool
	for _, it := range doc.Items {
		x := it.Handbook
		switch {
		case x == nil:
		case x.Kind == "added" && x.Chapter == "privacy":
			sawAdded = true
			if !strings.Contains(it.ContentHTML, summary) || !strings.Contains(it.Summary, summary) {
				t.Errorf("added entry without the chapter's summary: %q / %q", it.Summary, it.ContentHTML)
			}
		case x.Kind == "changed":
			sawChanged = true
			if !strings.Contains(it.Summary, "En vigueur à partir du") || !strings.Contains(it.ContentHTML, "En vigueur à partir du") {
				t.Errorf("changed entry without its effective date: %q / %q", it.Summary, it.ContentHTML)
			}
		}
	}
	if !sawAdded || !sawChanged {
		t.Errorf("added privacy entry seen %v, changed entry seen %v", sawAdded, sawChanged)
	}
}

// TestJSONFeedDiscovered: pages link the JSON Feed for autodiscovery, and
// the subscribe page lists it.
func TestJSONFeedDiscovered(t *testing.T) {
	out, _ := buildAt(t, "testdata/basic", day(t, "2025-06-01"), false, true)
	for _, p := range []string{"fr/index.html", "fr/intro/index.html", "en/subscribe/index.html", "404.html"} {
		b, err := os.ReadFile(filepath.Join(out, p))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), `type="application/feed+json"`) {
			t.Errorf("%s: no JSON Feed autodiscovery link", p)
		}
	}
	b, _ := os.ReadFile(filepath.Join(out, "fr", "subscribe", "index.html"))
	if !strings.Contains(string(b), "https://intranet.example.com/handbook/fr/feed.json") || !strings.Contains(string(b), "JSON Feed 1.1") {
		t.Error("the subscribe page does not list feed.json")
	}
}
