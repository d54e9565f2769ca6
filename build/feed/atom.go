package feed

import (
	"fmt"
	"io"
)

const atomNS = "http://www.w3.org/2005/Atom"

// WriteAtom writes f as an Atom 1.0 document (RFC 4287): xml:lang, <id>,
// RFC 3339 dates, <link rel="alternate"> and rel="self", an <author>, and
// per entry <summary> (plain text) and <content type="html">.
func WriteAtom(w io.Writer, f *Feed) error {
	entries, updated, err := prepare(f)
	if err != nil {
		return err
	}
	if f.ID == "" {
		return fmt.Errorf("feed %q: Atom needs an ID", f.Title)
	}
	x := newXMLWriter(w)
	if f.Lang != "" {
		x.start("feed", "xmlns", atomNS, "xml:lang", f.Lang)
	} else {
		x.start("feed", "xmlns", atomNS)
	}
	x.elem("id", f.ID)
	x.elem("title", f.Title, "type", "text")
	if f.Subtitle != "" {
		x.elem("subtitle", f.Subtitle, "type", "text")
	}
	x.date("updated", updated, atomDate)
	if f.Link != "" {
		if f.Lang != "" {
			x.empty("link", "rel", "alternate", "type", "text/html", "hreflang", f.Lang, "href", f.Link)
		} else {
			x.empty("link", "rel", "alternate", "type", "text/html", "href", f.Link)
		}
	}
	if f.Self != "" {
		x.empty("link", "rel", "self", "type", "application/atom+xml", "href", f.Self)
	}
	author := f.Author
	if author == "" {
		author = f.Title
	}
	x.start("author")
	x.elem("name", author)
	x.end("author")
	for i := range entries {
		e := &entries[i]
		x.start("entry")
		x.elem("id", e.ID)
		x.elem("title", e.Title, "type", "text")
		if e.Link != "" {
			x.empty("link", "rel", "alternate", "type", "text/html", "href", e.Link)
		}
		x.date("published", e.Published, atomDate)
		x.date("updated", e.updated(), atomDate)
		if e.Summary != "" {
			x.elem("summary", e.Summary, "type", "text")
		}
		if e.ContentHTML != "" {
			if e.Link != "" {
				x.elem("content", e.ContentHTML, "type", "html", "xml:base", e.Link)
			} else {
				x.elem("content", e.ContentHTML, "type", "html")
			}
		}
		for _, c := range e.Categories {
			if c != "" {
				x.empty("category", "term", c)
			}
		}
		x.end("entry")
	}
	x.end("feed")
	if err := x.flush(); err != nil {
		return fmt.Errorf("write Atom feed %q: %w", f.Title, err)
	}
	return nil
}
