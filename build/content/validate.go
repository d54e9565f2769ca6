package content

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"time"

	"example.com/handbook/build/diag"
)

// Validate assembles the Handbook from a tree and checks what concerns
// several files: languages, pairing of translations, duplicate slugs,
// edition texts, edition order and status, renamed_from, and the review_by
// and change warnings. It returns the model (partial when the diagnostics
// hold errors) and every diagnostic of the tree and of the validation,
// sorted. It does not change the tree, so it can run again after
// Tree.Reread.
func Validate(t *Tree, o LoadOptions) (*Handbook, diag.List) {
	d := t.Diagnostics()
	h := &Handbook{Today: o.Today}
	if t.settings != nil {
		h.Settings = *t.settings
		h.Settings.Title = maps.Clone(t.settings.Title)
		h.Settings.Languages = slices.Clone(t.settings.Languages)
	}
	langs := h.Settings.Languages
	for _, lang := range slices.Sorted(maps.Keys(t.synonyms)) {
		s := t.synonyms[lang]
		switch {
		case s.v == nil:
		case t.settings != nil && !slices.Contains(langs, lang):
			d.Warnf(s.v.File, 0, "language %q is not one of handbook.yaml's languages (%s): the file is not used", lang, strings.Join(langs, ", "))
		default:
			if h.Synonyms == nil {
				h.Synonyms = map[string]*Synonyms{}
			}
			h.Synonyms[lang] = s.v
		}
	}
	for _, id := range slices.Sorted(maps.Keys(t.editions)) {
		h.Editions = append(h.Editions, assemble(t.editions[id], langs, &d))
	}
	if len(h.Editions) == 0 && t.settings != nil && len(t.listing) == 0 {
		d.Errorf(ContentDir, 0, "no edition: start one with \"handbook new edition ID\"")
	}
	h.applyStatus()
	for _, e := range h.Editions {
		checkAcrossEditions(h, e, &d)
	}
	if !o.Drafts {
		for _, e := range h.Editions {
			e.Chapters = slices.DeleteFunc(e.Chapters, func(c *Chapter) bool { return c.Draft })
			e.index()
		}
	}
	return h, d.Sort()
}

// assemble builds one edition from its folder: edition texts per language,
// chapters paired by slug.
func assemble(dir *editionDir, langs []string, d *diag.List) *Edition {
	e := &Edition{ID: dir.id, Dir: dir.dir, Texts: map[string]*EditionText{}, Images: dir.images, Unreadable: dir.unreadable}
	known := func(file, lang string) bool {
		if len(langs) == 0 || slices.Contains(langs, lang) {
			return true
		}
		d.Errorf(file, 0, "language %q is not one of handbook.yaml's languages (%s)", lang, strings.Join(langs, ", "))
		return false
	}

	// Edition texts: one per language; the reference language's says when
	// and whether the edition is released, the others must agree.
	for _, p := range slices.Sorted(maps.Keys(dir.texts)) {
		if et := dir.texts[p].v; et != nil && known(et.File, et.Lang) {
			e.Texts[et.Lang] = et
		}
	}
	for _, l := range langs {
		if e.Texts[l] == nil {
			d.Errorf(e.Dir, 0, "missing _edition.%s.md: each edition has its date and release notes in every language", l)
		}
	}
	var ref *EditionText
	order := editionLangs(langs, e.Texts)
	// The reference is the first file with a usable date (a file that
	// could not be read or whose date is wrong has its own error).
	slices.SortStableFunc(order, func(a, b string) int {
		return boolCmp(e.Texts[a].Date.IsZero(), e.Texts[b].Date.IsZero())
	})
	for _, l := range order {
		et := e.Texts[l]
		if ref == nil {
			ref = et
			e.Date, e.Draft = et.Date, et.Draft
			e.Announced = et.Announced
			if e.Announced.IsZero() {
				e.Announced = e.Date
			}
			continue
		}
		if et.broken || ref.broken {
			continue
		}
		agree(d, et, ref, "date", et.Date, ref.Date)
		agree(d, et, ref, "draft", et.Draft, ref.Draft)
		if et.Date.Equal(ref.Date) && (!et.Announced.IsZero() || !ref.Announced.IsZero()) {
			agree(d, et, ref, "announced", orDate(et.Announced, et.Date), orDate(ref.Announced, ref.Date))
		}
	}

	// Chapters: the first file of each slug and language wins, a later one
	// is a duplicate; translations pair by slug.
	type key struct{ slug, lang string }
	first := map[key]*ChapterText{}
	bySlug := map[string]*Chapter{}
	for _, p := range slices.Sorted(maps.Keys(dir.chapters)) {
		ct := dir.chapters[p].v
		if ct == nil || !known(ct.File, ct.Lang) {
			continue
		}
		k := key{ct.Slug, ct.Lang}
		if f := first[k]; f != nil {
			d.Errorf(ct.File, 1, "duplicate slug %q: %s has it too", ct.Slug, f.File)
			continue
		}
		first[k] = ct
		c := bySlug[ct.Slug]
		if c == nil {
			c = &Chapter{Slug: ct.Slug, Number: ct.Number, Edition: e, Texts: map[string]*ChapterText{}}
			bySlug[ct.Slug] = c
			e.Chapters = append(e.Chapters, c)
		}
		c.Texts[ct.Lang] = ct
		c.Draft = c.Draft || ct.Meta.Draft
	}
	if dir.chapterFiles == 0 {
		d.Errorf(e.Dir, 0, "edition has no chapter")
	}
	for _, c := range e.Chapters {
		pairChapter(c, langs, d)
	}
	slices.SortFunc(e.Chapters, func(a, b *Chapter) int {
		if a.Number != b.Number {
			return a.Number - b.Number
		}
		return strings.Compare(a.Slug, b.Slug)
	})
	checkURLSlugs(e, langs, d)
	e.index()
	return e
}

