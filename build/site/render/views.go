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
	JSONFeed    string // the JSON Feed of the language, for autodiscovery
	CSS, JS     string
	Assets      string // the folder of the static files, relative to the page
	Nav         nav
	Edition     *editionView
	Current     string // id of the current edition
	Banner      *banner
	Notice      *notice
	// Acknowledge is the "I have read edition 2025.1" link, only when
	// handbook.yaml sets acknowledge_url.
	Acknowledge *acknowledge
	// Timeline is the inline SVG of the editions (editions and history
	// pages), drawn by build/timeline.
	Timeline template.HTML
	// SearchPrefetch is the search page's inline script, which starts the
	// query's fetches before the modules load (search.PrefetchScript).
	SearchPrefetch template.JS
	Main           any
}

// acknowledge is the link to the organisation's acknowledgement form for
// an edition, or one chapter of it.
type acknowledge struct {
	Href string // acknowledge_url filled for the page
	Text string // "I have read edition 2025.1"
	Key  string // what the browser remembers: "2025.1" or "2025.1/netiquette"
	Done string // "Acknowledged in this browser on %s", for the script
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
	// ReadKey, ReadFirst and ReadEditions feed the contents marks of
	// read.js ("changed since you read it", "new", "unchanged"), on the
	// current edition's contents only: the chapter's key, the first
	// edition that has it, and readEditions.
	ReadKey, ReadFirst, ReadEditions string
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
	Read                 *readView
	// bodyKey stands for Body in the view hash when Body is a mark (see
	// assemble.go).
	bodyKey string
}

// readView is what read.js needs on a chapter page to record the reading
// and, in the current edition, to say the text changed since the edition
// the reader last read it in. It is given as data attributes of the
// chapter's <article>, not a file to fetch (see static/js/read.js).
type readView struct {
	// Key names the chapter across editions and renames (the slug of its
	// first wording); Edition is the page's edition, "" where reading
	// records nothing (drafts).
	Key, Edition string
	// Current is set on the current edition's pages: then Editions,
	// Redline, Previous and Text are.
	Current bool
	// Editions is readEditions of the chapter.
	Editions string
	// Redline is the chapter's redline folder in this edition, relative;
	// read.js appends "since/OLDER/" for a cumulative one.
	Redline string
	// Previous is the id of the edition the plain redline compares with.
	Previous string
	// History is the chapter's history, relative: the notice's link
	// until read.js points it at the redline (a chapter new in this
	// edition has none).
	History string
	// Text is the notice, with "{edition}" for the edition read.
	Text, LinkText string
}

// readKey names chapter c across editions and renames for the reading
// records: the slug of its first published wording.
func (s *Renderer) readKey(c *content.Chapter) string {
	return s.Lineage().Chain(c)[0].Slug
}

// readEditions lists, oldest first, the released editions before c's that
// hold the chapter, each with whether its text in lang differs from c's:
// "2023.1:changed 2024.1:same". Linear in the editions, and only on the
// current edition's pages.
func (s *Renderer) readEditions(lang string, c *content.Chapter) (first, list string) {
	var b strings.Builder
	ct := c.Texts[lang]
	for _, x := range s.Lineage().Chain(c) {
		if x.Edition.Status == content.Draft || x.Draft || x.Edition.Index > c.Edition.Index {
			continue
		}
		if first == "" {
			first = x.Edition.ID
		}
		if x == c {
			break
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(x.Edition.ID)
		if xt := x.Texts[lang]; xt == nil || ct == nil || xt.Hash != ct.Hash {
			b.WriteString(":changed")
		} else {
			b.WriteString(":same")
		}
	}
	return first, b.String()
}

func (s *Renderer) readView(lang, path string, c *content.Chapter) *readView {
	e := c.Edition
	v := &readView{Key: s.readKey(c)}
	if e.Status == content.Draft || c.Draft {
		return v
	}
	v.Edition = e.ID
	if e != s.Handbook().Current {
		return v
	}
	L := s.T(lang)
	v.Current = true
	_, v.Editions = s.readEditions(lang, c)
	v.Redline = route.Rel(path, route.Redline(lang, e, c.URLSlug(lang)))
	v.History = route.Rel(path, route.History(lang, s.latestSlug(lang, c)))
	if p := s.Lineage().Prev(e); p != nil {
		v.Previous = p.ID
	}
	v.Text, v.LinkText = L.T("read_changed_since"), L.T("read_see_changes")
	return v
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
		href := route.Permanent(lang, e, c.URLSlug(lang))
		if stable {
			href = route.Stable(lang, c.URLSlug(lang))
		}
		it := chapterItem{
			Number: c.Number, Slug: c.Slug, Title: s.FM(ct).Title, Summary: s.FM(ct).Summary,
			Href: route.Rel(page, href), Draft: ct.Meta.Draft,
		}
		if e == s.Handbook().Current && !c.Draft {
			it.ReadKey = s.readKey(c)
			it.ReadFirst, it.ReadEditions = s.readEditions(lang, c)
		}
		out = append(out, it)
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
