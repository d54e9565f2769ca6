package feed

import (
	"fmt"
	"html"
	"io"
)

// WriteRSS writes f as an RSS 2.0 document: <language>, <lastBuildDate>, an
// atom:link rel="self", and per entry a <guid isPermaLink="false">, an
// RFC 822 <pubDate> and a <description> holding escaped HTML (ContentHTML,
// or the Summary when there is no content).
func WriteRSS(w io.Writer, f *Feed) error {
	entries, updated, err := prepare(f)
	if err != nil {
		return err
	}
	x := newXMLWriter(w)
	x.start("rss", "version", "2.0", "xmlns:atom", atomNS)
	x.start("channel")
	x.elem("title", f.Title)
	x.elem("link", f.Link)
	desc := f.Subtitle
	if desc == "" {
		desc = f.Title // required by RSS 2.0
	}
	x.elem("description", desc)
	if f.Lang != "" {
		x.elem("language", f.Lang)
	}
	x.date("lastBuildDate", updated, rssDate)
	if f.Self != "" {
		x.empty("atom:link", "href", f.Self, "rel", "self", "type", "application/rss+xml")
	}
	for i := range entries {
		e := &entries[i]
		x.start("item")
		x.elem("title", e.Title)
		if e.Link != "" {
			x.elem("link", e.Link)
		}
		content := e.ContentHTML
		if content == "" && e.Summary != "" {
			content = html.EscapeString(e.Summary)
		}
		if content != "" {
			x.elem("description", content)
		}
		x.elem("guid", e.ID, "isPermaLink", "false")
		x.date("pubDate", e.Published, rssDate)
		for _, c := range e.Categories {
			if c != "" {
				x.elem("category", c)
			}
		}
		x.end("item")
	}
	x.end("channel")
	x.end("rss")
	if err := x.flush(); err != nil {
		return fmt.Errorf("write RSS feed %q: %w", f.Title, err)
	}
	return nil
}