// checkURLSlugs reports a translation's own slug where the reference
// language gives one (its slug is the file name's), and two chapters of
// the edition that would share a URL in one language. The fault is on the
// file whose slug line made the clash; a clash of file slugs is already a
// duplicate slug. It only reports: the tree's texts stay as they are, so
// Validate can run again.
func checkURLSlugs(e *Edition, langs []string, d *diag.List) {
	if len(langs) == 0 {
		return
	}
	ref := langs[0]
	for _, c := range e.Chapters {
		if ct := c.Texts[ref]; ct != nil && ct.Meta.Slug != "" {
			d.Errorf(ct.File, ct.KeyLines["slug"], "slug: %s is the reference language, whose URL slug is the file name's (%q): rename the file, or remove the slug line", ref, c.Slug)
		}
	}
	for _, l := range langs[1:] {
		owner := map[string]*Chapter{}
		for _, c := range e.Chapters {
			if c.Texts[l] == nil || c.Texts[l].Meta.Slug == "" {
				owner[c.Slug] = c
			}
		}
		for _, c := range e.Chapters {
			ct := c.Texts[l]
			if ct == nil || ct.Meta.Slug == "" {
				continue
			}
			if o := owner[ct.Meta.Slug]; o != nil && o != c {
				other := o.Slug
				if t := o.Texts[l]; t != nil {
					other = t.File
				}
				d.Errorf(ct.File, ct.KeyLines["slug"], "slug: %q is already the %s URL of %s: choose another", ct.Meta.Slug, l, other)
				continue
			}
			owner[ct.Meta.Slug] = c
		}
	}
}

// pairChapter reports the translations a chapter lacks, once, on the file
// of the first language it has; and numbers or renamed_from that differ
// from that file's.
func pairChapter(c *Chapter, langs []string, d *diag.List) {
	order := editionLangs(langs, c.Texts)
	ref := c.Texts[order[0]]
	c.Number, c.RenamedFrom = ref.Number, ref.Meta.RenamedFrom
	for _, l := range langs {
		if c.Texts[l] == nil {
			d.Errorf(ref.File, 1, "missing translation: no %02d-%s.%s.md in %s", ref.Number, c.Slug, l, path.Dir(ref.File))
		}
	}
	for _, l := range order[1:] {
		ct := c.Texts[l]
		if ct.broken || ref.broken {
			continue
		}
		if ct.Number != ref.Number {
			d.Errorf(ct.File, 1, "number %02d differs from its translation %s: give the translations the same number", ct.Number, ref.File)
		}
		switch from := ct.Meta.RenamedFrom; {
		case from == ref.Meta.RenamedFrom:
		case from == "":
			d.Errorf(ct.File, 1, "missing renamed_from: its translation %s has renamed_from: %s", ref.File, ref.Meta.RenamedFrom)
		default:
			d.Errorf(ct.File, ct.KeyLines["renamed_from"], "renamed_from: %q differs from its translation %s (%q)", from, ref.File, ref.Meta.RenamedFrom)
		}
	}
}

