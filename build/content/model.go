// Package content loads a handbook's sources (content/handbook.yaml, edition
// folders, chapters with front matter) into an in-memory model, validates
// them, and applies the edition rules. The model knows nothing of HTML.
package content

import (
	"time"
)

// Handbook is a loaded, validated content tree.
type Handbook struct {
	Settings Settings
	// Editions in edition order: by date, then by version order of the id
	// (2024.9 before 2024.10). Drafts included.
	Editions []*Edition
	// Today is the date the edition rules were applied on (local date or
	// HANDBOOK_NOW).
	Today time.Time
	// Current is the latest released edition dated today or earlier; nil
	// when there is none.
	Current *Edition
	// Synonyms are the search synonyms by language (see Synonyms), for the
	// languages that have a file; they apply to every edition.
	Synonyms map[string]*Synonyms
}

// Settings is content/handbook.yaml.
type Settings struct {
	ID         string            `yaml:"id"`
	Title      map[string]string `yaml:"title"`
	Languages  []string          `yaml:"languages"`
	BaseURL    string            `yaml:"base_url"`
	Feedback   string            `yaml:"feedback"`
	UnsafeHTML bool              `yaml:"unsafe_html"`
	// AcknowledgeURL is the template of the "I have read this edition"
	// link, with {edition}, {lang} and {chapter}; "" leaves the link out.
	// See AcknowledgeLink.
	AcknowledgeURL string `yaml:"acknowledge_url"`
	// File is the path of handbook.yaml relative to the source folder.
	File string `yaml:"-"`
}

// Reference returns the reference language (the first one).
func (s Settings) Reference() string { return s.Languages[0] }

// Status is where an edition stands on Handbook.Today.
type Status int

const (
	// Past is a released edition superseded by a later current one.
	Past Status = iota
	// CurrentStatus is the edition the stable URLs show.
	CurrentStatus
	// Upcoming is released but dated after today.
	Upcoming
	// Draft is not released yet (draft: true).
	Draft
)

func (s Status) String() string {
	switch s {
	case Past:
		return "past"
	case CurrentStatus:
		return "current"
	case Upcoming:
		return "upcoming"
	case Draft:
		return "draft"
	}
	return "unknown"
}

// Edition is one complete snapshot of the handbook.
type Edition struct {
	ID string
	// Dir is the edition folder relative to the source folder ("content/2024.1").
	Dir       string
	Date      time.Time // the day it takes effect
	Announced time.Time // the day it was released; defaults to Date
	Draft     bool
	Status    Status
	// Index is the position in Handbook.Editions.
	Index int
	// Texts holds _edition.LANG.md per language.
	Texts map[string]*EditionText
	// Chapters in order of their number, then slug.
	Chapters []*Chapter
	// Images lists files under the edition's images/ folder, as paths
	// relative to that folder with forward slashes ("reply.svg").
	Images []string
	// Unreadable lists what under images/ exists but could not be read (its
	// error reported): a file ("reply.svg"), or a folder ("dir/", "" for
	// images/ itself). Links to them are not reported again.
	Unreadable []string

	// all is Handbook.Editions, for Previous and PreviousReleased.
	all []*Edition
	// bySlug indexes Chapters; nil for an Edition built by hand.
	bySlug map[string]*Chapter
	// byOwnSlug indexes the chapters whose translation gives its own
	// slug, by language and that slug.
	byOwnSlug map[[2]string]*Chapter
}

// EditionText is one _edition.LANG.md file.
type EditionText struct {
	Lang     string
	File     string // relative to the source folder
	Title    string
	Body     []byte // release notes in Markdown, normalised as ChapterText.Body
	BodyLine int    // 1-based line of the file where Body starts

	// Date, Draft and Announced are this file's front matter; the edition's
	// values come from the reference language's file, and the other
	// languages must agree. Announced is zero when the key is absent.
	Date      time.Time
	Draft     bool
	Announced time.Time
	// KeyLines maps each front matter key present to its 1-based line in the file.
	KeyLines map[string]int

	broken bool // as ChapterText.broken
}

// Chapter is one chapter of an edition, in every language.
type Chapter struct {
	Slug   string
	Number int
	// Edition is the edition this chapter belongs to.
	Edition *Edition
	// Texts per language; every language of the handbook is present once
	// the handbook validated.
	Texts map[string]*ChapterText
	// Draft is true when any language's front matter says draft: true; such
	// chapters are in the model only with LoadOptions.Drafts.
	Draft bool
	// RenamedFrom is the reference language's renamed_from ("" when none).
	RenamedFrom string
}

// URLSlug returns the slug of the chapter's URLs in lang: the
// translation's own slug when it gives one, else the file name's slug.
func (c *Chapter) URLSlug(lang string) string {
	if ct := c.Texts[lang]; ct != nil && ct.Meta.Slug != "" {
		return ct.Meta.Slug
	}
	return c.Slug
}

// ChapterText is one NN-slug.LANG.md file.
type ChapterText struct {
	Lang   string
	Slug   string
	Number int
	File   string // relative to the source folder: "content/2024.1/04-netiquette.fr.md"
	Meta   FrontMatter
	// KeyLines maps each front matter key present to its 1-based line in the file.
	KeyLines map[string]int
	// Body is the Markdown body: BOM stripped, CRLF and CR made LF, blank
	// lines at its start and white space at its end removed (a non-empty
	// body ends with one "\n"), so that bodies that read the same are equal.
	Body     []byte
	BodyLine int // 1-based line of the file where Body starts
	// Hash is the SHA-256 of Body: chapters with equal hashes (and language)
	// render the same HTML, so they are rendered once.
	Hash [32]byte

	// broken is true when parsing the file reported errors: the checks
	// that compare files skip it rather than add to its faults.
	broken bool
}

// Broken reports whether reading the file reported errors: its text may
// be partial (an empty file, bytes that are not UTF-8), so the checks that
// look into it (the anchors other chapters link to) skip it rather than
// add to its faults.
func (ct *ChapterText) Broken() bool { return ct.broken }

// FrontMatter is the YAML front matter of a chapter.
type FrontMatter struct {
	Title       string    `yaml:"title"`
	Summary     string    `yaml:"summary"`
	Owner       string    `yaml:"owner"`
	ApprovedBy  string    `yaml:"approved_by"`
	Effective   time.Time `yaml:"-"` // zero when absent: use the edition date
	ReviewBy    time.Time `yaml:"-"` // zero when absent
	Audience    []string  `yaml:"audience"`
	Tags        []string  `yaml:"tags"`
	Draft       bool      `yaml:"draft"`
	Change      string    `yaml:"change"`
	RenamedFrom string    `yaml:"renamed_from"`
	// Slug is this translation's own URL slug ("" when none): allowed
	// only in a language other than the reference one, whose slug is the
	// file name's. The file name's slug still pairs the translations.
	Slug string `yaml:"slug"`
}

// IsReserved reports whether slug names a page of the site ("search",
// "print", "tags", "editions", "changes", "history", "subscribe", "feed",
// "images"), so it cannot be a chapter slug.
func IsReserved(slug string) bool {
	switch slug {
	case "search", "print", "tags", "editions", "changes", "history", "subscribe", "feed", "images":
		return true
	}
	return false
}
