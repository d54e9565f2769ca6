package feed

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"example.com/handbook/build/internal/golden"

	"github.com/mmcdole/gofeed"
)

// sampleJSON is sampleFeed as a JSON Feed, with the _handbook fields.
func sampleJSON() *Feed {
	f := sampleFeed()
	f.Self = strings.TrimSuffix(f.Self, "feed.xml") + "feed.json"
	f.Entries[0].Handbook = &Extension{Edition: "2024.1", Kind: "edition", Effective: time.Date(2024, time.January, 1, 0, 0, 0, 0, est)}
	f.Entries[1].Handbook = &Extension{Edition: "2025.1", Chapter: "netiquette", Kind: "changed",
		Effective: time.Date(2025, time.March, 15, 0, 0, 0, 0, est), Change: "Délai de réponse ramené à 24 h."}
	f.Entries[2].Handbook = &Extension{Edition: "2025.1", Kind: "edition", Effective: time.Date(2025, time.March, 1, 0, 0, 0, 0, est)}
	return f
}

func TestJSONGolden(t *testing.T) {
	got := write(t, WriteJSON, sampleJSON())
	if err := ValidateJSONFeed(got); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "fr.feed.json")
	golden.Check(t, path, got)
}

func TestJSONDeterministic(t *testing.T) {
	first := write(t, WriteJSON, sampleJSON())
	g := sampleJSON()
	slices.Reverse(g.Entries)
	if again := write(t, WriteJSON, g); !bytes.Equal(first, again) {
		t.Error("the order of Entries changes the output")
	}
}

// TestJSONWithGofeed reads the JSON Feed with gofeed and checks it carries
// the same entries, ids, order, titles, links and dates as the RSS feed.
func TestJSONWithGofeed(t *testing.T) {
	src := sampleJSON()
	doc := write(t, WriteJSON, src)
	f, err := gofeed.NewParser().ParseString(string(doc))
	if err != nil {
		t.Fatalf("gofeed: %v", err)
	}
	if f.FeedType != "json" || f.FeedVersion != JSONFeedVersion {
		t.Errorf("type %s %s, want json %s", f.FeedType, f.FeedVersion, JSONFeedVersion)
	}
	checkString(t, "title", f.Title, src.Title)
	checkString(t, "home_page_url", f.Link, src.Link)
	checkString(t, "feed_url", f.FeedLink, src.Self)
	checkString(t, "description", f.Description, src.Subtitle)
	checkString(t, "language", f.Language, "fr")
	checkItems(t, f, src, false)

	rss, err := gofeed.NewParser().ParseString(string(write(t, WriteRSS, sampleFeed())))
	if err != nil {
		t.Fatal(err)
	}
	var jsonIDs, rssIDs []string
	for i := range f.Items {
		jsonIDs = append(jsonIDs, f.Items[i].GUID)
		rssIDs = append(rssIDs, rss.Items[i].GUID)
	}
	if !slices.Equal(jsonIDs, rssIDs) {
		t.Errorf("JSON ids %v, RSS ids %v", jsonIDs, rssIDs)
	}

	// The extension, read back as plain JSON.
	var back struct {
		Items []struct {
			ID       string `json:"id"`
			Tags     []string
			Handbook map[string]string `json:"_handbook"`
		} `json:"items"`
	}
	if err := json.Unmarshal(doc, &back); err != nil {
		t.Fatal(err)
	}
	for _, it := range back.Items {
		if it.ID != EntryID(hb, "2025.1", "fr", "netiquette") {
			continue
		}
		want := map[string]string{"edition": "2025.1", "chapter": "netiquette", "kind": "changed", "effective": "2025-03-15", "change": "Délai de réponse ramené à 24 h."}
		if len(it.Handbook) != len(want) {
			t.Errorf("_handbook %v, want %v", it.Handbook, want)
		}
		for k, v := range want {
			if it.Handbook[k] != v {
				t.Errorf("_handbook.%s = %q, want %q", k, it.Handbook[k], v)
			}
		}
	}
}