// editionLangs returns the languages of m in the handbook's order, then any
// other (only when the languages are unknown) in alphabetical order.
func editionLangs[T any](langs []string, m map[string]T) []string {
	var out []string
	for _, l := range langs {
		if _, ok := m[l]; ok {
			out = append(out, l)
		}
	}
	for _, l := range slices.Sorted(maps.Keys(m)) {
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out
}

// boolCmp orders false before true.
func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func orDate(t, def time.Time) time.Time {
	if t.IsZero() {
		return def
	}
	return t
}

// agree reports a front matter value of et that differs from the reference
// file's, at its key's line (line 1 when the key is absent).
func agree[T comparable](d *diag.List, et, ref *EditionText, key string, v, want T) {
	if v == want {
		return
	}
	show := func(x any) string {
		if t, ok := x.(time.Time); ok {
			if t.IsZero() {
				return "none"
			}
			return t.Format(time.DateOnly)
		}
		return fmt.Sprint(x)
	}
	d.Errorf(et.File, max(et.KeyLines[key], 1), "%s: %s differs from %s (%s): the languages of an edition must agree", key, show(v), ref.File, show(want))
}

// index fills the slug index of e's chapters.
func (e *Edition) index() {
	e.bySlug = make(map[string]*Chapter, len(e.Chapters))
	e.byOwnSlug = map[[2]string]*Chapter{}
	for _, c := range e.Chapters {
		e.bySlug[c.Slug] = c
		for l, ct := range c.Texts {
			if ct.Meta.Slug != "" {
				e.byOwnSlug[[2]string{l, ct.Meta.Slug}] = c
			}
		}
	}
}

// sortEditions puts editions in edition order.
func sortEditions(es []*Edition) { slices.SortStableFunc(es, compareEditions) }

// checkAcrossEditions checks e against the edition before it and today:
// renamed_from, review_by and change.
func checkAcrossEditions(h *Handbook, e *Edition, d *diag.List) {
	base := e.Base()
	for _, c := range e.Chapters {
		for _, l := range editionLangs(h.Settings.Languages, c.Texts) {
			ct := c.Texts[l]
			if r := ct.Meta.ReviewBy; !r.IsZero() && r.Before(h.Today) && e.Status != Past {
				d.Warnf(ct.File, ct.KeyLines["review_by"], "review_by: %s is past: review the chapter and set the next date", r.Format(time.DateOnly))
			}
			if ct.broken {
				continue
			}
			if from := ct.Meta.RenamedFrom; from != "" {
				line := ct.KeyLines["renamed_from"]
				switch {
				case from == c.Slug:
					d.Errorf(ct.File, line, "renamed_from: %q is this chapter's own slug", from)
				case base == nil:
					d.Errorf(ct.File, line, "renamed_from: %q, but no released edition comes before %s", from, e.ID)
				case base.Chapter(from) == nil:
					d.Errorf(ct.File, line, "renamed_from: no chapter %q in the previous edition %s", from, base.ID)
				case e.Chapter(from) != nil:
					d.Errorf(ct.File, line, "renamed_from: %q is still a chapter of this edition", from)
				}
			}
			checkChange(ct, c, base, d)
		}
	}
	checkLeftOut(h, e, base, d)
}

// checkLeftOut warns, on each chapter that an edition adds, when the
// edition also leaves out a chapter of the one before without renamed_from
// linking the two: a file renamed without renamed_from reads as a chapter
// removed and another added, and the old URLs then show a removed-chapter
// page instead of sending readers to the new one.
func checkLeftOut(h *Handbook, e, base *Edition, d *diag.List) {
	if base == nil {
		return
	}
	continued := map[string]bool{}
	var added []*Chapter
	for _, c := range e.Chapters {
		switch {
		case base.Chapter(c.Slug) != nil:
			continued[c.Slug] = true
		case c.RenamedFrom != "":
			continued[c.RenamedFrom] = true
		default:
			added = append(added, c)
		}
	}
	var left []string
	for _, c := range base.Chapters {
		if !continued[c.Slug] {
			left = append(left, c.Slug)
		}
	}
	if len(left) == 0 {
		return
	}
	for _, c := range added {
		ct := c.Texts[editionLangs(h.Settings.Languages, c.Texts)[0]]
		if ct.broken {
			continue
		}
		d.Warnf(ct.File, 1, "chapter %q is new in edition %s, which leaves out %s of edition %s: if it replaces one, add renamed_from: SLUG so that the old URLs send readers here; otherwise they show a removed-chapter page",
			c.Slug, e.ID, quoteList(left), base.ID)
	}
}

// quoteList writes slugs as "a", "b" and "c".
func quoteList(slugs []string) string {
	q := make([]string, len(slugs))
	for i, s := range slugs {
		q[i] = fmt.Sprintf("%q", s)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// checkChange warns when a change line stands on a text that did not
// change since the base edition, or is missing on one that did. New
// chapters, and every chapter of the first edition, need no change line.
func checkChange(ct *ChapterText, c *Chapter, base *Edition, d *diag.List) {
	if base == nil {
		return
	}
	prev := base.Chapter(c.Slug)
	renamed := false
	if prev == nil && ct.Meta.RenamedFrom != "" {
		prev, renamed = base.Chapter(ct.Meta.RenamedFrom), true
	}
	if prev == nil || prev.Texts[ct.Lang] == nil || ct.broken || prev.Texts[ct.Lang].broken {
		return
	}
	same := prev.Texts[ct.Lang].Hash == ct.Hash
	switch {
	case same && ct.Meta.Change != "" && !renamed:
		d.Warnf(ct.File, ct.KeyLines["change"], "change: the text did not change since edition %s: remove the change line", base.ID)
	case !same && ct.Meta.Change == "":
		d.Warnf(ct.File, 1, "the text changed since edition %s: add a change line (change: what changed) for the changelog and feeds", base.ID)
	}
}
