package site

import (
	"cmp"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"example.com/handbook/build/content"
	"example.com/handbook/build/diag"
	"example.com/handbook/build/output"
	"example.com/handbook/build/site/route"
)

// Published URLs never break: every build records the URLs it published
// (output.PublishedName), and the next one keeps each of them, as a page
// of its own, as a redirect found here, or fails saying what to add.

// keptURL is a URL an earlier build published that this build's plan
// lacks, kept by pointing at Target, a planned page: an HTML page becomes
// a redirect to it; a file that is not a page (a chapter's feed) carries
// the same bytes.
type keptURL struct{ URL, Target string }

// keepInput is what keepPublished needs of a planned site.
type keepInput struct {
	h   *content.Handbook
	pub []*content.Edition
	// has reports whether the plan holds a page at a path; published
	// whether the earlier build published it.
	has, published func(string) bool
	// liveSlug returns the URL slug in lang under which the chapter c's
	// rule now lives: its current wording's, else its last wording's.
	liveSlug func(lang string, c *content.Chapter) string
	// chain returns every wording of the chapter c belongs to.
	chain func(c *content.Chapter) []*content.Chapter
}

// keepPublished finds, for each URL of vanished (published before, not
// planned now), the page that keeps it: a chapter whose URL slug in a
// language changed (slug:) or that was renamed (renamed_from) in the
// edition that published the URL, and a tag page that no chapter of the
// current edition uses any more, are redirected. Every other URL is an
// error, located where an author would keep it, once per chapter or
// edition however many of its URLs would vanish.
func keepPublished(in keepInput, vanished []output.Published) ([]keptURL, diag.List) {
	var kept []keptURL
	type fault struct {
		file string
		line int
		msg  string
		urls []string
	}
	var faults []*fault
	byKey := map[string]*fault{}
	fail := func(file string, line int, key, msg, url string) {
		k := key
		f := byKey[k]
		if f == nil {
			f = &fault{file: file, line: line, msg: msg}
			byKey[k] = f
			faults = append(faults, f)
		}
		f.urls = append(f.urls, url)
		// Name a URL of the reference language first, as the fault is
		// located on its file.
		if ref := in.h.Settings.Reference() + "/"; strings.HasPrefix(url, ref) && !strings.HasPrefix(f.urls[0], ref) {
			f.urls[0], f.urls[len(f.urls)-1] = url, f.urls[0]
		}
	}
	keep := func(url string, targets ...string) bool {
		for _, t := range targets {
			if t != "" && t != url && in.has(t) {
				kept = append(kept, keptURL{URL: url, Target: t})
				return true
			}
		}
		return false
	}
	settings := in.h.Settings.File
	for _, v := range vanished {
		u := v.URL
		parts := strings.Split(strings.TrimSuffix(u, "/"), "/")
		lang := parts[0]
		if !slices.Contains(in.h.Settings.Languages, lang) {
			if len(parts) == 1 && !strings.HasSuffix(u, "/") {
				fail(settings, 0, "site", "base_url: the site's feeds and sitemap were published: set base_url again", u)
			} else {
				fail(settings, 0, "lang "+lang, fmt.Sprintf("languages: %q was published: add it back to languages", lang), u)
			}
			continue
		}
		rest := parts[1:]
		switch {
		case len(rest) == 1 && (rest[0] == "feed.xml" || rest[0] == "atom.xml" || rest[0] == "feed.json"):
			fail(settings, 0, "site", "base_url: the site's feeds and sitemap were published: set base_url again", u)
		case len(rest) == 2 && rest[0] == "tags":
			if !keep(u, lang+"/tags/") {
				fail(settings, 0, "other", "this build has no page for it", u)
			}
		case len(rest) >= 1 && content.ValidEditionID(rest[0]):
			e := in.h.Edition(rest[0])
			if e == nil || !slices.Contains(in.pub, e) {
				fail(path.Join(content.ContentDir, rest[0]), 0, "edition "+rest[0], fmt.Sprintf("edition %s was published: restore its folder", rest[0]), u)
				continue
			}
			if len(rest) < 2 {
				fail(e.Dir, 0, "other "+e.ID, "this build has no page for it", u)
				continue
			}
			slug, tail := rest[1], strings.Join(rest[2:], "/")
			if c := cmp.Or(chapterOnce(e, v.Chapter), chapterOnce(e, slug), in.heir(e, v.Chapter), in.heir(e, slug)); c != nil {
				to := lang + "/" + e.ID + "/" + c.URLSlug(lang) + "/"
				if keep(u, withTail(to, tail), to) {
					continue
				}
			}
			file, line := where(in, e, func(l string, c *content.Chapter) string { return route.Permanent(l, e, c.URLSlug(l)) })
			fail(file, line, "chapter "+e.ID+" "+slug, gone(slug, e), u)
		default:
			slug, tail := rest[0], strings.Join(rest[1:], "/")
			if c := cmp.Or(latestOnce(in.pub, v.Chapter), latestOnce(in.pub, slug)); c != nil {
				to := lang + "/" + in.liveSlug(lang, c) + "/"
				if keep(u, withTail(to, tail), to) {
					continue
				}
			}
			cur := in.h.Current
			file, line := where(in, cur, func(l string, c *content.Chapter) string { return route.Stable(l, c.URLSlug(l)) })
			fail(file, line, "stable "+slug, gone(slug, lastWith(in.pub, slug, cur)), u)
		}
	}
	var dl diag.List
	for _, f := range faults {
		more := ""
		if n := len(f.urls) - 1; n > 0 {
			more = fmt.Sprintf(" (and %d more of its published URLs)", n)
		}
		dl.Errorf(f.file, f.line, "published URL %s would vanish%s: %s", f.urls[0], more, f.msg)
	}
	return kept, dl
}