// TestValidateJSONFeed: the checker accepts the writer's output and
// refuses each broken variant for the right reason.
func TestValidateJSONFeed(t *testing.T) {
	good := write(t, WriteJSON, sampleJSON())
	if err := ValidateJSONFeed(good); err != nil {
		t.Fatalf("writer output refused: %v", err)
	}
	edit := func(change func(m map[string]any)) []byte {
		var m map[string]any
		if err := json.Unmarshal(good, &m); err != nil {
			t.Fatal(err)
		}
		change(m)
		b, _ := json.Marshal(m)
		return b
	}
	item := func(m map[string]any, i int) map[string]any { return m["items"].([]any)[i].(map[string]any) }
	tests := []struct {
		name string
		doc  []byte
		want string
	}{
		{"not JSON", []byte("{"), "not JSON"},
		{"version 1.0", edit(func(m map[string]any) { m["version"] = "https://jsonfeed.org/version/1" }), "version"},
		{"no title", edit(func(m map[string]any) { delete(m, "title") }), "no title"},
		{"relative feed_url", edit(func(m map[string]any) { m["feed_url"] = "fr/feed.json" }), "feed_url"},
		{"no items", edit(func(m map[string]any) { delete(m, "items") }), "items is not an array"},
		{"repeated id", edit(func(m map[string]any) { item(m, 1)["id"] = item(m, 0)["id"] }), "repeats"},
		{"numeric id", edit(func(m map[string]any) { item(m, 0)["id"] = 7 }), "id is not"},
		{"no content", edit(func(m map[string]any) { delete(item(m, 0), "content_html") }), "neither content_html"},
		{"relative item url", edit(func(m map[string]any) { item(m, 0)["url"] = "../2025.1/" }), "url"},
		{"bad date", edit(func(m map[string]any) { item(m, 0)["date_published"] = "1 mars 2025" }), "RFC 3339"},
		{"extension without edition", edit(func(m map[string]any) { delete(item(m, 0)["_handbook"].(map[string]any), "edition") }), "no edition"},
		{"extension with a bad date", edit(func(m map[string]any) { item(m, 0)["_handbook"].(map[string]any)["effective"] = "2025-3-1" }), "YYYY-MM-DD"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateJSONFeed(tc.doc)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error with %q", err, tc.want)
			}
		})
	}
}

// TestJSONContentText: an entry without HTML gets content_text, which
// JSON Feed requires when there is no content_html.
func TestJSONContentText(t *testing.T) {
	f := sampleJSON()
	for i := range f.Entries {
		f.Entries[i].ContentHTML = ""
	}
	f.Entries[0].Summary = ""
	doc := write(t, WriteJSON, f)
	if err := ValidateJSONFeed(doc); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(doc, []byte(`"content_text": "Édition 2024.1, en vigueur le 1er janvier 2024"`)) {
		t.Errorf("the title should stand in for missing text:\n%s", doc)
	}
}

// FuzzWriteJSON writes arbitrary strings: the result is valid JSON that
// gofeed reads, with the ids as written (invalid UTF-8 as U+FFFD).
func FuzzWriteJSON(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, title, text, html, id string, sec int64) {
		pub := fuzzTime(sec)
		fd := &Feed{
			Title: title, Subtitle: text, Author: text, Lang: id, Link: text, Self: title, ID: "urn:x" + id,
			Entries: []Entry{
				{ID: "a" + id, Title: title, Link: title, Published: pub, Summary: text, ContentHTML: html, Handbook: &Extension{Edition: id, Chapter: text, Change: html, Effective: pub}},
				{ID: "b" + id, Title: text, Published: fuzzTime(sec / 3), Updated: pub, Summary: html},
			},
		}
		var b bytes.Buffer
		if err := WriteJSON(&b, fd); err != nil {
			t.Fatal(err)
		}
		if !json.Valid(b.Bytes()) {
			t.Fatalf("invalid JSON:\n%s", b.Bytes())
		}
		var back struct {
			Items []struct {
				ID string `json:"id"`
			} `json:"items"`
		}
		if err := json.Unmarshal(b.Bytes(), &back); err != nil || len(back.Items) != 2 {
			t.Fatalf("read back: %v, %d items", err, len(back.Items))
		}
		// encoding/json writes U+FFFD for each byte of invalid UTF-8, as
		// a conversion to runes reads it.
		want := []string{string([]rune(fd.Entries[0].ID)), string([]rune(fd.Entries[1].ID))}
		got := []string{back.Items[0].ID, back.Items[1].ID}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("ids %q, want %q", got, want)
		}
		if _, err := gofeed.NewParser().ParseString(b.String()); err != nil {
			t.Fatalf("gofeed: %v\n%s", err, b.Bytes())
		}
	})
}
