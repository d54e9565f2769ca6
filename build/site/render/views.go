package render

import (
	"html/template"
	"net/url"
	"strings"

	"example.com/handbook/build/content"
	"example.com/handbook/build/i18n"
	"example.com/handbook/build/site/route"
	"example.com/handbook/build/slug"
)

// pageData is what every layout receives: the page's place in the site,
// its language, and Main, the data of its kind. Templates do no I/O; all
// links in it are already relative to the page.
type pageData struct {
	Kind        string
	Lang        string
	L           *i18n.Catalog
	Root        string
	Path        string
	SiteTitle   string
	Title       string
	Description string
	Canonical   string
	NoIndex     bool
	Alternates  []alternate
	Feed, Atom  string
	CSS, JS     string
	Assets      string // the folder of the static files, relative to the page
	Nav         nav
	Edition     *editionView
	Current     string // id of the current edition
	Banner      *banner
	Notice      *notice
	Main        any
}

type alternate struct {
	Lang, Name, Href, Abs string
}

type nav struct {
	Home, Contents, Editions, Search, Subscribe, Print, Tags string
}

type banner struct {
	Kind     string // draft, upcoming, past, removed
	Text     string
	LinkText string
	Href     string
}

// notice is the "changed since your last visit" element: hidden, shown by
// the script when the reader last saw an older edition.
type notice struct {
	Edition string
	Href    string
}

type editionView struct {
	ID, Title, Date, Status string
	Draft, Upcoming, Past   bool
	Href, ChangesHref       string
	PrintHref               string
	Notes                   template.HTML
}

func (s *Renderer) editionView(lang, page string, e *content.Edition) *editionView {
	L := s.T(lang)
	v := &editionView{
		ID:          e.ID,
		Date:        L.Date(e.Date),
		Status:      e.Status.String(),
		Draft:       e.Status == content.Draft,
		Upcoming:    e.Status == content.Upcoming,
		Past:        e.Status == content.Past,
		Href:        route.Rel(page, route.Edition(lang, e)),
		ChangesHref: route.Rel(page, route.EditionChanges(lang, e)),
		PrintHref:   route.Rel(page, lang+"/"+e.ID+"/print/"),
	}
	if et := e.Texts[lang]; et != nil {
		v.Title = et.Title
		if d := s.Notes(et); d != nil {
			v.Notes = template.HTML(d.HTMLString(s.Resolver(page, e, false)))
		}
	}
	if v.Title == "" {
		v.Title = L.Tf("edition", e.ID)
	}
	return v
}

type chapterItem struct {
	Number  int
	Slug    string
	Title   string
	Summary string
	Href    string
	Draft   bool
}

type metaView struct {
	Owner, ApprovedBy, Effective, ReviewBy string
	Audience                               []string
	Tags                                   []link
}

func (s *Renderer) metaView(lang, page string, c *content.Chapter, stableTags bool) metaView {
	L := s.T(lang)
	ct := c.Texts[lang]
	m := metaView{Owner: ct.Meta.Owner, ApprovedBy: s.FM(ct).ApprovedBy, Audience: s.FM(ct).Audience}
	m.Effective = L.Date(s.Effective(c, lang))
	if !ct.Meta.ReviewBy.IsZero() {
		m.ReviewBy = L.Date(ct.Meta.ReviewBy)
	}
	for _, tg := range ct.Meta.Tags {
		l := link{Text: tg}
		if stableTags {
			l.Href = route.Rel(page, route.Tag(lang, tagSlug(tg)))
		}
		m.Tags = append(m.Tags, l)
	}
	return m
}

type link struct {
	Text, Href string
}

type tocItem struct {
	Level    int
	ID, Text string
}

type chapterView struct {
	Slug, Title, Summary string
	Draft                bool
	Meta                 metaView
	TOC                  []tocItem
	Body                 template.HTML
	Prev, Next           *link
	HistoryHref          string
	FeedHref             string
	SuggestHref          string
	PermanentHref        string
	RedlineHref          string
	Drift                *drift
}

type drift struct {
	Edition      string
	ReferenceRef string // link to the reference-language text
	RedlineHref  string
	RefLangName  string
	RefLang      string
}

func (s *Renderer) chapterItems(lang, page string, e *content.Edition, stable bool) []chapterItem {
	var out []chapterItem
	for _, c := range e.Chapters {
		ct := c.Texts[lang]
		if ct == nil {
			continue
		}
		href := route.Permanent(lang, e, c.Slug)
		if stable {
			href = route.Stable(lang, c.Slug)
		}
		out = append(out, chapterItem{
			Number: c.Number, Slug: c.Slug, Title: s.FM(ct).Title, Summary: s.FM(ct).Summary,
			Href: route.Rel(page, href), Draft: ct.Meta.Draft,
		})
	}
	return out
}

func tagSlug(tag string) string {
	if f := slug.Fold(tag); f != "" {
		return f
	}
	return "tag"
}

// suggestHref builds the "suggest a change" link from the feedback
// address, with the chapter and edition filled in.
func suggestHref(feedback, title, slugName, edition, pageURL string, L *i18n.Catalog) string {
	if feedback == "" {
		return ""
	}
	u, err := url.Parse(feedback)
	if err != nil {
		return ""
	}
	subject := L.T("suggest_change") + " — " + title + " (" + slugName + ", " + L.Tf("edition", edition) + ")"
	if u.Scheme == "mailto" {
		q := url.Values{}
		q.Set("subject", subject)
		if pageURL != "" {
			q.Set("body", pageURL+"\n\n")
		}
		// mailto wants %20, not +, for spaces.
		return "mailto:" + u.Opaque + u.Path + "?" + strings.ReplaceAll(q.Encode(), "+", "%20")
	}
	q := u.Query()
	q.Set("chapter", slugName)
	q.Set("edition", edition)
	u.RawQuery = q.Encode()
	return u.String()
}