// gone is the advice for a chapter slug whose URLs edition e published
// and would drop. renamed_from names a slug of the edition before, so it
// keeps a slug renamed in place only where that edition had it; else the
// file's old name must come back (a released edition keeps its URLs) and
// the rename wait for a new edition.
func gone(slug string, e *content.Edition) string {
	removed := fmt.Sprintf("if it was removed, keep its file in edition %s and leave it out of a new edition, where its URL becomes a removed-chapter page", e.ID)
	if b := e.Base(); b != nil && b.Chapter(slug) != nil {
		return fmt.Sprintf("if chapter %q was renamed, add \"renamed_from: %s\" to the chapter that replaces it; %s", slug, slug, removed)
	}
	return fmt.Sprintf("edition %s published chapter %q and keeps its URLs: if it was renamed, give its file back the name with %q and rename it in a new edition with \"renamed_from: %s\"; %s", e.ID, slug, slug, slug, removed)
}

// withTail appends what followed the slug in a URL ("history/",
// "changes/", "feed.xml") to a chapter's folder.
func withTail(dir, tail string) string {
	if tail == "" {
		return dir
	}
	if strings.Contains(tail, ".") {
		return dir + tail
	}
	return dir + tail + "/"
}

// chapterOnce returns the chapter of e that had slug in its file name or
// renamed_from: the one whose URL slug a translation changed, or that was
// renamed in place. The published list names the chapter of each of its
// chapter URLs, so that a translation's slug changed twice is still found.
func chapterOnce(e *content.Edition, slug string) *content.Chapter {
	if slug == "" {
		return nil
	}
	if c := e.Chapter(slug); c != nil {
		return c
	}
	for _, c := range e.Chapters {
		if c.RenamedFrom == slug {
			return c
		}
	}
	return nil
}

// heir returns the chapter of e whose earlier wordings had slug (renamed
// in place in an edition before e, which then took the new name too).
func (in keepInput) heir(e *content.Edition, slug string) *content.Chapter {
	if slug == "" || in.chain == nil {
		return nil
	}
	for _, c := range e.Chapters {
		for _, x := range in.chain(c) {
			if x.Edition.Index < e.Index && (x.Slug == slug || x.RenamedFrom == slug) {
				return c
			}
		}
	}
	return nil
}

