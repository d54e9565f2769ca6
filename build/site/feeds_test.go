package site_test

// Tests of the feeds (issue 6) on built output: every feed is checked as a
// strict XML document, decoded field by field, parsed again by an
// independent feed reader (github.com/mmcdole/gofeed), and compared with
// what the sources say (srcHandbook, editions_test.go): one entry per
// released, announced edition and per chapter it added, changed, renamed or
// removed, with links that resolve to pages of the output.

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"example.com/handbook/build/feed"
)

// feedEntry is one entry as read from a feed document.
type feedEntry struct {
	ID, Title, Link string
	Published       time.Time
	Summary         string // Atom <summary>
	Content         string // the HTML: RSS <description>, Atom <content>
}

// parsedFeed is a feed document as read from the output.
type parsedFeed struct {
	Path               string // site path: fr/feed.xml
	Atom               bool
	ID                 string // Atom <id>
	Title, Lang        string
	Link, Self         string
	Updated            time.Time
	Entries            []feedEntry
	raw                []byte
	gofeedItems, order []string
}

type rssDoc struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Channel struct {
		Title         string    `xml:"title"`
		Links         []rssLink `xml:"link"` // <link> and <atom:link>
		Description   string    `xml:"description"`
		Language      string    `xml:"language"`
		LastBuildDate string    `xml:"lastBuildDate"`
		Items         []struct {
			Title       string `xml:"title"`
			Link        string `xml:"link"`
			Description string `xml:"description"`
			GUID        struct {
				Value       string `xml:",chardata"`
				IsPermaLink string `xml:"isPermaLink,attr"`
			} `xml:"guid"`
			PubDate string `xml:"pubDate"`
		} `xml:"item"`
	} `xml:"channel"`
}

