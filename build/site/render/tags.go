package render

import (
	"maps"
	"slices"

	"example.com/handbook/build/content"
	"example.com/handbook/build/site/route"
)

// Tag is one tag of the current edition in a language.
type Tag struct {
	Name, Slug string
	Chapters   []*content.Chapter // those that carry it, in edition order
}

// Tags lists the tags of the current edition in lang, sorted by slug.
func (s *Renderer) Tags(lang string) []*Tag {
	by := map[string]*Tag{}
	for _, c := range s.Handbook().Current.Chapters {
		ct := c.Texts[lang]
		if ct == nil {
			continue
		}
		for _, tg := range ct.Meta.Tags {
			sl := tagSlug(tg)
			ti := by[sl]
			if ti == nil {
				ti = &Tag{Name: tg, Slug: sl}
				by[sl] = ti
			}
			ti.Chapters = append(ti.Chapters, c)
		}
	}
	out := make([]*Tag, 0, len(by))
	for _, k := range slices.Sorted(maps.Keys(by)) {
		out = append(out, by[k])
	}
	return out
}

// RenderTags renders the list of tags of the current edition.
func (s *Renderer) RenderTags(path, lang string) ([]byte, error) {
	L := s.T(lang)
	d := s.base(path, "tags", lang, L.T("tags"), s.Handbook().Current)
	type row struct {
		Name, Href string
		Count      int
	}
	var rows []row
	for _, tg := range s.Tags(lang) {
		rows = append(rows, row{tg.Name, route.Rel(path, route.Tag(lang, tg.Slug)), len(tg.Chapters)})
	}
	d.Main = rows
	return s.execute("tags", d)
}

// RenderTag renders the chapters of the current edition that carry tag tg.
func (s *Renderer) RenderTag(path, lang string, tg *Tag) ([]byte, error) {
	L := s.T(lang)
	d := s.base(path, "tag", lang, L.Tf("tag", tg.Name), s.Handbook().Current)
	var items []chapterItem
	for _, c := range tg.Chapters {
		ct := c.Texts[lang]
		items = append(items, chapterItem{Number: c.Number, Slug: c.Slug, Title: s.FM(ct).Title, Summary: s.FM(ct).Summary, Href: route.Rel(path, route.Stable(lang, c.URLSlug(lang)))})
	}
	d.Main = struct {
		Name     string
		Chapters []chapterItem
		AllHref  string
	}{tg.Name, items, route.Rel(path, lang+"/tags/")}
	return s.execute("tag", d)
}

// RenderSubscribe renders the page that lists the feeds.
func (s *Renderer) RenderSubscribe(path, lang string) ([]byte, error) {
	L := s.T(lang)
	d := s.base(path, "subscribe", lang, L.T("subscribe"), s.Handbook().Current)
	type feedRow struct {
		Title, Kind, Abs, Href string
	}
	var site, chapters []feedRow
	if s.BaseURL() != "" {
		site = append(site,
			feedRow{Title: L.T("feed_rss"), Kind: "RSS 2.0", Abs: s.Abs(lang + "/feed.xml"), Href: route.Rel(path, lang+"/feed.xml")},
			feedRow{Title: L.T("feed_atom"), Kind: "Atom 1.0", Abs: s.Abs(lang + "/atom.xml"), Href: route.Rel(path, lang+"/atom.xml")},
			feedRow{Title: L.T("feed_json"), Kind: "JSON Feed 1.1", Abs: s.Abs(lang + "/feed.json"), Href: route.Rel(path, lang+"/feed.json")},
		)
		last, slugs := s.Lineage().LastBySlug(s.Published(), lang)
		for _, c := range s.Handbook().Current.Chapters {
			if !s.Lineage().HasFeed(c) {
				continue
			}
			chapters = append(chapters, feedRow{Title: s.FM(c.Texts[lang]).Title, Kind: "RSS 2.0", Abs: s.Abs(route.ChapterFeed(lang, c.URLSlug(lang))), Href: route.Rel(path, route.ChapterFeed(lang, c.URLSlug(lang)))})
		}
		for _, sl := range slugs {
			if s.Handbook().Current.ChapterAt(lang, sl) == nil && last[sl].Edition.Status != content.Draft && s.Lineage().HasFeed(last[sl]) {
				chapters = append(chapters, feedRow{Title: s.FM(last[sl].Texts[lang]).Title, Kind: "RSS 2.0", Abs: s.Abs(route.ChapterFeed(lang, sl)), Href: route.Rel(path, route.ChapterFeed(lang, sl))})
			}
		}
	}
	d.Main = struct {
		Site, Chapters []feedRow
	}{site, chapters}
	return s.execute("subscribe", d)
}
