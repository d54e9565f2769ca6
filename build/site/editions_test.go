package site_test

// Tests of the edition experience (issue 5) on built output: redlines,
// "what changed" pages, chapter histories, banners, translation drift and
// print pages. Expectations come from an independent reading of the source
// files (srcHandbook below: front matter split by hand, bodies compared as
// strings), never from the builder's own model, so a wrong lineage or a
// wrong "changed" decision in the builder shows as a failure here.

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/net/html"
	"gopkg.in/yaml.v3"

	handbook "example.com/handbook"
	"example.com/handbook/build/config"
	"example.com/handbook/build/diag"
	"example.com/handbook/build/site/runner"
)

// ---------------------------------------------------------------------------
// Building

func day(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// buildAt builds the source folder src (holding content/) into a fresh
// folder with the given today and returns it with the diagnostics.
func buildAt(t testing.TB, src string, today time.Time, drafts, minify bool) (string, diag.List) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	_, dl, err := runner.Build(context.Background(), config.Options{
		Source: src, Out: out, Drafts: drafts, Minify: minify, Today: config.Day(today),
		Layouts: handbook.Layouts(), Static: handbook.Static(),
	})
	if err != nil || dl.HasErrors() {
		for _, d := range dl {
			t.Log(d)
		}
		t.Fatalf("build %s: %v", src, err)
	}
	return out, dl
}

// ---------------------------------------------------------------------------
// An independent reading of the sources

type srcText struct {
	File        string // relative to the source folder: content/E/NN-slug.L.md
	Lang        string
	Title       string
	Change      string
	RenamedFrom string
	Draft       bool
	Body        string         // after the front matter, leading blank lines and trailing space trimmed
	Meta        map[string]any // the whole front matter
}

type srcChapter struct {
	Slug  string
	Num   int
	Texts map[string]*srcText
	Ed    *srcEdition
}

// urlSlug is the slug of the chapter's URLs in lang: the translation's own
// (front matter slug) when it gives one, else the file name's.
func (c *srcChapter) urlSlug(lang string) string {
	if t := c.Texts[lang]; t != nil {
		if s, ok := t.Meta["slug"].(string); ok && s != "" {
			return s
		}
	}
	return c.Slug
}

func (c *srcChapter) draft() bool {
	for _, t := range c.Texts {
		if t.Draft {
			return true
		}
	}
	return false
}

type srcEdition struct {
	ID              string
	Date, Announced time.Time
	Draft           bool
	Status          string // past, current, upcoming, draft
	Chapters        []*srcChapter
}

func (e *srcEdition) chapter(slug string) *srcChapter {
	for _, c := range e.Chapters {
		if c.Slug == slug {
			return c
		}
	}
	return nil
}

// srcHandbook is what the sources say, read without the content package.
type srcHandbook struct {
	Dir      string
	ID       string
	BaseURL  string
	Langs    []string
	Today    time.Time
	Editions []*srcEdition // by date, then version order of the id
	Pub      []*srcEdition // published: released, and drafts with -drafts
	Current  *srcEdition
	prev     map[*srcEdition]*srcEdition
	pred     map[*srcChapter]*srcChapter
	succ     map[*srcChapter]*srcChapter
}

func (h *srcHandbook) ref() string { return h.Langs[0] }

var (
	chapterFile = regexp.MustCompile(`^(\d+)-([a-z][a-z0-9-]*)\.([a-z]+)\.md$`)
	editionFile = regexp.MustCompile(`^_edition\.([a-z]+)\.md$`)
)

// splitFrontMatter returns the YAML between the first two --- lines and the
// body after them.
func splitFrontMatter(b []byte) (string, string, error) {
	s := strings.TrimPrefix(string(b), "\ufeff")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	rest, ok := strings.CutPrefix(s, "---\n")
	if !ok {
		return "", "", errors.New("no front matter")
	}
	i := strings.Index(rest, "\n---\n")
	if i < 0 {
		if strings.HasSuffix(rest, "\n---") {
			return rest[:len(rest)-4], "", nil
		}
		return "", "", errors.New("front matter not closed")
	}
	return rest[:i], rest[i+5:], nil
}

func normBody(s string) string {
	lines := strings.Split(s, "\n")
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	return strings.TrimRightFunc(strings.Join(lines, "\n"), unicode.IsSpace)
}

func readSrcFile(t testing.TB, dir, rel string) (map[string]any, string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, rel))
	if err != nil {
		t.Fatal(err)
	}
	fm, body, err := splitFrontMatter(b)
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	m := map[string]any{}
	if err := yaml.Unmarshal([]byte(fm), &m); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	return m, normBody(body)
}

func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case time.Time:
		return x.Format("2006-01-02")
	case []any:
		var parts []string
		for _, p := range x {
			parts = append(parts, str(p))
		}
		return strings.Join(parts, ", ")
	}
	return fmt.Sprint(v)
}

func dateOf(t testing.TB, v any) time.Time {
	t.Helper()
	switch x := v.(type) {
	case time.Time:
		return x
	case string:
		return day(t, x)
	}
	return time.Time{}
}

// compareIDs orders edition ids in version order (2024.9 before 2024.10).
func compareIDs(a, b string) int {
	split := regexp.MustCompile(`\d+|\D+`)
	pa, pb := split.FindAllString(a, -1), split.FindAllString(b, -1)
	for i := 0; i < len(pa) && i < len(pb); i++ {
		if pa[i] == pb[i] {
			continue
		}
		na, ea := strconv.Atoi(pa[i])
		nb, eb := strconv.Atoi(pb[i])
		if ea == nil && eb == nil {
			return na - nb
		}
		return strings.Compare(pa[i], pb[i])
	}
	return len(pa) - len(pb)
}

