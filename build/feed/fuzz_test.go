package feed

import (
	"bytes"
	"encoding/xml"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

// FuzzWriteRSS writes arbitrary strings in every field of an RSS feed: the
// result must be well-formed XML that gofeed parses, and the text must read
// back as written (less what XML cannot carry).
func FuzzWriteRSS(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, title, text, html, id string, sec int64) {
		fuzzFeed(t, "rss", WriteRSS, title, text, html, id, sec)
	})
}

// FuzzWriteAtom is FuzzWriteRSS for Atom.
func FuzzWriteAtom(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, title, text, html, id string, sec int64) {
		fuzzFeed(t, "atom", WriteAtom, title, text, html, id, sec)
	})
}

func addSeeds(f *testing.F) {
	f.Add("Nétiquette & «\u00a0savoir-vivre\u00a0»", "24 h < 48 h", `<p><ins>sous 24 h</ins></p>`, "urn:uuid:6729391e-bbe4-560b-b5c5-2110b7d36a5d", int64(1740805200))
	f.Add("]]><![CDATA[x", "a\x00b\x1b\r\n", "&amp;&#0;&#xD800;", "\xff\xfe", int64(-1))
	f.Add("", "", "", "", int64(0))
}

// fuzzFeed builds a feed from the fuzzer's values, writes it and checks it.
func fuzzFeed(t *testing.T, format string, write func(io.Writer, *Feed) error, title, text, html, id string, sec int64) {
	pub := fuzzTime(sec)
	f := &Feed{
		Title: title, Subtitle: text, Author: text, Lang: id,
		Link: text, Self: title, ID: "urn:x" + id,
		Entries: []Entry{
			{ID: "a" + id, Title: title, Link: title, Published: pub, Summary: text, ContentHTML: html, Categories: []string{title, "", text}},
			{ID: "b" + id, Title: text, Link: text, Published: fuzzTime(sec / 3), Updated: pub, Summary: html, ContentHTML: text},
		},
	}
	var b bytes.Buffer
	if err := write(&b, f); err != nil {
		t.Fatalf("write: %v", err)
	}
	doc := b.Bytes()
	checkWellFormed(t, doc)

	byID := map[string]Entry{xmlText("a" + id): f.Entries[0], xmlText("b" + id): f.Entries[1]}
	if format == "rss" {
		var r rssDoc
		if err := xml.Unmarshal(doc, &r); err != nil {
			t.Fatal(err)
		}
		checkString(t, "title", r.Channel.Title, xmlText(title))
		if len(r.Channel.Items) != 2 {
			t.Fatalf("%d items", len(r.Channel.Items))
		}
		for _, it := range r.Channel.Items {
			e, ok := byID[it.GUID]
			if !ok {
				t.Fatalf("unknown guid %q", it.GUID)
			}
			checkString(t, "item title", it.Title, xmlText(e.Title))
			if e.ContentHTML != "" {
				checkString(t, "description", it.Description, xmlText(e.ContentHTML))
			}
			var cats []string
			for _, c := range e.Categories {
				if c != "" {
					cats = append(cats, xmlText(c))
				}
			}
			if !slices.Equal(it.Categories, cats) {
				t.Errorf("categories %q, want %q", it.Categories, cats)
			}
		}
	} else {
		var a atomDoc
		if err := xml.Unmarshal(doc, &a); err != nil {
			t.Fatal(err)
		}
		checkString(t, "title", a.Title, xmlText(title))
		checkString(t, "xml:lang", a.Lang, xmlText(id))
		if len(a.Entries) != 2 {
			t.Fatalf("%d entries", len(a.Entries))
		}
		for _, en := range a.Entries {
			e, ok := byID[en.ID]
			if !ok {
				t.Fatalf("unknown id %q", en.ID)
			}
			checkString(t, "entry title", en.Title, xmlText(e.Title))
			checkString(t, "link href", en.Link.Href, xmlText(e.Link))
			checkString(t, "summary", en.Summary, xmlText(e.Summary))
			checkString(t, "content", en.Content, xmlText(e.ContentHTML))
		}
	}

	p, err := gofeed.NewParser().ParseString(string(doc))
	if err != nil {
		t.Fatalf("gofeed: %v\n%s", err, doc)
	}
	if p.FeedType != format {
		t.Errorf("gofeed sees %q, want %q", p.FeedType, format)
	}
	if len(p.Items) != 2 {
		t.Fatalf("gofeed: %d items, want 2", len(p.Items))
	}
	for i, it := range p.Items {
		if it.PublishedParsed == nil {
			t.Errorf("gofeed: item %d: no published date", i)
		}
	}
}

// xmlText is what an XML parser reads back from s once written: characters
// XML 1.0 cannot hold are gone, each byte of invalid UTF-8 is U+FFFD.
func xmlText(s string) string {
	var b strings.Builder
	for _, r := range s { // range yields U+FFFD for each invalid byte
		if r == 0x9 || r == 0xA || r == 0xD || r >= 0x20 && r < 0xD800 ||
			r >= 0xE000 && r < 0xFFFE || r >= 0x10000 && r <= 0x10FFFF {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// fuzzTime maps sec to a date the formats can write (year 1 to 9999) in a
// zone whose offset also comes from sec, seconds included.
func fuzzTime(sec int64) time.Time {
	const first, last = -62135596800 + 86400, 253402300799 - 86400 // 0001-01-02, 9999-12-30
	span := int64(last - first + 1)
	s := sec % span
	if s < 0 {
		s += span
	}
	off := int(sec % (14 * 3600))
	return time.Unix(first+s, 0).In(time.FixedZone("", off))
}
