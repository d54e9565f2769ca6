// Package route names the output paths of the site: where each page of a
// handbook is written and how one page links to another.
package route

import (
	"strings"

	"example.com/handbook/build/content"
)

// Output paths are site-root-relative, use '/', and name folders with a
// trailing slash ("fr/netiquette/"); the file written for a folder page is
// its index.html.

// Rel returns the relative link from the page at from to the target to, both
// site-root-relative. Links inside the site are relative so that the
// handbook works under any sub-path of a web server.
func Rel(from, to string) string {
	fromDir := from
	if i := strings.LastIndexByte(fromDir, '/'); i >= 0 {
		fromDir = fromDir[:i+1]
	} else {
		fromDir = ""
	}
	frag := ""
	if i := strings.IndexByte(to, '#'); i >= 0 {
		to, frag = to[:i], to[i:]
	}
	fs := splitDir(fromDir)
	ts := strings.Split(to, "/")
	// ts's last element is the file name ("" for a folder).
	n := 0
	for n < len(fs) && n < len(ts)-1 && fs[n] == ts[n] {
		n++
	}
	var b strings.Builder
	for range fs[n:] {
		b.WriteString("../")
	}
	b.WriteString(strings.Join(ts[n:], "/"))
	out := b.String()
	if out == "" {
		out = "./"
	}
	return out + frag
}

func splitDir(dir string) []string {
	dir = strings.TrimSuffix(dir, "/")
	if dir == "" {
		return nil
	}
	return strings.Split(dir, "/")
}

// RootOf returns the relative path from a page to the site root.
func RootOf(page string) string {
	return strings.Repeat("../", strings.Count(page, "/"))
}

// FileOf returns the file written for a page path.
func FileOf(page string) string {
	if page == "" || strings.HasSuffix(page, "/") {
		return page + "index.html"
	}
	return page
}

// LangHome is the home page of a language.
func LangHome(lang string) string { return lang + "/" }

// Stable is the address of a chapter in the current edition, the one
// readers share.
func Stable(lang, slug string) string { return lang + "/" + slug + "/" }

// Permanent is the address of a chapter in edition e, which never changes.
func Permanent(lang string, e *content.Edition, slug string) string {
	return lang + "/" + e.ID + "/" + slug + "/"
}

// Edition is the contents page of edition e.
func Edition(lang string, e *content.Edition) string { return lang + "/" + e.ID + "/" }

// EditionChanges lists what edition e changed.
func EditionChanges(lang string, e *content.Edition) string {
	return lang + "/" + e.ID + "/changes/"
}

// Redline shows what edition e changed in one chapter.
func Redline(lang string, e *content.Edition, slug string) string {
	return lang + "/" + e.ID + "/" + slug + "/changes/"
}

// Since is the cumulative redline of a chapter of edition e from the
// older edition's wording.
func Since(lang string, e *content.Edition, slug string, older *content.Edition) string {
	return lang + "/" + e.ID + "/" + slug + "/changes/since/" + older.ID + "/"
}

// History lists every wording of a chapter.
func History(lang, slug string) string { return lang + "/" + slug + "/history/" }

// HistoryEntry is the entry of edition e on the history page of a chapter
// whose history lives at slug: where links go that would show the
// redline of a text that edition did not change.
func HistoryEntry(lang, slug string, e *content.Edition) string {
	return History(lang, slug) + "#" + HistoryAnchor(e)
}

// HistoryAnchor is the id of edition e's entry on a history page.
func HistoryAnchor(e *content.Edition) string { return "edition-" + e.ID }

// ChapterFeed is the RSS feed of one chapter.
func ChapterFeed(lang, slug string) string { return lang + "/" + slug + "/feed.xml" }

// Image is where an image of edition e is published.
func Image(e *content.Edition, name string) string { return "images/" + e.ID + "/" + name }

// Tag lists the chapters of the current edition with one tag.
func Tag(lang, tagSlug string) string { return lang + "/tags/" + tagSlug + "/" }
