// Package feed writes RSS 2.0, Atom 1.0 and JSON Feed 1.1 documents that
// announce policy changes: one entry per edition and per changed chapter.
//
// The writers are deterministic (the same Feed gives the same bytes), never
// read the clock, and always produce well-formed XML: text is escaped,
// characters XML 1.0 forbids (most C0 controls, U+FFFE, U+FFFF) are dropped
// and invalid UTF-8 becomes U+FFFD. Entry and feed ids are urn:uuid values
// derived from the handbook id (see EntryID), so they survive a change of
// base_url.
package feed

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Feed is one feed document: every change of a handbook in one language, or
// the changes of one chapter.
type Feed struct {
	Title, Subtitle string
	// Author names the publisher (a department). Atom requires an author;
	// when empty, the Title stands in. RSS does not use it.
	Author string
	Lang   string // "fr", "en": <language> in RSS, xml:lang in Atom
	Link   string // absolute URL of the HTML page the feed describes
	Self   string // absolute URL of this feed document
	ID     string // stable id of the feed (Atom <id>), see FeedID
	// Updated is the newest entry's date, or the build's today when there
	// are no entries. When zero, the newest entry date stands in; a zero
	// Updated with no entries is an error (the writers never read the clock).
	Updated time.Time
	// Entries, newest first. The writers sort a copy stably by Published,
	// newest first, then by ID, so the order never depends on the caller.
	Entries []Entry
}

// Entry is one change: an edition, or one chapter in one edition.
type Entry struct {
	ID        string    // never changes once published, see EntryID
	Title     string    // plain text
	Link      string    // absolute URL of the page that shows the change
	Published time.Time // the edition's announced date
	Updated   time.Time // zero -> Published
	Summary   string    // plain text
	// ContentHTML is an HTML fragment. The writers escape it as text (RSS
	// <description>, Atom <content type="html">); links inside it should be
	// absolute (Atom also sets xml:base to Link).
	ContentHTML string
	Categories  []string
	// Handbook is what the JSON Feed adds as "_handbook"; nil leaves it
	// out. RSS and Atom do not carry it.
	Handbook *Extension
}

// updated returns the entry's Updated date, or Published when zero.
func (e *Entry) updated() time.Time {
	if e.Updated.IsZero() {
		return e.Published
	}
	return e.Updated
}

// prepare checks what both formats need and returns the entries in feed
// order (a sorted copy) with the feed's update date.
func prepare(f *Feed) ([]Entry, time.Time, error) {
	if f == nil {
		return nil, time.Time{}, errors.New("feed: nil Feed")
	}
	entries := slices.Clone(f.Entries)
	seen := make(map[string]bool, len(entries))
	var newest time.Time
	for i := range entries {
		e := &entries[i]
		if e.ID == "" {
			return nil, time.Time{}, fmt.Errorf("feed %q: entry %q has no ID", f.Title, e.Title)
		}
		if seen[e.ID] {
			return nil, time.Time{}, fmt.Errorf("feed %q: two entries have the ID %q", f.Title, e.ID)
		}
		seen[e.ID] = true
		if e.Published.IsZero() {
			return nil, time.Time{}, fmt.Errorf("feed %q: entry %q has no Published date", f.Title, e.ID)
		}
		for _, t := range []time.Time{e.Published, e.Updated} {
			if err := checkYear(t); err != nil {
				return nil, time.Time{}, fmt.Errorf("feed %q: entry %q: %w", f.Title, e.ID, err)
			}
		}
		if u := e.updated(); u.After(newest) {
			newest = u
		}
	}
	slices.SortStableFunc(entries, func(a, b Entry) int {
		if c := b.Published.Compare(a.Published); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	updated := f.Updated
	if updated.IsZero() {
		updated = newest
	}
	if updated.IsZero() {
		return nil, time.Time{}, fmt.Errorf("feed %q: Updated is zero and there is no entry to take it from", f.Title)
	}
	if err := checkYear(updated); err != nil {
		return nil, time.Time{}, fmt.Errorf("feed %q: Updated: %w", f.Title, err)
	}
	return entries, updated, nil
}

// checkYear rejects dates RFC 822 and RFC 3339 cannot write (four-digit
// years only). The zero time passes: callers decide what zero means.
func checkYear(t time.Time) error {
	if t.IsZero() {
		return nil
	}
	if y := t.Year(); y < 1 || y > 9999 {
		return fmt.Errorf("date %v: year out of range 1-9999", t)
	}
	return nil
}

// zoned returns t in a zone the date formats can write exactly: offsets
// with seconds (historical local mean time) are moved to UTC.
func zoned(t time.Time) time.Time {
	if _, off := t.Zone(); off%60 != 0 {
		return t.UTC()
	}
	return t
}

// Date layouts: RSS dates are RFC 822 (with a four-digit year and a
// numeric zone, as RFC 1123 has it), Atom dates RFC 3339 to the second.
const (
	rssDate  = time.RFC1123Z
	atomDate = time.RFC3339
)

// appendDate appends t formatted by layout to dst.
func appendDate(dst []byte, t time.Time, layout string) []byte {
	return zoned(t).AppendFormat(dst, layout)
}