// latestOnce returns the newest released (else published) chapter that
// had slug in its file name or renamed_from.
func latestOnce(pub []*content.Edition, slug string) *content.Chapter {
	var found *content.Chapter
	for _, e := range pub {
		if c := chapterOnce(e, slug); c != nil && (found == nil || e.Status != content.Draft || found.Edition.Status == content.Draft) {
			found = c
		}
	}
	return found
}

// lastWith returns the last published edition holding slug, else def.
func lastWith(pub []*content.Edition, slug string, def *content.Edition) *content.Edition {
	for i := len(pub) - 1; i >= 0; i-- {
		if pub[i].Chapter(slug) != nil {
			return pub[i]
		}
	}
	return def
}

// where locates the fault of a vanished chapter URL of edition e, once
// for every language: on the reference file of the first chapter of e
// whose own URL was never published (likely the file that replaces it),
// else on the edition's folder.
func where(in keepInput, e *content.Edition, url func(lang string, c *content.Chapter) string) (string, int) {
	ref := in.h.Settings.Reference()
	for _, c := range e.Chapters {
		if ct := c.Texts[ref]; ct != nil && !in.published(url(ref, c)) {
			return ct.File, 1
		}
	}
	return e.Dir, 0
}

// Keep adds to the plan, for each URL of prev (the URLs an earlier build
// published, output.ReadPublished) that it lacks, the page that keeps it
// (see keepPublished), and returns the errors for those none keeps. It
// completes the plan: call it once, after New and before any rendering.
func (s *Site) Keep(prev []output.Published) (*Site, diag.List) {
	p := s.p
	has := func(u string) bool { _, ok := s.pages[u]; return ok }
	vanished := output.Vanished(prev, has)
	if len(vanished) == 0 {
		return s, nil
	}
	if s.shared {
		c := *s
		c.pages, c.shared = maps.Clone(s.pages), false
		s = &c
	}
	was := make(map[string]bool, len(prev))
	for _, u := range prev {
		was[u.URL] = true
	}
	kept, dl := keepPublished(keepInput{
		h: p.Handbook(), pub: p.Published(), has: has,
		published: func(u string) bool { return was[u] },
		liveSlug: func(lang string, c *content.Chapter) string {
			ch := p.Lineage().Chain(c)
			for i := len(ch) - 1; i >= 0; i-- {
				if ch[i].Edition == p.Handbook().Current {
					return ch[i].URLSlug(lang)
				}
			}
			return ch[len(ch)-1].URLSlug(lang)
		},
		chain: p.Lineage().Chain,
	}, vanished)
	chapterOf := map[string]string{}
	for _, u := range vanished {
		chapterOf[u.URL] = u.Chapter
	}
	for _, k := range kept {
		target := s.pages[k.Target]
		pg := &Page{Path: k.URL, Deps: target.Deps, chapter: cmp.Or(chapterOf[k.URL], target.chapter)}
		if target.mediaType == "text/html" {
			lang, to := strings.SplitN(k.URL, "/", 2)[0], k.Target
			pg.mediaType, pg.Layouts = "text/html", []string{"redirect"}
			pg.render = func(s *Site, pg *Page) ([]byte, error) { return s.r.RenderRedirect(pg.Path, lang, to) }
		} else {
			// A feed cannot redirect its readers: it carries the same
			// entries (their links are absolute).
			pg.mediaType = target.mediaType
			pg.render = func(s *Site, _ *Page) ([]byte, error) { return target.render(s, target) }
		}
		s.add(pg)
	}
	return s, dl
}

// Published returns the URLs this site publishes and promises to keep: its
// pages, without search files, images (named by their edition's
// folder) and pages that only drafts make. A build records them beside
// its output (output.PublishedName) for the next build's Options.Published.
func (s *Site) Published() []output.Published {
	var out []output.Published
	for path, p := range s.pages {
		if p.draft || strings.HasPrefix(path, "images/") || strings.HasPrefix(path, "search/") {
			continue
		}
		out = append(out, output.Published{URL: path, Chapter: p.chapter})
	}
	slices.SortFunc(out, func(a, b output.Published) int { return strings.Compare(a.URL, b.URL) })
	return out
}
