package feed

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"time"
)

// JSONFeedVersion is the version URL a JSON Feed 1.1 document starts with.
const JSONFeedVersion = "https://jsonfeed.org/version/1.1"

// Extension is what the JSON Feed carries beside the standard fields, as
// its "_handbook" object, so that compliance tools can file a change
// without parsing titles: the edition, the chapter's slug (empty for an
// edition entry), the kind of change, the date the wording takes effect
// and the change note. RSS and Atom leave it out.
type Extension struct {
	Edition   string
	Chapter   string
	Kind      string // "edition", "added", "changed", "renamed", "removed"
	Effective time.Time
	Change    string
}

// jsonFeed and jsonItem are JSON Feed 1.1 documents, fields in the order
// of the specification; empty optional fields are left out.
type jsonFeed struct {
	Version     string       `json:"version"`
	Title       string       `json:"title"`
	HomePageURL string       `json:"home_page_url,omitempty"`
	FeedURL     string       `json:"feed_url,omitempty"`
	Description string       `json:"description,omitempty"`
	Authors     []jsonAuthor `json:"authors,omitempty"`
	Language    string       `json:"language,omitempty"`
	Items       []jsonItem   `json:"items"`
}

type jsonAuthor struct {
	Name string `json:"name"`
}

type jsonItem struct {
	ID            string         `json:"id"`
	URL           string         `json:"url,omitempty"`
	Title         string         `json:"title,omitempty"`
	ContentHTML   string         `json:"content_html,omitempty"`
	ContentText   string         `json:"content_text,omitempty"`
	Summary       string         `json:"summary,omitempty"`
	DatePublished string         `json:"date_published"`
	DateModified  string         `json:"date_modified,omitempty"`
	Tags          []string       `json:"tags,omitempty"`
	Handbook      *jsonExtension `json:"_handbook,omitempty"`
}

type jsonExtension struct {
	Edition   string `json:"edition"`
	Chapter   string `json:"chapter,omitempty"`
	Kind      string `json:"kind,omitempty"`
	Effective string `json:"effective,omitempty"` // YYYY-MM-DD
	Change    string `json:"change,omitempty"`
}

// WriteJSON writes f as a JSON Feed 1.1 document: the same entries, ids,
// order and dates (RFC 3339) as WriteRSS and WriteAtom, each item with
// content_html (content_text when there is no HTML), and the entry's
// Extension as "_handbook". Invalid UTF-8 becomes U+FFFD, as in the XML
// formats; HTML is not escaped beyond what JSON needs.
func WriteJSON(w io.Writer, f *Feed) error {
	entries, _, err := prepare(f)
	if err != nil {
		return err
	}
	doc := jsonFeed{
		Version:     JSONFeedVersion,
		Title:       f.Title,
		HomePageURL: f.Link,
		FeedURL:     f.Self,
		Description: f.Subtitle,
		Language:    f.Lang,
		Items:       make([]jsonItem, 0, len(entries)),
	}
	if f.Author != "" {
		doc.Authors = []jsonAuthor{{Name: f.Author}}
	}
	for i := range entries {
		e := &entries[i]
		it := jsonItem{
			ID:            e.ID,
			URL:           e.Link,
			Title:         e.Title,
			ContentHTML:   e.ContentHTML,
			Summary:       e.Summary,
			DatePublished: jsonDate(e.Published),
		}
		if !e.Updated.IsZero() && !e.Updated.Equal(e.Published) {
			it.DateModified = jsonDate(e.Updated)
		}
		if it.ContentHTML == "" {
			// An item needs content_html or content_text.
			it.ContentText = e.Summary
			if it.ContentText == "" {
				it.ContentText = e.Title
			}
		}
		for _, c := range e.Categories {
			if c != "" {
				it.Tags = append(it.Tags, c)
			}
		}
		if x := e.Handbook; x != nil {
			jx := &jsonExtension{Edition: x.Edition, Chapter: x.Chapter, Kind: x.Kind, Change: x.Change}
			if !x.Effective.IsZero() {
				jx.Effective = x.Effective.Format(time.DateOnly)
			}
			it.Handbook = jx
		}
		doc.Items = append(doc.Items, it)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write JSON feed %q: %w", f.Title, err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write JSON feed %q: %w", f.Title, err)
	}
	return nil
}

// jsonDate writes t in RFC 3339 to the second, as Atom does.
func jsonDate(t time.Time) string {
	return string(appendDate(nil, t, atomDate))
}

// ValidateJSONFeed checks doc against the rules of JSON Feed 1.1 that a
// reader relies on, and the "_handbook" object: the version URL; a title;
// an items array; per item a unique non-empty string id, content_html or
// content_text, RFC 3339 dates; every URL absolute (http or https, with a
// host); and, where "_handbook" is present, a non-empty edition and an
// effective date written YYYY-MM-DD. It returns every fault found, joined.
// Tests use it on what the writer and the build produce; an adopter's CI
// may too.
func ValidateJSONFeed(doc []byte) error {
	var f map[string]any
	if err := json.Unmarshal(doc, &f); err != nil {
		return fmt.Errorf("JSON feed: not JSON: %w", err)
	}
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf("JSON feed: "+format, args...)) }
	if v, _ := f["version"].(string); v != JSONFeedVersion {
		fail("version is %q, want %q", f["version"], JSONFeedVersion)
	}
	if s, ok := f["title"].(string); !ok || s == "" {
		fail("no title")
	}
	for _, key := range []string{"home_page_url", "feed_url"} {
		if v, ok := f[key]; ok {
			checkAbsolute(fail, key, v)
		}
	}
	items, ok := f["items"].([]any)
	if !ok {
		fail("items is not an array")
	}
	seen := map[string]bool{}
	for i, raw := range items {
		it, ok := raw.(map[string]any)
		if !ok {
			fail("item %d is not an object", i)
			continue
		}
		id, ok := it["id"].(string)
		switch {
		case !ok || id == "":
			fail("item %d: id is not a non-empty string", i)
		case seen[id]:
			fail("item %d: id %q repeats", i, id)
		}
		seen[id] = true
		html, _ := it["content_html"].(string)
		text, _ := it["content_text"].(string)
		if html == "" && text == "" {
			fail("item %q: neither content_html nor content_text", id)
		}
		if v, ok := it["url"]; ok {
			checkAbsolute(fail, "item "+id+" url", v)
		}
		for _, key := range []string{"date_published", "date_modified"} {
			if v, ok := it[key]; ok {
				s, _ := v.(string)
				if _, err := time.Parse(time.RFC3339, s); err != nil {
					fail("item %q: %s %q is not RFC 3339", id, key, v)
				}
			}
		}
		if v, ok := it["_handbook"]; ok {
			x, ok := v.(map[string]any)
			if !ok {
				fail("item %q: _handbook is not an object", id)
				continue
			}
			if e, _ := x["edition"].(string); e == "" {
				fail("item %q: _handbook has no edition", id)
			}
			if d, ok := x["effective"]; ok {
				s, _ := d.(string)
				if _, err := time.Parse(time.DateOnly, s); err != nil {
					fail("item %q: _handbook effective %q is not YYYY-MM-DD", id, d)
				}
			}
		}
	}
	return errors.Join(errs...)
}

func checkAbsolute(fail func(string, ...any), what string, v any) {
	s, _ := v.(string)
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		fail("%s %q is not an absolute http(s) URL", what, v)
	}
}
