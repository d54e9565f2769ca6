package content

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"example.com/handbook/build/diag"
)

// Parsing one file at a time: a chapter, an edition's notes. Each parse
// needs only the file itself, so the preview server re-reads just the file
// that changed; what concerns several files (pairing, duplicates, edition
// order) is Validate's job.

// chapterKeys are the chapter front matter keys, in the order messages list them.
var chapterKeys = []string{"title", "summary", "owner", "approved_by", "effective", "review_by", "audience", "tags", "draft", "change", "renamed_from", "slug"}

// editionKeys are the _edition.LANG.md front matter keys.
var editionKeys = []string{"date", "draft", "announced", "title"}

// ParseChapter reads and parses the chapter file at path (slash-separated,
// relative to the root of fsys: "content/2024.1/04-netiquette.fr.md"). It
// returns nil when the file name is not a chapter's; otherwise a
// ChapterText, partial when the diagnostics hold errors (empty when the file
// cannot be read).
// Whether the language is one of the handbook's is checked by Validate.
func ParseChapter(fsys fs.FS, file string) (*ChapterText, diag.List) {
	var d diag.List
	name, err := parseChapterName(path.Base(file))
	if err != nil {
		d.Errorf(file, 0, "%s", err)
		return nil, d
	}
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		d.Errorf(file, 0, "%s", readError(err))
		// Still a chapter, so its translations do not report it missing.
		return &ChapterText{Lang: name.Lang, Slug: name.Slug, Number: name.Number, File: file, KeyLines: map[string]int{}, broken: true}, d
	}
	ct := parseChapterBytes(file, name, data, &d)
	ct.broken = d.HasErrors()
	return ct, d
}

// parseChapterBytes parses a chapter's bytes. It always returns a
// ChapterText, so that a chapter with errors still pairs with its
// translations (and is not also reported as a missing translation).
func parseChapterBytes(file string, name parsedName, data []byte, d *diag.List) *ChapterText {
	ct := &ChapterText{Lang: name.Lang, Slug: name.Slug, Number: name.Number, File: file, KeyLines: map[string]int{}}
	data, ok := prepare(file, data, d)
	if !ok {
		return ct
	}
	b, ok := split(file, data, "a chapter", d)
	if !ok {
		return ct
	}
	ct.Body, ct.BodyLine = normaliseBody(b.body, b.bodyLine)
	ct.Hash = sha256.Sum256(ct.Body)
	c := checker{path: file, off: b.open, d: d}
	fs, unknown := c.fields(b.root, chapterKeys)
	c.checkKeys(fs, unknown, chapterKeys, b.open, "title", "owner")
	m := &ct.Meta
	for _, f := range fs {
		ct.KeyLines[f.key] = f.line
		switch f.key {
		case "title":
			m.Title, _ = c.str(f, true)
		case "owner":
			m.Owner, _ = c.str(f, true)
		case "summary":
			m.Summary, _ = c.str(f, false)
		case "approved_by":
			m.ApprovedBy, _ = c.str(f, false)
		case "change":
			m.Change, _ = c.str(f, false)
		case "renamed_from":
			if s, ok := c.str(f, false); ok && s != "" {
				if !ValidSlug(s) {
					c.d.Errorf(file, f.line, "renamed_from: %q is not a slug (lowercase letters a-z, digits and hyphens)", s)
				} else {
					m.RenamedFrom = s
				}
			}
		case "slug":
			if s, ok := c.str(f, false); ok && s != "" {
				switch {
				case !ValidSlug(s):
					c.d.Errorf(file, f.line, "slug: %q is not a slug (lowercase letters a-z, digits and hyphens, starting with a letter)", s)
				case IsReserved(s):
					c.d.Errorf(file, f.line, "slug: %q is reserved (it names a page of the site)", s)
				default:
					m.Slug = s
				}
			}
		case "effective":
			m.Effective, _ = c.date(f)
		case "review_by":
			m.ReviewBy, _ = c.date(f)
		case "audience":
			m.Audience, _ = c.list(f)
		case "tags":
			m.Tags, _ = c.list(f)
		case "draft":
			m.Draft, _ = c.boolean(f)
		}
	}
	return ct
}

// ParseEdition reads and parses the edition notes at path
// ("content/2024.1/_edition.fr.md"). Like ParseChapter it returns nil only
// when the name is wrong.
func ParseEdition(fsys fs.FS, file string) (*EditionText, diag.List) {
	var d diag.List
	lang, err := parseEditionName(path.Base(file))
	if err != nil {
		d.Errorf(file, 0, "%s", err)
		return nil, d
	}
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		d.Errorf(file, 0, "%s", readError(err))
		return &EditionText{Lang: lang, File: file, KeyLines: map[string]int{}, broken: true}, d
	}
	et := parseEditionBytes(file, lang, data, &d)
	et.broken = d.HasErrors()
	return et, d
}

func parseEditionBytes(file, lang string, data []byte, d *diag.List) *EditionText {
	et := &EditionText{Lang: lang, File: file, KeyLines: map[string]int{}}
	data, ok := prepare(file, data, d)
	if !ok {
		return et
	}
	b, ok := split(file, data, "an edition file", d)
	if !ok {
		return et
	}
	et.Body, et.BodyLine = normaliseBody(b.body, b.bodyLine)
	c := checker{path: file, off: b.open, d: d}
	fs, unknown := c.fields(b.root, editionKeys)
	c.checkKeys(fs, unknown, editionKeys, b.open, "date")
	for _, f := range fs {
		et.KeyLines[f.key] = f.line
		switch f.key {
		case "date":
			et.Date, _ = c.date(f)
		case "announced":
			et.Announced, _ = c.date(f)
		case "draft":
			et.Draft, _ = c.boolean(f)
		case "title":
			et.Title, _ = c.str(f, false)
		}
	}
	return et
}

// readError says why a file could not be read, without repeating its path
// (diagnostics carry it).
func readError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	msg := err.Error()
	if strings.Contains(msg, "escapes from parent") {
		return "cannot read: the path leads outside the source folder (a symlink?)"
	}
	return fmt.Sprintf("cannot read: %s", msg)
}
