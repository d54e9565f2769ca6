package site

import (
	"strings"

	"example.com/handbook/build/content"
)

// Output paths are site-root-relative, use '/', and name folders with a
// trailing slash ("fr/netiquette/"); the file written for a folder page is
// its index.html.

// rel returns the relative link from the page at from to the target to, both
// site-root-relative. Links inside the site are relative so that the
// handbook works under any sub-path of a web server.
func rel(from, to string) string {
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

// rootOf returns the relative path from a page to the site root.
func rootOf(page string) string {
	return strings.Repeat("../", strings.Count(page, "/"))
}

// fileOf returns the file written for a page path.
func fileOf(page string) string {
	if page == "" || strings.HasSuffix(page, "/") {
		return page + "index.html"
	}
	return page
}

func langHome(lang string) string { return lang + "/" }

func stableURL(lang, slug string) string { return lang + "/" + slug + "/" }

func permanentURL(lang string, e *content.Edition, slug string) string {
	return lang + "/" + e.ID + "/" + slug + "/"
}

func editionURL(lang string, e *content.Edition) string { return lang + "/" + e.ID + "/" }

func editionChangesURL(lang string, e *content.Edition) string {
	return lang + "/" + e.ID + "/changes/"
}

func redlineURL(lang string, e *content.Edition, slug string) string {
	return lang + "/" + e.ID + "/" + slug + "/changes/"
}

func historyURL(lang, slug string) string { return lang + "/" + slug + "/history/" }

func chapterFeedURL(lang, slug string) string { return lang + "/" + slug + "/feed.xml" }

func imageURL(e *content.Edition, name string) string { return "images/" + e.ID + "/" + name }

func tagURL(lang, tagSlug string) string { return lang + "/tags/" + tagSlug + "/" }
