package content

import (
	"fmt"
	"strings"
	"time"
)

// The edition rules: order, status on a given day, and the way editions
// are compared with the ones before them.

// CompareIDs compares edition ids in version order: runs of digits compare
// as numbers (2024.9 < 2024.10), other runs as text. Ids equal in that order
// ("1.01", "1.1") fall back to plain text order, so the order is total.
func CompareIDs(a, b string) int {
	x, y := a, b
	for x != "" && y != "" {
		xd, yd := isDigit(x[0]), isDigit(y[0])
		if xd != yd {
			// A number sorts before text ("1.2" < "1.a").
			if xd {
				return -1
			}
			return 1
		}
		xr, yr := run(x, xd), run(y, yd)
		x, y = x[len(xr):], y[len(yr):]
		var c int
		if xd {
			c = compareNumbers(xr, yr)
		} else {
			c = strings.Compare(xr, yr)
		}
		if c != 0 {
			return c
		}
	}
	switch {
	case x == "" && y != "":
		return -1
	case x != "" && y == "":
		return 1
	}
	return strings.Compare(a, b)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// run returns the leading run of digits (or of non-digits) of s.
func run(s string, digits bool) string {
	i := 0
	for i < len(s) && isDigit(s[i]) == digits {
		i++
	}
	return s[:i]
}

// compareNumbers compares two runs of digits as numbers of any length.
func compareNumbers(a, b string) int {
	a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	return strings.Compare(a, b)
}

// compareEditions is the edition order: by date, then by id.
func compareEditions(a, b *Edition) int {
	if c := a.Date.Compare(b.Date); c != 0 {
		return c
	}
	return CompareIDs(a.ID, b.ID)
}

// Edition returns the edition with the given id, or nil.
func (h *Handbook) Edition(id string) *Edition {
	for _, e := range h.Editions {
		if e.ID == id {
			return e
		}
	}
	return nil
}

// RequireCurrent returns an error when no released edition is in force on
// h.Today: build needs one for the stable URLs; check and serve do not.
func (h *Handbook) RequireCurrent() error {
	if h.Current != nil {
		return nil
	}
	return fmt.Errorf("no released edition in force on %s (release one with \"handbook release ID\", or check the dates)", h.Today.Format(time.DateOnly))
}

// Chapter returns the chapter with the given slug, or nil.
func (e *Edition) Chapter(slug string) *Chapter {
	if e.bySlug != nil {
		return e.bySlug[slug]
	}
	for _, c := range e.Chapters {
		if c.Slug == slug {
			return c
		}
	}
	return nil
}

// ChapterAt returns the chapter whose URL slug in lang is slug (see
// Chapter.URLSlug), or nil.
func (e *Edition) ChapterAt(lang, slug string) *Chapter {
	if c := e.Chapter(slug); c != nil && c.URLSlug(lang) == slug {
		return c
	}
	if e.byOwnSlug != nil {
		return e.byOwnSlug[[2]string{lang, slug}]
	}
	for _, c := range e.Chapters {
		if c.URLSlug(lang) == slug {
			return c
		}
	}
	return nil
}

// Previous returns the edition before e in edition order, drafts included;
// nil for the first.
func (e *Edition) Previous() *Edition {
	if e.Index > 0 && e.Index < len(e.all) && e.all[e.Index] == e {
		return e.all[e.Index-1]
	}
	return nil
}

// PreviousReleased returns the nearest released edition before e; nil when
// there is none.
func (e *Edition) PreviousReleased() *Edition {
	for p := e.Previous(); p != nil; p = p.Previous() {
		if !p.Draft {
			return p
		}
	}
	return nil
}

// Base returns the edition e's changes are measured against: the previous
// released edition for a released one (drafts in between are not part of
// its history), the previous edition, drafts included, for a draft.
func (e *Edition) Base() *Edition {
	if e.Draft {
		return e.Previous()
	}
	return e.PreviousReleased()
}

// applyStatus orders the editions and sets their index and status on today.
func (h *Handbook) applyStatus() {
	sortEditions(h.Editions)
	h.Current = nil
	for i, e := range h.Editions {
		e.Index, e.all = i, h.Editions
		if !e.Draft && !e.Date.After(h.Today) {
			h.Current = e
		}
	}
	for _, e := range h.Editions {
		switch {
		case e.Draft:
			e.Status = Draft
		case e == h.Current:
			e.Status = CurrentStatus
		case e.Date.After(h.Today):
			e.Status = Upcoming
		default:
			e.Status = Past
		}
	}
}
