package serve

import (
	"path"
	"slices"
	"strings"

	"example.com/handbook/build/content"
	"example.com/handbook/build/site"
)

// assetDir is where the preview site serves static files: unfingerprinted,
// so that a CSS change keeps its URL and can be swapped in place.
const assetDir = "assets/"

// change is what one batch of changed source files means for the pages:
// which cached pages must be rendered again (drop) and which pages the
// browsers must reload (reload), from the pages' recorded dependencies.
type change struct {
	// all: everything changed (the settings, a rescan, the first good
	// build after a start with errors).
	all bool
	// content holds the changed paths under content/ (files or folders);
	// dirs, with a trailing slash, those that may be folders, matched as
	// prefixes of dependencies.
	content map[string]bool
	dirs    []string
	// otherContent is set when a content file that no page lists as a
	// dependency of its HTML changed (an image): pages showing it reload.
	otherContent bool
	// layouts is set when a template changed: the HTML pages whose
	// templates it changed.
	layouts bool
	// css lists changed stylesheets by site path ("assets/css/site.css"):
	// browsers swap them without reloading.
	css []string
	// assets lists other changed static files by site path; pages reload,
	// since any of them may load the file.
	assets []string
}

// classify sorts changed source paths (relative to the source folder, with
// forward slashes; a folder that appeared ends with a slash) into a change.
func classify(paths []string) *change {
	c := &change{content: map[string]bool{}}
	for _, p := range paths {
		p, folder := strings.CutSuffix(p, "/")
		top, rest, _ := strings.Cut(p, "/")
		switch {
		case p == rescan:
			c.all = true
		case folder && top != "content":
			// A new folder of layouts or static files: what matters is
			// the files in it, reported on their own.
		case top == "content":
			switch segs := strings.Count(rest, "/") + 1; {
			case rest == "" || rest == "handbook.yaml":
				c.all = true
			case segs == 1: // an edition folder
				c.content[p] = true
				c.dirs = append(c.dirs, p+"/")
			case segs == 2 && path.Ext(p) == ".md": // a chapter or edition text
				c.content[p] = true
			default: // an image (file or folder) or a stray file
				c.content[p] = true
				c.dirs = append(c.dirs, p+"/")
				c.otherContent = true
			}
		case top == "layouts":
			c.layouts = true
		case top == "static":
			switch {
			case rest == "":
				c.assets = append(c.assets, assetDir)
			case path.Ext(rest) == ".css":
				c.css = append(c.css, assetDir+rest)
			default:
				c.assets = append(c.assets, assetDir+rest)
			}
		}
	}
	slices.Sort(c.css)
	return c
}

// hasContent reports whether content files changed.
func (c *change) hasContent() bool { return c.all || len(c.content) > 0 }

// reloadAll reports whether every tab must reload: a script, font or
// image may have changed, which replacing the page's HTML would not fetch
// again.
func (c *change) reloadAll() bool {
	return c.otherContent || len(c.assets) > 0
}

// updateAll reports whether every page may have changed (the settings,
// a rescan): every tab updates in place, or reloads when its shell
// changed. A layout edit reaches only the pages whose layouts it changed
// (see drop).
func (c *change) updateAll() bool { return c.all }

// drop reports whether the page at key, rendered from old, may render
// differently from new. Static files are not cached (the site holds
// them), so only pages are asked about.
func (c *change) drop(old, new *site.Site, key string) bool {
	if c.all || old == nil || new == nil {
		return true
	}
	if c.layouts && isHTML(key) && layoutChanged(old, new, key) {
		return true
	}
	if len(c.content) == 0 {
		return false
	}
	if strings.HasPrefix(key, "search/") {
		return true // indexes cover every chapter
	}
	po, pn := old.Page(key), new.Page(key)
	if (po == nil) != (pn == nil) {
		return true // the page appeared or went away
	}
	if po == nil {
		return false
	}
	return c.hits(po.Deps) || c.hits(pn.Deps) || !slices.Equal(po.Deps, pn.Deps)
}

// update reports whether a browser showing the page at key must show it
// again.
func (c *change) update(old, new *site.Site, key string) bool {
	return c.updateAll() || c.drop(old, new, key)
}

// layoutChanged reports whether the templates that render the page at key
// differ between old and new: a partial edit changes only the pages of the
// kinds that call it; a base.html edit changes every page. A page whose
// templates are unknown (not planned in one of the sites) counts as
// changed.
func layoutChanged(old, new *site.Site, key string) bool {
	a, okA := old.LayoutSum(key)
	b, okB := new.LayoutSum(key)
	return !okA || !okB || a != b
}

// hits reports whether a page with these dependencies depends on a changed
// content file.
func (c *change) hits(deps []string) bool {
	for _, d := range deps {
		if d == "*" || c.content[d] {
			return true
		}
		for _, dir := range c.dirs {
			if strings.HasPrefix(d, dir) {
				return true
			}
		}
	}
	return false
}

// isHTML reports whether the page at key is an HTML page.
func isHTML(key string) bool {
	return key == "" || strings.HasSuffix(key, "/") || strings.HasSuffix(key, ".html")
}

// widen makes the change cover every page when a changed chapter file
// changed more than its body: a chapter added or removed, renumbered, or
// with a new front matter (title, tags, draft...). Pages that recorded
// only their own files also show their neighbours' titles (previous and
// next links) and the lists the chapter is in, so those edits reach
// further than the dependencies say. A body edit, the common case while
// writing, stays narrow; a file saved with the text it had changes
// nothing.
func (c *change) widen(old, new *content.Handbook) {
	if c.all || old == nil || new == nil {
		return
	}
	var files []string
	for p := range c.content {
		if path.Ext(p) == ".md" && !strings.HasPrefix(path.Base(p), "_") {
			files = append(files, p)
		}
	}
	if len(files) == 0 {
		return
	}
	was, is := chapterTexts(old, files), chapterTexts(new, files)
	for _, f := range files {
		a, b := was[f], is[f]
		if (a == nil) != (b == nil) || a != nil && (a.Number != b.Number || a.Slug != b.Slug || !sameFrontMatter(a.Meta, b.Meta)) {
			c.all = true
			return
		}
		if a != nil && a.Hash == b.Hash && a.BodyLine == b.BodyLine {
			// Saved again as it was (or a second event of one save that
			// came after the debounce): no page changes.
			delete(c.content, f)
		}
	}
}

// chapterTexts finds the chapter texts of the given files in h.
func chapterTexts(h *content.Handbook, files []string) map[string]*content.ChapterText {
	want := map[string]bool{}
	for _, f := range files {
		want[f] = true
	}
	out := map[string]*content.ChapterText{}
	for _, e := range h.Editions {
		for _, ch := range e.Chapters {
			for _, ct := range ch.Texts {
				if want[ct.File] {
					out[ct.File] = ct
				}
			}
		}
	}
	return out
}

func sameFrontMatter(a, b content.FrontMatter) bool {
	return a.Title == b.Title && a.Summary == b.Summary && a.Owner == b.Owner &&
		a.ApprovedBy == b.ApprovedBy && a.Effective.Equal(b.Effective) && a.ReviewBy.Equal(b.ReviewBy) &&
		slices.Equal(a.Audience, b.Audience) && slices.Equal(a.Tags, b.Tags) &&
		a.Draft == b.Draft && a.Change == b.Change && a.RenamedFrom == b.RenamedFrom
}