// rssLink is an RSS <link> (text) or an <atom:link> (attributes):
// encoding/xml matches both by local name, so XMLName tells them apart.
type rssLink struct {
	XMLName xml.Name
	Href    string `xml:"href,attr"`
	Rel     string `xml:"rel,attr"`
	Type    string `xml:"type,attr"`
	Value   string `xml:",chardata"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
	Href string `xml:"href,attr"`
}

type atomDoc struct {
	XMLName xml.Name   `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string     `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string     `xml:"id"`
	Title   string     `xml:"title"`
	Updated string     `xml:"updated"`
	Links   []atomLink `xml:"link"`
	Author  struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Entries []struct {
		ID        string     `xml:"id"`
		Title     string     `xml:"title"`
		Links     []atomLink `xml:"link"`
		Published string     `xml:"published"`
		Updated   string     `xml:"updated"`
		Summary   string     `xml:"summary"`
		Content   struct {
			Type  string `xml:"type,attr"`
			Value string `xml:",chardata"`
		} `xml:"content"`
	} `xml:"entry"`
}

var uuidURN = regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// wellFormed checks b strictly: UTF-8, the XML declaration, one root
// element, nothing but white space around it, every token valid.
func wellFormed(b []byte) error {
	if !utf8.Valid(b) {
		return fmt.Errorf("not UTF-8")
	}
	if !bytes.HasPrefix(b, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
		return fmt.Errorf("no UTF-8 XML declaration")
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	depth, roots := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch x := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 && len(bytes.TrimSpace(x)) > 0 {
				return fmt.Errorf("text outside the root element: %q", x)
			}
		case xml.Directive:
			return fmt.Errorf("unexpected directive %q", x)
		}
	}
	if roots != 1 || depth != 0 {
		return fmt.Errorf("%d root elements, depth %d at the end", roots, depth)
	}
	return nil
}

// readFeed reads and checks one feed document of out: well-formedness,
// required elements, dates, and agreement with gofeed.
func readFeed(t *testing.T, out, rel string) *parsedFeed {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	if err := wellFormed(b); err != nil {
		t.Fatalf("%s: not well-formed XML: %v", rel, err)
	}
	f := &parsedFeed{Path: rel, Atom: strings.HasSuffix(rel, "atom.xml"), raw: b}
	need := func(what, v string) {
		if strings.TrimSpace(v) == "" {
			t.Errorf("%s: missing %s", rel, what)
		}
	}
	parseDate := func(what, layout, v string) time.Time {
		d, err := time.Parse(layout, v)
		if err != nil {
			t.Errorf("%s: %s %q is not %s: %v", rel, what, v, layout, err)
		}
		return d
	}
	if f.Atom {
		var a atomDoc
		if err := xml.Unmarshal(b, &a); err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		need("feed id", a.ID)
		need("feed title", a.Title)
		need("feed updated", a.Updated)
		need("author name", a.Author.Name)
		f.ID, f.Title, f.Lang = a.ID, a.Title, a.Lang
		f.Updated = parseDate("updated", time.RFC3339, a.Updated)
		for _, l := range a.Links {
			switch l.Rel {
			case "self":
				f.Self = l.Href
			case "alternate", "":
				f.Link = l.Href
			}
		}
		for _, e := range a.Entries {
			need("entry id", e.ID)
			need("entry title", e.Title)
			need("entry updated", e.Updated)
			parseDate("entry updated", time.RFC3339, e.Updated)
			en := feedEntry{ID: e.ID, Title: e.Title, Summary: e.Summary, Content: e.Content.Value}
			en.Published = parseDate("entry published", time.RFC3339, e.Published)
			for _, l := range e.Links {
				if l.Rel == "alternate" || l.Rel == "" {
					en.Link = l.Href
				}
			}
			need("entry link", en.Link)
			if e.Content.Value != "" && e.Content.Type != "html" {
				t.Errorf("%s: entry %s: content type %q, want html", rel, e.ID, e.Content.Type)
			}
			f.Entries = append(f.Entries, en)
		}
	} else {
		var r rssDoc
		if err := xml.Unmarshal(b, &r); err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		if r.Version != "2.0" {
			t.Errorf("%s: rss version %q", rel, r.Version)
		}
		c := r.Channel
		need("channel title", c.Title)
		for _, l := range c.Links {
			switch {
			case l.XMLName.Space == "":
				f.Link = l.Value
			case l.XMLName.Space == "http://www.w3.org/2005/Atom" && l.Rel == "self":
				f.Self = l.Href
				if l.Type != "application/rss+xml" {
					t.Errorf("%s: self link type %q", rel, l.Type)
				}
			}
		}
		need("channel link", f.Link)
		need("channel description", c.Description)
		need("channel language", c.Language)
		f.Title, f.Lang = c.Title, c.Language
		if c.LastBuildDate != "" {
			f.Updated = parseDate("lastBuildDate", time.RFC1123Z, c.LastBuildDate)
		}
		for _, it := range c.Items {
			need("item title", it.Title)
			need("item link", it.Link)
			need("item description", it.Description)
			need("item guid", it.GUID.Value)
			need("item pubDate", it.PubDate)
			if it.GUID.IsPermaLink != "false" {
				t.Errorf("%s: guid %s: isPermaLink=%q, want \"false\" (a urn is not a link)", rel, it.GUID.Value, it.GUID.IsPermaLink)
			}
			f.Entries = append(f.Entries, feedEntry{ID: it.GUID.Value, Title: it.Title, Link: it.Link, Content: it.Description,
				Published: parseDate("pubDate", time.RFC1123Z, it.PubDate)})
		}
	}
	need("self link", f.Self)
	// An independent parser reads the same entries.
	g, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: gofeed: %v", rel, err)
	}
	if want := map[bool]string{true: "atom", false: "rss"}[f.Atom]; g.FeedType != want {
		t.Errorf("%s: gofeed reads a %q feed, want %q", rel, g.FeedType, want)
	}
	if g.Language != f.Lang {
		t.Errorf("%s: gofeed reads language %q, want %q", rel, g.Language, f.Lang)
	}
	if g.Title != f.Title {
		t.Errorf("%s: gofeed reads title %q, want %q", rel, g.Title, f.Title)
	}
	if len(g.Items) != len(f.Entries) {
		t.Fatalf("%s: gofeed reads %d entries, encoding/xml %d", rel, len(g.Items), len(f.Entries))
	}
	for i, it := range g.Items {
		e := f.Entries[i]
		content := it.Description
		if f.Atom {
			content = it.Content
			if it.Description != e.Summary {
				t.Errorf("%s: entry %s: gofeed summary %q, want %q", rel, e.ID, it.Description, e.Summary)
			}
		}
		// gofeed resolves Atom's xml:base: compare the text there.
		sameContent := strings.TrimSpace(content) == strings.TrimSpace(e.Content) || f.Atom && letters(htmlText(content)) == letters(htmlText(e.Content))
		if it.GUID != e.ID || it.Title != e.Title || it.Link != e.Link || !sameContent {
			t.Errorf("%s: entry %d differs between gofeed and encoding/xml:\n gofeed %q %q %q %q\n    xml %q %q %q %q", rel, i, it.GUID, it.Title, it.Link, content, e.ID, e.Title, e.Link, e.Content)
		}
		if it.PublishedParsed == nil || !it.PublishedParsed.Equal(e.Published) {
			t.Errorf("%s: entry %s: gofeed published %v, want %v", rel, e.ID, it.PublishedParsed, e.Published)
		}
	}
	return f
}

// feedFiles returns the site path of every feed of the output.
func feedFiles(t *testing.T, out string) []string {
	t.Helper()
	var paths []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		if strings.HasSuffix(rel, "/feed.xml") || strings.HasSuffix(rel, "/atom.xml") {
			paths = append(paths, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(paths)
	return paths
}

// resolveURL checks that an absolute URL under base names a file of out
// (and, with a fragment, an id of that page).
func resolveURL(out, base, u string) error {
	rest, ok := strings.CutPrefix(u, base)
	if !ok {
		return fmt.Errorf("%s is not under %s", u, base)
	}
	p, frag, _ := strings.Cut(rest, "#")
	if !exists(out, p) {
		return fmt.Errorf("%s: no file %s in the output", u, fileOfPage(p))
	}
	if frag == "" || strings.HasSuffix(p, ".xml") {
		return nil
	}
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(fileOfPage(p))))
	if err != nil {
		return err
	}
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return err
	}
	if len(findAll(doc, func(n *html.Node) bool { return n.Type == html.ElementNode && attr(n, "id") == frag })) == 0 {
		return fmt.Errorf("%s: no id %q in %s", u, frag, p)
	}
	return nil
}

// wantEntry is an entry the sources call for.
type wantEntry struct {
	id, link, title, note string
	edition               *srcEdition
	chapter               *srcChapter // nil for the edition's own entry
	kind                  string
	textChanged           bool
}

// feedEditions are the editions feeds speak of: released and announced on
// the build's today.
func (h *srcHandbook) feedEditions() []*srcEdition {
	var out []*srcEdition
	for _, e := range h.Editions {
		if !e.Draft && !e.Announced.After(h.Today) {
			out = append(out, e)
		}
	}
	return out
}

// wantEntries lists the entries of the site feed of lang; h must be read
// without drafts.
func wantEntries(h *srcHandbook, base, lang string) []wantEntry {
	hid := feed.HandbookID(h.ID, base)
	var out []wantEntry
	for _, e := range h.feedEditions() {
		out = append(out, wantEntry{id: feed.EntryID(hid, e.ID, lang, ""), link: base + lang + "/" + e.ID + "/changes/",
			title: e.ID, edition: e, kind: "edition"})
		for _, c := range e.Chapters {
			kind := h.kind(c)
			w := wantEntry{id: feed.EntryID(hid, e.ID, lang, c.Slug), title: c.Texts[lang].Title, note: c.Texts[lang].Change,
				edition: e, chapter: c, kind: kind}
			switch kind {
			case "unchanged":
				continue
			case "added":
				w.link = base + chapterURL(lang, e, c.Slug)
			default:
				w.link = base + h.changesPath(lang, c)
				w.textChanged = h.pred[c].Texts[lang].Body != c.Texts[lang].Body
			}
			out = append(out, w)
		}
		for _, o := range h.removed(e) {
			out = append(out, wantEntry{id: feed.EntryID(hid, e.ID, lang, o.Slug), link: base + lang + "/" + e.ID + "/changes/",
				title: o.Texts[lang].Title, edition: e, chapter: o, kind: "removed"})
		}
	}
	return out
}

// checkFeeds checks every feed of out against the sources (h read without
// drafts, whatever the build).
func checkFeeds(t *testing.T, out string, h *srcHandbook, base string) map[string]*parsedFeed {
	feeds := map[string]*parsedFeed{}
	// Which feed files: the site feeds and one per chapter slug of the
	// released editions.
	want := map[string]bool{}
	for _, lang := range h.Langs {
		want[lang+"/feed.xml"], want[lang+"/atom.xml"] = true, true
		for _, e := range h.Pub {
			for _, c := range e.Chapters {
				want[lang+"/"+c.Slug+"/feed.xml"] = true
			}
		}
	}
	got := feedFiles(t, out)
	for _, p := range got {
		if !want[p] {
			t.Errorf("unexpected feed %s", p)
		}
	}
	for p := range want {
		if !slices.Contains(got, p) {
			t.Errorf("missing feed %s", p)
		}
	}
	for _, p := range got {
		if want[p] {
			feeds[p] = readFeed(t, out, p)
		}
	}
	endOfToday := h.Today.Add(24*time.Hour - time.Second)
	for _, p := range got {
		f := feeds[p]
		if f == nil {
			continue
		}
		lang := strings.Split(p, "/")[0]
		if f.Lang != lang {
			t.Errorf("%s: language %q, want %q", p, f.Lang, lang)
		}
		if f.Self != base+p {
			t.Errorf("%s: self link %q, want %q", p, f.Self, base+p)
		}
		if err := resolveURL(out, base, f.Link); err != nil {
			t.Errorf("%s: feed link: %v", p, err)
		}
		if f.Updated.After(endOfToday) {
			t.Errorf("%s: updated %v, after the build's today %v", p, f.Updated, h.Today)
		}
		ids := map[string]bool{}
		for i, e := range f.Entries {
			if !uuidURN.MatchString(e.ID) {
				t.Errorf("%s: id %q is not a urn:uuid (version 5)", p, e.ID)
			}
			if ids[e.ID] {
				t.Errorf("%s: id %s used twice", p, e.ID)
			}
			ids[e.ID] = true
			if i > 0 && e.Published.After(f.Entries[i-1].Published) {
				t.Errorf("%s: entry %d (%s, %v) is newer than the one before it (%v): not newest first", p, i, e.Title, e.Published, f.Entries[i-1].Published)
			}
			if e.Published.After(endOfToday) {
				t.Errorf("%s: entry %q dated %v, after the build's today %v", p, e.Title, e.Published, h.Today)
			}
			if err := resolveURL(out, base, e.Link); err != nil {
				t.Errorf("%s: entry %q: link: %v", p, e.Title, err)
			}
			checkContentLinks(t, out, base, p, f.Atom, e)
		}
		// The entries the sources call for, and no other.
		ws := wantEntries(h, base, lang)
		if parts := strings.Split(p, "/"); len(parts) == 3 {
			ws = chapterEntries(h, ws, lang, parts[1])
		}
		byID := map[string]feedEntry{}
		for _, e := range f.Entries {
			byID[e.ID] = e
		}
		for _, w := range ws {
			e, ok := byID[w.id]
			if !ok {
				t.Errorf("%s: no entry for %s %s in %s (id %s)", p, w.kind, w.title, w.edition.ID, w.id)
				continue
			}
			delete(byID, w.id)
			if e.Link != w.link {
				t.Errorf("%s: %s %s in %s links %s, want %s", p, w.kind, w.title, w.edition.ID, e.Link, w.link)
			}
			if !strings.Contains(letters(e.Title), letters(w.title)) {
				t.Errorf("%s: entry title %q does not name %q", p, e.Title, w.title)
			}
			if !sameDay(e.Published, w.edition.Announced) {
				t.Errorf("%s: entry %q dated %v, want the announced date %v", p, e.Title, e.Published, w.edition.Announced)
			}
			text := letters(htmlText(e.Content))
			if w.note != "" && !strings.Contains(text, letters(w.note)) {
				t.Errorf("%s: entry %q lacks its change note %q in %q", p, e.Title, w.note, e.Content)
			}
			if w.kind == "edition" && !strings.Contains(text, letters(longDate(lang, w.edition.Date))) {
				t.Errorf("%s: edition entry %q does not say it takes effect on %s", p, e.Title, longDate(lang, w.edition.Date))
			}
			if w.textChanged && !strings.Contains(e.Content, "<ins") && !strings.Contains(e.Content, "<del") {
				t.Errorf("%s: entry %q: the text changed but the content has no redline excerpt", p, e.Title)
			}
		}
		for id, e := range byID {
			t.Errorf("%s: unexpected entry %q (%s)", p, e.Title, id)
		}
	}
	return feeds
}

// chapterEntries keeps the entries of the chapter feed of slug: the
// changes of every wording of the chapter (following renames).
func chapterEntries(h *srcHandbook, ws []wantEntry, lang, slug string) []wantEntry {
	var last *srcChapter
	for _, e := range h.Pub {
		if c := e.chapter(slug); c != nil {
			last = c
		}
	}
	if last == nil {
		return nil
	}
	chain := h.chain(last)
	var out []wantEntry
	for _, w := range ws {
		if w.chapter != nil && slices.Contains(chain, w.chapter) {
			out = append(out, w)
		}
	}
	return out
}

func sameDay(a, b time.Time) bool {
	return a.UTC().Format("2006-01-02") == b.UTC().Format("2006-01-02")
}

func htmlText(fragment string) string {
	nodes, err := html.ParseFragment(strings.NewReader(fragment), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return fragment
	}
	var b strings.Builder
	for _, n := range nodes {
		b.WriteString(textOf(n, nil))
	}
	return b.String()
}

// checkContentLinks: links and images in an entry's HTML work outside the
// site. RSS has no base URL, so they must be absolute; Atom sets xml:base
// to the entry's link, against which relative ones resolve. Those under
// base_url must name a file of the output.
func checkContentLinks(t *testing.T, out, base, p string, isAtom bool, e feedEntry) {
	t.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(e.Content), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		t.Errorf("%s: entry %q: content is not HTML: %v", p, e.Title, err)
		return
	}
	entryBase, _ := url.Parse(e.Link)
	for _, root := range nodes {
		for _, n := range findAll(root, func(n *html.Node) bool { return n.Type == html.ElementNode }) {
			for _, key := range []string{"href", "src"} {
				v := attr(n, key)
				if v == "" {
					continue
				}
				u, err := url.Parse(v)
				if err != nil {
					t.Errorf("%s: entry %q: bad %s %q", p, e.Title, key, v)
					continue
				}
				if !u.IsAbs() {
					if !isAtom {
						t.Errorf("%s: entry %q: relative %s=%q in an RSS description (no base URL in RSS)", p, e.Title, key, v)
						continue
					}
					u = entryBase.ResolveReference(u)
				}
				if strings.HasPrefix(u.String(), base) {
					if err := resolveURL(out, base, u.String()); err != nil {
						t.Errorf("%s: entry %q: %s %q: %v", p, e.Title, key, v, err)
					}
				}
			}
		}
	}
}

const basicBase = "https://intranet.example.com/handbook/"

type feedCase struct {
	name, src, today string
	drafts, real     bool
}

// TestFeeds parses every feed of the output and checks it against the
// sources, with and without -drafts, and on a day before an announced
// edition is announced.
func TestFeeds(t *testing.T) {
	cases := []feedCase{
		{name: "basic", src: "testdata/basic", today: "2025-06-01"},
		{name: "basic-drafts", src: "testdata/basic", today: "2025-06-01", drafts: true},
		{name: "basic-before-2025.2-announced", src: "testdata/basic", today: "2025-05-10"},
		{name: "real", src: "../..", today: "2026-11-25", real: true},
		{name: "real-drafts", src: "../..", today: "2026-11-25", drafts: true, real: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.real && testing.Short() {
				t.Skip("real content: skipped in -short mode")
			}
			today := day(t, tc.today)
			out, _ := buildAt(t, tc.src, today, tc.drafts, true)
			h := loadSrc(t, tc.src, today, false)
			feeds := checkFeeds(t, out, h, h.BaseURL)
			if len(feeds) == 0 {
				t.Fatal("no feed")
			}
			for p, f := range feeds {
				for _, d := range h.Editions {
					if d.Draft && bytes.Contains(f.raw, []byte(d.ID)) {
						t.Errorf("%s mentions the draft edition %s", p, d.ID)
					}
				}
			}
			if !tc.drafts {
				return
			}
			// Drafts never reach a feed: the feeds of a -drafts build are
			// those of a build without.
			plain, _ := buildAt(t, tc.src, today, false, true)
			sameFeeds(t, plain, out)
		})
	}
}

// sameFeeds checks that two outputs hold the same feed files, byte for
// byte.
func sameFeeds(t *testing.T, want, got string) {
	t.Helper()
	wf, gf := feedFiles(t, want), feedFiles(t, got)
	for _, lang := range []string{"fr", "en"} {
		wf, gf = append(wf, lang+"/feed.json"), append(gf, lang+"/feed.json")
	}
	for _, p := range gf {
		if !slices.Contains(wf, p) {
			t.Errorf("%s exists only with -drafts", p)
		}
	}
	for _, p := range wf {
		if !slices.Contains(gf, p) {
			t.Errorf("%s exists only without -drafts", p)
			continue
		}
		a, _ := os.ReadFile(filepath.Join(want, p))
		b, _ := os.ReadFile(filepath.Join(got, p))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs with -drafts", p)
		}
	}
}

// copyTree copies testdata/basic into a temporary folder and returns it.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "src")
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFeedsDraftChaptersNeverAppear adds a draft chapter to the current
// edition and a new chapter to the draft edition: with -drafts, both are
// published on pages, and no feed may differ from a build without drafts.
func TestFeedsDraftChaptersNeverAppear(t *testing.T) {
	src := copyTree(t, "testdata/basic")
	for _, lang := range []string{"fr", "en"} {
		writeFile(t, filepath.Join(src, "content/2024.1/04-secret."+lang+".md"),
			"---\ntitle: \"Secret draft\"\nowner: \"HR\"\ndraft: true\n---\nNot released yet.\n")
		writeFile(t, filepath.Join(src, "content/2026.1/04-future."+lang+".md"),
			"---\ntitle: \"Future chapter\"\nowner: \"HR\"\nchange: \"New.\"\n---\nComing later.\n")
	}
	today := day(t, "2025-06-01")
	withDrafts, _ := buildAt(t, src, today, true, true)
	if !exists(withDrafts, "fr/2024.1/secret/") || !exists(withDrafts, "fr/2026.1/future/") {
		t.Fatal("-drafts did not publish the draft chapters: the test does not test anything")
	}
	without, _ := buildAt(t, src, today, false, true)
	sameFeeds(t, without, withDrafts)
	for _, p := range feedFiles(t, withDrafts) {
		b, _ := os.ReadFile(filepath.Join(withDrafts, p))
		for _, s := range []string{"secret", "Secret draft", "future", "Future chapter", "2026.1"} {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s mentions %q (a draft)", p, s)
			}
		}
	}
	checkFeeds(t, withDrafts, loadSrc(t, src, today, false), basicBase)
}

// entryMap is every entry of every feed: feed path -> id -> entry.
func entryMap(t *testing.T, out string) map[string]map[string]feedEntry {
	t.Helper()
	m := map[string]map[string]feedEntry{}
	for _, p := range feedFiles(t, out) {
		f := readFeed(t, out, p)
		m[p] = map[string]feedEntry{}
		for _, e := range f.Entries {
			m[p][e.ID] = e
		}
	}
	return m
}

// addEdition2024_2 copies 2024.1 to a new released edition 2024.2 dated
// before today, with the privacy chapter changed (title, text and a
// change line that needs escaping), as `handbook new edition` and
// `release` would leave it.
func addEdition2024_2(t *testing.T, src string) {
	t.Helper()
	from, to := filepath.Join(src, "content/2024.1"), filepath.Join(src, "content/2024.2")
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(to, "*.md"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		var keep []string
		for _, l := range strings.Split(string(b), "\n") {
			if !strings.HasPrefix(l, "change:") && !strings.HasPrefix(l, "renamed_from:") {
				keep = append(keep, l)
			}
		}
		writeFile(t, f, strings.Join(keep, "\n"))
	}
	writeFile(t, filepath.Join(to, "_edition.fr.md"), "---\ndate: 2024-09-02\ndraft: false\nannounced: 2024-08-26\ntitle: \"Édition 2024.2\"\n---\nPrécise la vie privée.\n")
	writeFile(t, filepath.Join(to, "_edition.en.md"), "---\ndate: 2024-09-02\ndraft: false\nannounced: 2024-08-26\ntitle: \"Edition 2024.2\"\n---\nClarifies privacy.\n")
	writeFile(t, filepath.Join(to, "03-privacy.fr.md"), "---\ntitle: \"Vie privée & <données>\"\nowner: \"Affaires juridiques\"\ntags: [\"vie privée\", \"ton\"]\nchange: \"Précise R&D <interne> & le « consentement ».\"\n---\n## 1. Photos\n\nDemandez toujours le consentement avant de publier une photo.\n\n![Schéma](images/schema.svg)\n")
	writeFile(t, filepath.Join(to, "03-privacy.en.md"), "---\ntitle: \"Privacy & <data>\"\nowner: \"Legal\"\ntags: [\"privacy\", \"tone\"]\nchange: \"Clarifies R&D <internal> & \\\"consent\\\".\"\n---\n## 1. Photos\n\nAlways ask for consent before posting a photo.\n\n![Diagram](images/schema.svg)\n")
}

// TestFeedIDsStable: an entry's id never changes once published — not on
// a rebuild, not when an edition is added, not when base_url changes (the
// handbook's id is set).
func TestFeedIDsStable(t *testing.T) {
	today := day(t, "2025-06-01")
	first, _ := buildAt(t, "testdata/basic", today, false, true)
	before := entryMap(t, first)
	if len(before) == 0 {
		t.Fatal("no feed")
	}
	// keep checks that every entry of before is in after, with the same
	// title and, when sameLinks, the same link.
	keep := func(t *testing.T, after map[string]map[string]feedEntry, link func(string) string) {
		t.Helper()
		for p, entries := range before {
			got, ok := after[p]
			if !ok {
				t.Errorf("feed %s is gone", p)
				continue
			}
			for id, e := range entries {
				a, ok := got[id]
				switch {
				case !ok:
					t.Errorf("%s: entry %q (%s) is gone", p, e.Title, id)
				case a.Title != e.Title:
					t.Errorf("%s: entry %s: title %q, was %q", p, id, a.Title, e.Title)
				case a.Link != link(e.Link):
					t.Errorf("%s: entry %s: link %q, want %q", p, id, a.Link, link(e.Link))
				}
			}
		}
	}
	same := func(s string) string { return s }

	t.Run("rebuild", func(t *testing.T) {
		again, _ := buildAt(t, "testdata/basic", today, false, true)
		after := entryMap(t, again)
		keep(t, after, same)
		for p := range after {
			if len(after[p]) != len(before[p]) {
				t.Errorf("%s: %d entries, then %d", p, len(before[p]), len(after[p]))
			}
		}
	})

	t.Run("new-edition", func(t *testing.T) {
		src := copyTree(t, "testdata/basic")
		addEdition2024_2(t, src)
		out, dl := buildAt(t, src, today, false, true)
		for _, d := range dl {
			t.Log(d)
		}
		h := loadSrc(t, src, today, false)
		feeds := checkFeeds(t, out, h, basicBase)
		keep(t, entryMap(t, out), same)
		// The new edition is announced, with the changed chapter.
		for _, lang := range []string{"fr", "en"} {
			for _, p := range []string{lang + "/feed.xml", lang + "/atom.xml"} {
				ids := map[string]feedEntry{}
				for _, e := range feeds[p].Entries {
					ids[e.ID] = e
				}
				if _, ok := ids[feed.EntryID("test-handbook", "2024.2", lang, "")]; !ok {
					t.Errorf("%s: no entry for edition 2024.2", p)
				}
				e, ok := ids[feed.EntryID("test-handbook", "2024.2", lang, "privacy")]
				if !ok {
					t.Errorf("%s: no entry for privacy in 2024.2", p)
					continue
				}
				// Escaping: the parsed values hold the characters the
				// author wrote, neither raw markup nor double escapes.
				title, note := map[string]string{"fr": "Vie privée & <données>", "en": "Privacy & <data>"}[lang], map[string]string{"fr": "R&D <interne> &", "en": "R&D <internal> &"}[lang]
				if !strings.Contains(e.Title, title) {
					t.Errorf("%s: title %q does not hold %q", p, e.Title, title)
				}
				if !strings.Contains(spaces(htmlText(e.Content)), note) {
					t.Errorf("%s: content %q does not read %q", p, e.Content, note)
				}
				if feeds[p].Atom && !strings.Contains(spaces(e.Summary), note) {
					t.Errorf("%s: summary %q does not read %q", p, e.Summary, note)
				}
			}
		}
	})

	t.Run("base-url", func(t *testing.T) {
		src := copyTree(t, "testdata/basic")
		yml := filepath.Join(src, "content/handbook.yaml")
		b, _ := os.ReadFile(yml)
		const newBase = "https://policies.example.org/charte/"
		nb := strings.Replace(string(b), basicBase, newBase, 1)
		if nb == string(b) {
			t.Fatal("base_url not found in handbook.yaml")
		}
		writeFile(t, yml, nb)
		out, _ := buildAt(t, src, today, false, true)
		keep(t, entryMap(t, out), func(s string) string { return newBase + strings.TrimPrefix(s, basicBase) })
		checkFeeds(t, out, loadSrc(t, src, today, false), newBase)
		for _, p := range []string{"fr/atom.xml", "en/atom.xml"} {
			if a, b := readFeed(t, first, p).ID, readFeed(t, out, p).ID; a != b {
				t.Errorf("%s: feed id %s became %s", p, a, b)
			}
		}
	})
}

// TestFeedGolden compares the French feeds of testdata/basic with
// testdata/golden (UPDATE_GOLDEN=1 rewrites them).
func TestFeedGolden(t *testing.T) {
	out, _ := buildAt(t, "testdata/basic", day(t, "2025-06-01"), false, true)
	paths := []string{"fr/feed.json"}
	for _, p := range feedFiles(t, out) {
		if strings.HasPrefix(p, "fr/") {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	if len(paths) < 3 {
		t.Fatalf("only %d French feeds: %v", len(paths), paths)
	}
	update := os.Getenv("UPDATE_GOLDEN") != ""
	goldenDir := filepath.Join("testdata", "golden")
	if update {
		if err := os.RemoveAll(filepath.Join(goldenDir, "fr")); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range paths {
		got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join(goldenDir, filepath.FromSlash(p))
		if update {
			writeFile(t, golden, string(got))
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Errorf("%s: %v (run UPDATE_GOLDEN=1 go test ./build/site/)", p, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (UPDATE_GOLDEN=1 rewrites it; review the diff):\n%s", p, golden, firstDiff(string(want), string(got)))
		}
	}
	// No stale golden file.
	_ = filepath.WalkDir(goldenDir, func(f string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(goldenDir, f)
		if !slices.Contains(paths, filepath.ToSlash(rel)) {
			t.Errorf("stale golden file %s: no such feed", f)
		}
		return nil
	})
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\nwant: %s\n got: %s", i+1, w, g)
		}
	}
	return ""
}

// TestFeedSaysTranslationBehind: when an edition changed the reference
// text of a chapter but not its translation, the translated feed's entry
// says the translation may be behind (as the page does), and claims no
// words added or removed; the reference feed's entry has no such line.
func TestFeedSaysTranslationBehind(t *testing.T) {
	out, _ := buildAt(t, "testdata/basic", day(t, "2025-06-01"), false, true)
	entry := func(lang, title string) string {
		t.Helper()
		f, err := os.Open(filepath.Join(out, lang, "atom.xml"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		feed, err := gofeed.NewParser().Parse(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range feed.Items {
			if it.Title == title {
				return it.Content
			}
		}
		t.Fatalf("%s feed has no entry %q", lang, title)
		return ""
	}
	en := entry("en", "Rules — Changed (Edition 2025.2)")
	if !strings.Contains(en, "This translation may not yet reflect the changes of edition 2025.2.") {
		t.Errorf("en entry does not say the translation is behind:\n%s", en)
	}
	if strings.Contains(en, "words added") || strings.Contains(en, "word added") {
		t.Errorf("en entry counts words although its text did not change:\n%s", en)
	}
	fr := entry("fr", "Règles — Modifié (Édition 2025.2)")
	if strings.Contains(fr, "traduction") {
		t.Errorf("fr (reference) entry mentions a translation:\n%s", fr)
	}
}