// loadSrc reads dir/content as DESIGN.md describes it.
func loadSrc(t testing.TB, dir string, today time.Time, drafts bool) *srcHandbook {
	t.Helper()
	var settings struct {
		ID        string   `yaml:"id"`
		Languages []string `yaml:"languages"`
		BaseURL   string   `yaml:"base_url"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "content/handbook.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, &settings); err != nil {
		t.Fatal(err)
	}
	h := &srcHandbook{Dir: dir, ID: settings.ID, BaseURL: settings.BaseURL, Langs: settings.Languages, Today: today,
		prev: map[*srcEdition]*srcEdition{}, pred: map[*srcChapter]*srcChapter{}, succ: map[*srcChapter]*srcChapter{}}
	dirs, err := os.ReadDir(filepath.Join(dir, "content"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		e := &srcEdition{ID: d.Name()}
		files, err := os.ReadDir(filepath.Join(dir, "content", d.Name()))
		if err != nil {
			t.Fatal(err)
		}
		bySlug := map[string]*srcChapter{}
		for _, f := range files {
			rel := "content/" + d.Name() + "/" + f.Name()
			if m := editionFile.FindStringSubmatch(f.Name()); m != nil {
				fm, _ := readSrcFile(t, dir, rel)
				if m[1] == settings.Languages[0] {
					e.Date = dateOf(t, fm["date"])
					e.Announced = dateOf(t, fm["announced"])
					if e.Announced.IsZero() {
						e.Announced = e.Date
					}
					e.Draft, _ = fm["draft"].(bool)
				}
				continue
			}
			m := chapterFile.FindStringSubmatch(f.Name())
			if m == nil {
				continue
			}
			fm, body := readSrcFile(t, dir, rel)
			num, _ := strconv.Atoi(m[1])
			c := bySlug[m[2]]
			if c == nil {
				c = &srcChapter{Slug: m[2], Num: num, Texts: map[string]*srcText{}, Ed: e}
				bySlug[m[2]] = c
			}
			dr, _ := fm["draft"].(bool)
			c.Texts[m[3]] = &srcText{File: rel, Lang: m[3], Title: str(fm["title"]), Change: str(fm["change"]),
				RenamedFrom: str(fm["renamed_from"]), Draft: dr, Body: body, Meta: fm}
		}
		for _, c := range bySlug {
			if c.draft() && !drafts {
				continue
			}
			e.Chapters = append(e.Chapters, c)
		}
		sort.Slice(e.Chapters, func(i, j int) bool {
			if e.Chapters[i].Num != e.Chapters[j].Num {
				return e.Chapters[i].Num < e.Chapters[j].Num
			}
			return e.Chapters[i].Slug < e.Chapters[j].Slug
		})
		h.Editions = append(h.Editions, e)
	}
	sort.Slice(h.Editions, func(i, j int) bool {
		a, b := h.Editions[i], h.Editions[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.Before(b.Date)
		}
		return compareIDs(a.ID, b.ID) < 0
	})
	for _, e := range h.Editions {
		if !e.Draft && !e.Date.After(today) {
			h.Current = e
		}
	}
	for _, e := range h.Editions {
		switch {
		case e.Draft:
			e.Status = "draft"
		case e == h.Current:
			e.Status = "current"
		case e.Date.After(today):
			e.Status = "upcoming"
		default:
			e.Status = "past"
		}
		if !e.Draft || drafts {
			h.Pub = append(h.Pub, e)
		}
	}
	if h.Current == nil {
		t.Fatalf("%s: no current edition on %s", dir, today.Format("2006-01-02"))
	}
	// Lineage: each edition against the nearest earlier released one (a
	// draft against the nearest earlier published one).
	for i, e := range h.Pub {
		for j := i - 1; j >= 0; j-- {
			if !h.Pub[j].Draft || e.Draft {
				h.prev[e] = h.Pub[j]
				break
			}
		}
		p := h.prev[e]
		if p == nil {
			continue
		}
		for _, c := range e.Chapters {
			old := p.chapter(c.Slug)
			if old == nil {
				if from := h.renamedFrom(c); from != "" {
					old = p.chapter(from)
				}
			}
			if old == nil {
				continue
			}
			h.pred[c] = old
			if s := h.succ[old]; s == nil || s.Ed.Draft {
				h.succ[old] = c
			}
		}
	}
	return h
}

func (h *srcHandbook) renamedFrom(c *srcChapter) string {
	if t := c.Texts[h.ref()]; t != nil && t.RenamedFrom != "" {
		return t.RenamedFrom
	}
	for _, t := range c.Texts {
		if t.RenamedFrom != "" {
			return t.RenamedFrom
		}
	}
	return ""
}

func (h *srcHandbook) published(e *srcEdition) bool { return slices.Contains(h.Pub, e) }

// chain returns every wording of c's chapter, oldest first.
func (h *srcHandbook) chain(c *srcChapter) []*srcChapter {
	for h.pred[c] != nil {
		c = h.pred[c]
	}
	var out []*srcChapter
	for x := c; x != nil; x = h.succ[x] {
		out = append(out, x)
	}
	return out
}

// kind says what edition e did to chapter c (which is in e).
func (h *srcHandbook) kind(c *srcChapter) string {
	old := h.pred[c]
	switch {
	case old == nil:
		return "added"
	case old.Slug != c.Slug:
		return "renamed"
	}
	for _, l := range h.Langs {
		if old.Texts[l].Body != c.Texts[l].Body {
			return "changed"
		}
	}
	return "unchanged"
}

// removed returns the chapters of e's previous edition that e dropped.
func (h *srcHandbook) removed(e *srcEdition) []*srcChapter {
	p := h.prev[e]
	if p == nil {
		return nil
	}
	var out []*srcChapter
	for _, o := range p.Chapters {
		kept := false
		for _, c := range e.Chapters {
			if h.pred[c] == o {
				kept = true
			}
		}
		if !kept {
			out = append(out, o)
		}
	}
	return out
}

// removedIn returns the edition that removed the chapter chain of c.
func (h *srcHandbook) removedIn(c *srcChapter) *srcEdition {
	ch := h.chain(c)
	last := ch[len(ch)-1]
	for _, e := range h.Pub {
		if slices.Contains(h.removed(e), last) {
			return e
		}
	}
	return nil
}

// inCurrent returns the current edition's wording of c's chapter, or nil.
func (h *srcHandbook) inCurrent(c *srcChapter) *srcChapter {
	for _, x := range h.chain(c) {
		if x.Ed == h.Current {
			return x
		}
	}
	return nil
}

// ---------------------------------------------------------------------------
// Reading the output

// sitePage resolves href as found on the page at site path page and
// returns the target's site path and fragment; ok is false for a link that
// leaves the site.
func sitePage(page, href string) (string, string, bool) {
	base, _ := url.Parse("http://site.invalid/" + page)
	u, err := base.Parse(href)
	if err != nil || u.Host != "site.invalid" {
		return "", "", false
	}
	return strings.TrimPrefix(u.Path, "/"), u.Fragment, true
}

// fileOfPage returns the file of a site path ("fr/" -> "fr/index.html").
func fileOfPage(p string) string {
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

func exists(out, page string) bool {
	_, err := os.Stat(filepath.Join(out, filepath.FromSlash(fileOfPage(page))))
	return err == nil
}

// readPage parses the page at site path p, or returns nil when missing.
func readPage(t testing.TB, out, p string) *html.Node {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(fileOfPage(p))))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(strings.NewReader(string(b)))
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return doc
}

func mustPage(t testing.TB, out, p string) *html.Node {
	t.Helper()
	doc := readPage(t, out, p)
	if doc == nil {
		t.Fatalf("missing page %s", p)
	}
	return doc
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func hasClass(n *html.Node, class string) bool {
	return n.Type == html.ElementNode && slices.Contains(strings.Fields(attr(n, "class")), class)
}

func findAll(n *html.Node, pred func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if pred(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	if n != nil {
		walk(n)
	}
	return out
}

func elems(n *html.Node, tag string) []*html.Node {
	return findAll(n, func(x *html.Node) bool { return x.Type == html.ElementNode && x.Data == tag })
}

// byClass returns the elements with that class ("" tag: any element).
func byClass(n *html.Node, tag, class string) []*html.Node {
	return findAll(n, func(x *html.Node) bool { return hasClass(x, class) && (tag == "" || x.Data == tag) })
}

func first(ns []*html.Node) *html.Node {
	if len(ns) == 0 {
		return nil
	}
	return ns[0]
}

func hidden(n *html.Node) bool { return hasClass(n, "visually-hidden") }

// textOf returns the text of n without the subtrees skip selects.
func textOf(n *html.Node, skip func(*html.Node) bool) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if skip != nil && skip(n) {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode {
			b.WriteByte(' ')
		}
	}
	if n != nil {
		walk(n)
	}
	return b.String()
}

func plain(n *html.Node) string { return textOf(n, hidden) }

// letters keeps the letters and digits of s, lowercased: texts compared
// this way ignore typography (spaces, apostrophes, quotes, punctuation).
func letters(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// words counts the words of s: whitespace-separated tokens holding a
// letter or a digit.
func words(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

func spaces(s string) string {
	s = strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

var frMonths = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// longDate writes a date as DESIGN.md says readers see it.
func longDate(lang string, d time.Time) string {
	if lang == "fr" {
		dd := strconv.Itoa(d.Day())
		if d.Day() == 1 {
			dd = "1er"
		}
		return dd + " " + frMonths[d.Month()-1] + " " + strconv.Itoa(d.Year())
	}
	return d.Format("January 2, 2006")
}

func noChangeText(lang string) string {
	if lang == "fr" {
		return "Aucune modification du texte"
	}
	return "No change in the text"
}

func insWord(lang, tag string) string {
	switch {
	case lang == "fr" && tag == "ins":
		return "insertion"
	case lang == "fr":
		return "suppression"
	case tag == "ins":
		return "inserted"
	}
	return "deleted"
}

func chapterURL(lang string, e *srcEdition, slug string) string {
	return lang + "/" + e.ID + "/" + slug + "/"
}

func redlinePath(lang string, e *srcEdition, slug string) string {
	return chapterURL(lang, e, slug) + "changes/"
}

// textChanged reports whether chapter c's text in lang differs from its
// previous wording's: only then has it a redline page.
func (h *srcHandbook) textChanged(c *srcChapter, lang string) bool {
	old := h.pred[c]
	return old != nil && old.Texts[lang].Body != c.Texts[lang].Body
}

// historySlug is the URL slug in lang of the newest released wording of
// c's chapter, where its history page lives.
func (h *srcHandbook) historySlug(lang string, c *srcChapter) string {
	var chain []*srcChapter
	for x := c; x != nil; x = h.pred[x] {
		c = x
	}
	for x := c; x != nil; x = h.succ[x] {
		chain = append(chain, x)
	}
	for i := len(chain) - 1; i >= 0; i-- {
		if !chain[i].Ed.Draft || i == 0 {
			return chain[i].urlSlug(lang)
		}
	}
	return c.urlSlug(lang)
}

// changesPath is where links to what edition e changed in chapter c go:
// its redline when the text in lang changed, else its entry on the
// history page.
func (h *srcHandbook) changesPath(lang string, c *srcChapter) string {
	if h.textChanged(c, lang) {
		return redlinePath(lang, c.Ed, c.urlSlug(lang))
	}
	return lang + "/" + h.historySlug(lang, c) + "/history/#edition-" + c.Ed.ID
}

// unchangedSince is the earliest edition from which c has the same text in
// lang.
func (h *srcHandbook) unchangedSince(c *srcChapter, lang string) *srcEdition {
	for old := h.pred[c]; old != nil && old.Texts[lang].Body == c.Texts[lang].Body; old = h.pred[old] {
		c = old
	}
	return c.Ed
}

func unchangedSinceText(lang, edition string) string {
	if lang == "fr" {
		return "Texte inchangé depuis l’édition " + edition
	}
	return "Text unchanged since edition " + edition
}

// statNumbers reads the words added / removed of an element holding
// span.words-added and span.words-removed.
func statNumbers(n *html.Node) (added, removed int, ok bool) {
	a, r := first(byClass(n, "span", "words-added")), first(byClass(n, "span", "words-removed"))
	if a == nil || r == nil {
		return 0, 0, false
	}
	num := regexp.MustCompile(`\d+`)
	added, _ = strconv.Atoi(num.FindString(plain(a)))
	removed, _ = strconv.Atoi(num.FindString(plain(r)))
	return added, removed, true
}

// ---------------------------------------------------------------------------
// The tests

type siteCase struct {
	name   string
	src    string
	today  string
	drafts bool
	real   bool
}

func editionCases() []siteCase {
	return []siteCase{
		{name: "basic", src: "testdata/basic", today: "2025-06-01"},
		{name: "basic-drafts", src: "testdata/basic", today: "2025-06-01", drafts: true},
		{name: "real", src: "../..", today: "2026-11-25", real: true},
		{name: "real-drafts", src: "../..", today: "2026-11-25", drafts: true, real: true},
	}
}

// TestEditionPages checks the edition pages of testdata/basic and of the
// real handbook, with and without drafts, against the sources.
func TestEditionPages(t *testing.T) {
	for _, tc := range editionCases() {
		t.Run(tc.name, func(t *testing.T) {
			if tc.real && testing.Short() {
				t.Skip("real content: skipped in -short mode")
			}
			today := day(t, tc.today)
			out, dl := buildAt(t, tc.src, today, tc.drafts, false)
			h := loadSrc(t, tc.src, today, tc.drafts)
			t.Run("redlines", func(t *testing.T) { checkRedlines(t, out, h) })
			t.Run("changes", func(t *testing.T) { checkChangesPages(t, out, h) })
			t.Run("history", func(t *testing.T) { checkHistory(t, out, h) })
			t.Run("banners", func(t *testing.T) { checkBanners(t, out, h) })
			t.Run("drift", func(t *testing.T) { checkDrift(t, out, h, dl) })
			t.Run("print", func(t *testing.T) { checkPrint(t, out, h) })
			t.Run("no-format-verbs", func(t *testing.T) { checkNoFormatVerbs(t, out) })
			if tc.real && !tc.drafts {
				t.Run("2025.1-vs-2024.1", func(t *testing.T) { checkReal2025(t, out, tc.src) })
			}
		})
	}
}

// checkUnchangedEntry: the history page of chapter c holds an entry for
// c's edition, with the id links to its (missing) redline use, saying since
// when the text in lang is the same, and linking no redline.
func checkUnchangedEntry(t *testing.T, out string, h *srcHandbook, lang string, c *srcChapter) {
	t.Helper()
	p := lang + "/" + h.historySlug(lang, c) + "/history/"
	doc := readPage(t, out, p)
	if doc == nil {
		t.Errorf("%s: missing history page of %s", p, c.Slug)
		return
	}
	var entry *html.Node
	for _, li := range elems(first(byClass(doc, "ol", "history")), "li") {
		if attr(li, "id") == "edition-"+c.Ed.ID {
			entry = li
		}
	}
	if entry == nil {
		t.Errorf("%s: no entry with id edition-%s", p, c.Ed.ID)
		return
	}
	if want := unchangedSinceText(lang, h.unchangedSince(c, lang).ID); !strings.Contains(spaces(plain(entry)), want) {
		t.Errorf("%s#edition-%s: says %q, want %q", p, c.Ed.ID, spaces(plain(entry)), want)
	}
	for _, a := range elems(entry, "a") {
		if strings.HasSuffix(attr(a, "href"), "/changes/") {
			t.Errorf("%s#edition-%s: links a redline %s", p, c.Ed.ID, attr(a, "href"))
		}
	}
}

// checkRedlines: every chapter present in two consecutive editions has a
// redline per language where its text changed, and none where it did not
// (checkUnchangedEntry); a redline says "no change in the text" exactly when the
// bodies are equal; every <ins> and <del> carries its hidden word; and the
// redline holds both texts exactly: without its <del> it reads as the new
// page, without its <ins> as the old one (so every real edit shows, and
// nothing else). The counts of words match the marks.
func checkRedlines(t *testing.T, out string, h *srcHandbook) {
	n := 0
	for _, e := range h.Pub {
		for _, c := range e.Chapters {
			old := h.pred[c]
			if old == nil {
				continue
			}
			for _, lang := range h.Langs {
				p := redlinePath(lang, e, c.urlSlug(lang))
				doc := readPage(t, out, p)
				if !h.textChanged(c, lang) {
					// No redline page for a text that did not change: its
					// history entry says since when it is the same.
					if doc != nil {
						t.Errorf("%s: a redline page for a text that did not change (%s -> %s)", p, old.Ed.ID, e.ID)
					}
					checkUnchangedEntry(t, out, h, lang, c)
					n++
					continue
				}
				if doc == nil {
					t.Errorf("%s: missing redline of %s (%s -> %s)", p, c.Slug, old.Ed.ID, e.ID)
					continue
				}
				n++
				body := first(byClass(doc, "div", "redline-body"))
				if body == nil {
					t.Errorf("%s: no .redline-body", p)
					continue
				}
				equal := old.Texts[lang].Body == c.Texts[lang].Body
				marks := append(elems(body, "ins"), elems(body, "del")...)
				note := first(byClass(doc, "", "no-change"))
				switch {
				case equal && note == nil:
					t.Errorf("%s: bodies equal but no %q", p, noChangeText(lang))
				case equal && spaces(plain(note)) != noChangeText(lang):
					t.Errorf("%s: no-change note says %q, want %q", p, plain(note), noChangeText(lang))
				case equal && len(marks) > 0:
					t.Errorf("%s: bodies equal but %d <ins>/<del> in the redline", p, len(marks))
				case !equal && note != nil:
					t.Errorf("%s: bodies differ (%s vs %s) but the page says %q", p, old.Texts[lang].File, c.Texts[lang].File, plain(note))
				case !equal && len(marks) == 0:
					t.Errorf("%s: bodies differ (%s vs %s) but the redline has no <ins> or <del>", p, old.Texts[lang].File, c.Texts[lang].File)
				}
				addedWords, removedWords := 0, 0
				for _, m := range marks {
					hid := first(byClass(m, "", "visually-hidden"))
					if hid == nil || strings.TrimSpace(plain(hid)) != "" && !strings.Contains(textOf(hid, nil), insWord(lang, m.Data)) {
						t.Errorf("%s: <%s> without visually hidden %q: %s", p, m.Data, insWord(lang, m.Data), textOf(m, nil))
					}
					if m.Data == "ins" {
						addedWords += words(plain(m))
					} else {
						removedWords += words(plain(m))
					}
				}
				// The counts come from the word diff (image alt text
				// included), the marks may merge a short common run for
				// readability: only their signs must agree.
				if a, r, ok := statNumbers(first(byClass(doc, "", "change-stats"))); ok {
					if addedWords > 0 && a == 0 || removedWords > 0 && r == 0 || a+r == 0 {
						t.Errorf("%s: says %d words added, %d removed; the marks hold %d and %d", p, a, r, addedWords, removedWords)
					}
				} else if !equal {
					t.Errorf("%s: no word counts on a redline with changes", p)
				}
				// Both texts are in the redline, exactly.
				newPage := readPage(t, out, chapterURL(lang, e, c.urlSlug(lang)))
				oldPage := readPage(t, out, chapterURL(lang, old.Ed, old.urlSlug(lang)))
				if newPage == nil || oldPage == nil {
					t.Errorf("%s: missing chapter pages %s or %s", p, chapterURL(lang, e, c.urlSlug(lang)), chapterURL(lang, old.Ed, old.urlSlug(lang)))
					continue
				}
				// Footnote marks are left out: a redline shows them with
				// their new numbers, unmarked, when a note added earlier
				// renumbered them.
				newText := letters(textOf(body, func(n *html.Node) bool { return hidden(n) || n.Data == "del" || noteMark(n) }))
				oldText := letters(textOf(body, func(n *html.Node) bool { return hidden(n) || n.Data == "ins" || noteMark(n) }))
				if want := letters(textOf(first(byClass(newPage, "div", "chapter-body")), func(n *html.Node) bool { return hidden(n) || noteMark(n) })); newText != want {
					t.Errorf("%s: the redline without <del> is not the new text\n got: %s\nwant: %s", p, newText, want)
				}
				if want := letters(textOf(first(byClass(oldPage, "div", "chapter-body")), func(n *html.Node) bool { return hidden(n) || noteMark(n) })); oldText != want {
					t.Errorf("%s: the redline without <ins> is not the old text\n got: %s\nwant: %s", p, oldText, want)
				}
				checkMetaChanges(t, p, doc, old, c, lang)
			}
		}
	}
	if n == 0 {
		t.Fatal("no redline checked")
	}
}

// noteMark reports whether n is a footnote mark (its number).
func noteMark(n *html.Node) bool {
	if n.Type != html.ElementNode || n.Data != "a" {
		return false
	}
	for _, a := range n.Attr {
		if a.Key == "role" && a.Val == "doc-noteref" {
			return true
		}
	}
	return false
}

// checkMetaChanges: the table of metadata changes above a redline has one
// row per front matter field that differs, plus the slug when renamed. An
// effective date left out is inherited from the previous wording when the
// text did not change, else it is the edition's date.
func checkMetaChanges(t *testing.T, p string, doc *html.Node, old, c *srcChapter, lang string) {
	o, n := old.Texts[lang].Meta, c.Texts[lang].Meta
	want := 0
	for _, k := range []string{"title", "summary", "owner", "approved_by", "review_by", "audience", "tags"} {
		if str(o[k]) != str(n[k]) {
			want++
		}
	}
	// The old wording's own effective date, when left out, is at most its
	// edition's date (it may come from an earlier edition with the same text).
	effOld := str(o["effective"])
	if effOld == "" {
		effOld = old.Ed.Date.Format("2006-01-02")
	}
	effNew := str(n["effective"])
	switch {
	case effNew == "" && old.Texts[lang].Body == c.Texts[lang].Body:
		// inherited: no change
	case effNew == "":
		if effOld != c.Ed.Date.Format("2006-01-02") {
			want++
		}
	case effNew != effOld:
		want++
	}
	if old.Slug != c.Slug {
		want++
	}
	got := 0
	if sec := first(byClass(doc, "section", "meta-changes")); sec != nil {
		got = len(elems(first(elems(sec, "tbody")), "tr"))
	}
	if got != want {
		t.Errorf("%s: %d metadata changes listed, want %d", p, got, want)
	}
}

// checkChangesPages: /LANG/EDITION/changes/ lists each chapter added,
// removed, renamed or changed, with its change note and, for a changed
// text, words added and removed (> 0) and a link to a redline that exists;
// the unchanged chapters apart; the first edition lists everything as new.
func checkChangesPages(t *testing.T, out string, h *srcHandbook) {
	for _, e := range h.Pub {
		for _, lang := range h.Langs {
			p := lang + "/" + e.ID + "/changes/"
			doc := readPage(t, out, p)
			if doc == nil {
				t.Errorf("missing %s", p)
				continue
			}
			type row struct {
				kind, title, note, redline string
				stats                      bool
				added, removed             int
			}
			got := map[string]row{} // by the slug the row links to
			for _, li := range byClass(first(byClass(doc, "ul", "change-list")), "li", "change") {
				var r row
				for _, k := range []string{"added", "changed", "renamed", "removed"} {
					if hasClass(li, "change-"+k) {
						r.kind = k
					}
				}
				a := first(elems(li, "a"))
				if a == nil {
					t.Errorf("%s: change row without link: %s", p, plain(li))
					continue
				}
				target, _, _ := sitePage(p, attr(a, "href"))
				if !exists(out, target) {
					t.Errorf("%s: row %q links to %s, which does not exist", p, plain(a), target)
				}
				parts := strings.Split(strings.TrimSuffix(target, "/"), "/")
				slug := parts[len(parts)-1]
				r.title = plain(a)
				if n := first(byClass(li, "p", "change-note")); n != nil {
					r.note = plain(n)
				}
				if st := first(byClass(li, "p", "change-stats")); st != nil {
					r.added, r.removed, r.stats = statNumbers(st)
					for _, a := range elems(st, "a") {
						var frag string
						r.redline, frag, _ = sitePage(p, attr(a, "href"))
						if frag != "" {
							r.redline += "#" + frag
						}
					}
				}
				if _, dup := got[slug]; dup {
					t.Errorf("%s: %s listed twice", p, slug)
				}
				got[slug] = r
			}
			var unchanged []string
			for _, a := range elems(first(byClass(doc, "ul", "unchanged-list")), "a") {
				target, _, _ := sitePage(p, attr(a, "href"))
				unchanged = append(unchanged, target)
			}
			want := 0
			for _, c := range e.Chapters {
				kind := h.kind(c)
				ct := c.Texts[lang]
				if kind == "unchanged" {
					if !slices.Contains(unchanged, chapterURL(lang, e, c.urlSlug(lang))) {
						t.Errorf("%s: unchanged chapter %s not listed as unchanged (%v)", p, c.Slug, unchanged)
					}
					if _, ok := got[c.urlSlug(lang)]; ok {
						t.Errorf("%s: unchanged chapter %s listed as a change", p, c.Slug)
					}
					continue
				}
				want++
				r, ok := got[c.urlSlug(lang)]
				if !ok {
					t.Errorf("%s: %s chapter %s not listed", p, kind, c.Slug)
					continue
				}
				if r.kind != kind {
					t.Errorf("%s: %s listed as %s, want %s", p, c.Slug, r.kind, kind)
				}
				if letters(r.title) != letters(ct.Title) {
					t.Errorf("%s: %s titled %q, want %q", p, c.Slug, r.title, ct.Title)
				}
				if letters(r.note) != letters(ct.Change) {
					t.Errorf("%s: %s change note %q, want %q", p, c.Slug, r.note, ct.Change)
				}
				old := h.pred[c]
				textChanged := old != nil && old.Texts[lang].Body != ct.Body
				if r.stats != textChanged {
					t.Errorf("%s: %s: word counts shown = %v, want %v (text changed in %s)", p, c.Slug, r.stats, textChanged, lang)
				}
				if textChanged && r.added+r.removed == 0 {
					t.Errorf("%s: %s: text changed but 0 words added and removed", p, c.Slug)
				}
				if old != nil {
					// The redline, or for a text that did not change in
					// this language the history entry.
					if want := h.changesPath(lang, c); r.redline != want {
						t.Errorf("%s: %s links to %q, want %q", p, c.Slug, r.redline, want)
					} else if page, _, _ := strings.Cut(want, "#"); !exists(out, page) {
						t.Errorf("%s: %s: %s does not exist", p, c.Slug, want)
					}
				} else if r.redline != "" {
					t.Errorf("%s: added chapter %s links a redline %s", p, c.Slug, r.redline)
				}
			}
			for _, o := range h.removed(e) {
				want++
				r, ok := got[o.urlSlug(lang)]
				if !ok || r.kind != "removed" {
					t.Errorf("%s: removed chapter %s not listed as removed (%+v)", p, o.Slug, r)
				}
			}
			if len(got) != want {
				t.Errorf("%s: %d change rows, want %d", p, len(got), want)
			}
			if h.prev[e] == nil {
				for slug, r := range got {
					if r.kind != "added" {
						t.Errorf("%s: first edition lists %s as %s, want added", p, slug, r.kind)
					}
				}
			}
		}
	}
}

// checkHistory: /LANG/SLUG/history/ lists every published edition of the
// chapter (following renames), newest first, with redline links that
// exist; each chapter page's "history" link goes to a history that lists
// its edition.
func checkHistory(t *testing.T, out string, h *srcHandbook) {
	for _, lang := range h.Langs {
		seen := map[string]bool{}
		for _, e := range h.Pub {
			for _, c := range e.Chapters {
				if sl := c.urlSlug(lang); !seen[sl] {
					seen[sl] = true
					p := lang + "/" + sl + "/history/"
					var want []string
					for _, x := range h.chain(c) {
						if h.published(x.Ed) {
							want = append(want, x.Ed.ID)
						}
					}
					slices.Reverse(want)
					if got := historyEditions(t, out, p); !slices.Equal(got, want) {
						t.Errorf("%s lists editions %v, want %v", p, got, want)
					}
				}
				// The chapter page's history link.
				cp := chapterURL(lang, e, c.urlSlug(lang))
				doc := mustPage(t, out, cp)
				var hist string
				for _, a := range elems(first(byClass(doc, "p", "chapter-actions")), "a") {
					if target, _, _ := sitePage(cp, attr(a, "href")); strings.HasSuffix(target, "/history/") {
						hist = target
					}
				}
				if hist == "" {
					t.Errorf("%s: no history link", cp)
					continue
				}
				if !slices.Contains(historyEditions(t, out, hist), e.ID) {
					t.Errorf("%s: history link %s does not list edition %s", cp, hist, e.ID)
				}
			}
		}
	}
}

func historyEditions(t *testing.T, out, p string) []string {
	t.Helper()
	doc := readPage(t, out, p)
	if doc == nil {
		t.Errorf("missing %s", p)
		return nil
	}
	var eds []string
	for _, li := range elems(first(byClass(doc, "ol", "history")), "li") {
		a := first(elems(first(elems(li, "h2")), "a"))
		if a == nil {
			t.Errorf("%s: history row without link", p)
			continue
		}
		target, _, _ := sitePage(p, attr(a, "href"))
		if !exists(out, target) {
			t.Errorf("%s: links %s, which does not exist", p, target)
		}
		parts := strings.Split(target, "/")
		eds = append(eds, parts[1])
		for _, a := range elems(first(byClass(li, "p", "change-stats")), "a") {
			if target, _, _ := sitePage(p, attr(a, "href")); !exists(out, target) {
				t.Errorf("%s: redline link %s does not exist", p, target)
			}
		}
	}
	return eds
}

// checkBanners: pages of a past edition say so and link to the current
// wording of the same chapter (or say it was removed); an upcoming
// edition's pages say "in force from <date>"; a draft's pages say draft;
// the current edition and stable pages carry no banner.
func checkBanners(t *testing.T, out string, h *srcHandbook) {
	for _, lang := range h.Langs {
		for _, e := range h.Pub {
			pages := []string{lang + "/" + e.ID + "/", lang + "/" + e.ID + "/changes/", lang + "/" + e.ID + "/print/"}
			for _, c := range e.Chapters {
				pages = append(pages, chapterURL(lang, e, c.urlSlug(lang)))
				if h.textChanged(c, lang) {
					pages = append(pages, redlinePath(lang, e, c.urlSlug(lang)))
				}
			}
			for _, p := range pages {
				doc := mustPage(t, out, p)
				bs := byClass(doc, "div", "banner")
				if e.Status == "current" {
					if len(bs) != 0 {
						t.Errorf("%s: current edition page has a banner: %s", p, plain(bs[0]))
					}
					continue
				}
				if len(bs) != 1 || !hasClass(bs[0], "banner-"+e.Status) {
					t.Errorf("%s: want one banner-%s, got %d banners", p, e.Status, len(bs))
					continue
				}
				text := spaces(plain(bs[0]))
				if e.Status == "upcoming" && !strings.Contains(text, longDate(lang, e.Date)) {
					t.Errorf("%s: upcoming banner %q lacks the date %q", p, text, longDate(lang, e.Date))
				}
				if e.Status == "past" && !strings.Contains(text, e.ID) {
					t.Errorf("%s: past banner %q does not name edition %s", p, text, e.ID)
				}
			}
			if e.Status != "past" {
				continue
			}
			for _, c := range e.Chapters {
				p := chapterURL(lang, e, c.urlSlug(lang))
				b := first(byClass(mustPage(t, out, p), "div", "banner"))
				if b == nil {
					continue
				}
				var link string
				if a := first(elems(b, "a")); a != nil {
					link, _, _ = sitePage(p, attr(a, "href"))
				}
				if now := h.inCurrent(c); now != nil {
					if want := lang + "/" + now.urlSlug(lang) + "/"; link != want {
						t.Errorf("%s: banner links %q, want the current wording %q", p, link, want)
					}
				} else {
					r := h.removedIn(c)
					if link != "" || r == nil || !strings.Contains(plain(b), r.ID) {
						t.Errorf("%s: banner of a removed chapter %q (link %q) should say it was removed in %v", p, plain(b), link, r)
					}
				}
			}
		}
		for _, p := range append([]string{lang + "/"}, stablePages(lang, h)...) {
			if bs := byClass(mustPage(t, out, p), "div", "banner"); len(bs) != 0 {
				t.Errorf("%s: stable page has a banner: %s", p, plain(bs[0]))
			}
		}
	}
}

func stablePages(lang string, h *srcHandbook) []string {
	var out []string
	for _, c := range h.Current.Chapters {
		out = append(out, lang+"/"+c.urlSlug(lang)+"/")
	}
	return out
}

// checkDrift: a translated page says the translation may be behind exactly
// where the edition changed the reference text and not the translation (or
// the reverse); reference pages never do; the build warns on the
// translation's file, and only there.
func checkDrift(t *testing.T, out string, h *srcHandbook, dl diag.List) {
	ref := h.ref()
	wantWarn := map[string]bool{}
	for _, e := range h.Pub {
		for _, c := range e.Chapters {
			old := h.pred[c]
			for _, lang := range h.Langs {
				want := false
				if old != nil && lang != ref {
					refChanged := old.Texts[ref].Body != c.Texts[ref].Body
					langChanged := old.Texts[lang].Body != c.Texts[lang].Body
					want = refChanged != langChanged
				}
				if want {
					wantWarn[c.Texts[lang].File] = true
				}
				pages := []string{chapterURL(lang, e, c.urlSlug(lang))}
				if e == h.Current {
					pages = append(pages, lang+"/"+c.urlSlug(lang)+"/")
				}
				for _, p := range pages {
					doc := mustPage(t, out, p)
					d := first(byClass(doc, "div", "drift"))
					if (d != nil) != want {
						t.Errorf("%s: drift notice shown = %v, want %v", p, d != nil, want)
						continue
					}
					if d == nil {
						continue
					}
					if !strings.Contains(plain(d), e.ID) {
						t.Errorf("%s: drift notice %q does not name edition %s", p, plain(d), e.ID)
					}
					var toRef, toRedline bool
					for _, a := range elems(d, "a") {
						target, frag, _ := sitePage(p, attr(a, "href"))
						if !exists(out, target) {
							t.Errorf("%s: drift link %s does not exist", p, target)
						}
						// The reference text's redline, or its history
						// entry when only the translation changed.
						if frag != "" {
							target += "#" + frag
						}
						if target == h.changesPath(ref, c) {
							toRedline = true
						}
						if target == chapterURL(ref, e, c.urlSlug(ref)) || target == ref+"/"+c.urlSlug(ref)+"/" {
							toRef = true
							if hl := attr(a, "hreflang"); hl != "" && hl != ref {
								t.Errorf("%s: link to the %s reference text has hreflang=%q", p, ref, hl)
							}
						}
					}
					if !toRef || !toRedline {
						t.Errorf("%s: drift notice should link the reference text and its redline (ref %v, redline %v)", p, toRef, toRedline)
					}
				}
			}
		}
	}
	gotWarn := map[string]bool{}
	for _, d := range dl {
		if d.Warning && strings.Contains(d.Message, "translation") {
			gotWarn[d.Path] = true
		}
	}
	for f := range wantWarn {
		if !gotWarn[f] {
			t.Errorf("no translation drift warning on %s", f)
		}
	}
	for f := range gotWarn {
		if !wantWarn[f] {
			t.Errorf("unexpected translation drift warning on %s", f)
		}
	}
}

// checkPrint: /LANG/print/ and /LANG/EDITION/print/ have one h1, ids
// unique across the page, and every chapter of the edition with its title
// and its whole text.
func checkPrint(t *testing.T, out string, h *srcHandbook) {
	for _, lang := range h.Langs {
		type pp struct {
			path string
			e    *srcEdition
		}
		pages := []pp{{lang + "/print/", h.Current}}
		for _, e := range h.Pub {
			pages = append(pages, pp{lang + "/" + e.ID + "/print/", e})
		}
		for _, x := range pages {
			doc := mustPage(t, out, x.path)
			if n := len(elems(doc, "h1")); n != 1 {
				t.Errorf("%s: %d h1, want 1", x.path, n)
			}
			ids := map[string]int{}
			for _, n := range findAll(doc, func(n *html.Node) bool { return n.Type == html.ElementNode && hasAttr(n, "id") }) {
				ids[attr(n, "id")]++
			}
			for id, n := range ids {
				if n > 1 {
					t.Errorf("%s: id %q used %d times", x.path, id, n)
				}
			}
			// Every fragment link of the page goes to an id of the page.
			for _, a := range elems(doc, "a") {
				if href := attr(a, "href"); strings.HasPrefix(href, "#") && ids[strings.TrimPrefix(href, "#")] == 0 {
					t.Errorf("%s: link %s to no id of the page", x.path, href)
				}
			}
			sections := byClass(doc, "section", "print-chapter")
			if len(sections) != len(x.e.Chapters) {
				t.Errorf("%s: %d chapters, want %d", x.path, len(sections), len(x.e.Chapters))
			}
			for i, c := range x.e.Chapters {
				if i >= len(sections) {
					break
				}
				sec := sections[i]
				title := first(elems(sec, "h2"))
				if attr(sec, "id") != c.Slug || title == nil || letters(plain(title)) != letters(c.Texts[lang].Title) {
					t.Errorf("%s: chapter %d is %q (%s), want %q (%s)", x.path, i+1, plain(title), attr(sec, "id"), c.Texts[lang].Title, c.Slug)
				}
				chapter := readPage(t, out, chapterURL(lang, x.e, c.urlSlug(lang)))
				if chapter == nil {
					t.Errorf("missing %s", chapterURL(lang, x.e, c.urlSlug(lang)))
					continue
				}
				if got, want := letters(plain(first(byClass(sec, "div", "chapter-body")))), letters(plain(first(byClass(chapter, "div", "chapter-body")))); got != want {
					t.Errorf("%s: text of %s differs from its page\n got: %s\nwant: %s", x.path, c.Slug, got, want)
				}
			}
		}
	}
}

// checkNoFormatVerbs: no page shows a format verb left unfilled, as a
// string with %s passed through a function that does not format.
func checkNoFormatVerbs(t *testing.T, out string) {
	bad := regexp.MustCompile(`%[sdvq!]`)
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		doc, err := html.Parse(strings.NewReader(string(b)))
		if err != nil {
			return err
		}
		if m := bad.FindString(textOf(doc, nil)); m != "" {
			rel, _ := filepath.Rel(out, p)
			i := strings.Index(textOf(doc, nil), m)
			txt := textOf(doc, nil)
			t.Errorf("%s: unfilled %q in %q", rel, m, spaces(txt[max(0, i-40):min(len(txt), i+20)]))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// checkReal2025 is the check of issue 5 on the real content: between
// 2024.1 and 2025.1, every chapter whose body changed shows <ins>/<del> in
// its redline, in both languages, every other has no redline page, and the
// changes page counts words exactly for changed ones.
func checkReal2025(t *testing.T, out, src string) {
	files, err := filepath.Glob(filepath.Join(src, "content/2024.1/*.md"))
	if err != nil {
		t.Fatal(err)
	}
	checked, changedN := 0, 0
	for _, f := range files {
		name := filepath.Base(f)
		m := chapterFile.FindStringSubmatch(name)
		if m == nil {
			continue
		}
		if _, err := os.Stat(filepath.Join(src, "content/2025.1", name)); err != nil {
			continue
		}
		_, oldBody := readSrcFile(t, src, "content/2024.1/"+name)
		_, newBody := readSrcFile(t, src, "content/2025.1/"+name)
		slug, lang := m[2], m[3]
		changed := oldBody != newBody
		p := lang + "/2025.1/" + slug + "/changes/"
		if !changed {
			// No redline page for a text that did not change.
			if exists(out, p) {
				t.Errorf("%s: %s did not change but has a redline page", p, name)
			}
			checked++
			continue
		}
		doc := mustPage(t, out, p)
		body := first(byClass(doc, "div", "redline-body"))
		marks := len(elems(body, "ins")) + len(elems(body, "del"))
		says := strings.Contains(spaces(plain(doc)), noChangeText(lang))
		if changed && (marks == 0 || says) {
			t.Errorf("%s: %s changed but the redline has %d marks and says no change = %v", p, name, marks, says)
		}
		if !changed && (marks != 0 || !says) {
			t.Errorf("%s: %s did not change but the redline has %d marks and says no change = %v", p, name, marks, says)
		}
		// The changes page.
		cp := lang + "/2025.1/changes/"
		var stats *html.Node
		for _, li := range byClass(mustPage(t, out, cp), "li", "change") {
			if a := first(elems(li, "a")); a != nil {
				if target, _, _ := sitePage(cp, attr(a, "href")); target == lang+"/2025.1/"+slug+"/" {
					stats = first(byClass(li, "p", "change-stats"))
				}
			}
		}
		a, r, ok := statNumbers(stats)
		if changed != (ok && a+r > 0) {
			t.Errorf("%s: %s changed = %v, but the word counts are %d/%d (shown %v)", cp, name, changed, a, r, ok)
		}
		checked++
		if changed {
			changedN++
		}
	}
	if checked < 10 || changedN == 0 || changedN == checked {
		t.Fatalf("checked %d chapter files, %d changed: the real content is not what this test expects", checked, changedN)
	}
}
