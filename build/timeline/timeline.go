// Package timeline draws the editions of a handbook as an inline SVG: the
// editions on a time axis with their effective dates, the current one
// marked, an upcoming one marked as upcoming, and, on a chapter's history
// page, a bar per edition of the words added and removed in that chapter.
//
// The picture needs no script and no library. Its colours are CSS classes
// (tl-*), so it follows the site's light and dark themes and prints. It is
// an image to assistive technology (role="img") named by its <title> and
// described by its <desc>, which states the same facts as the list the
// page shows beside it.
package timeline

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Status is where an edition stands: the class of its mark.
type Status string

// The statuses drawn.
const (
	Past     Status = "past"
	Current  Status = "current"
	Upcoming Status = "upcoming"
	Draft    Status = "draft"
)

// Edition is one mark on the axis.
type Edition struct {
	ID     string
	Date   time.Time
	Label  string // the date as the page writes it ("7 avril 2025")
	Status Status
	// Added and Removed are the words this edition added to and removed
	// from the chapter (history pages, Options.Bars).
	Added, Removed int
	// Note says what the bars cannot ("new", "unchanged"), for the
	// description; may be "".
	Note string
}

// Words are the words the picture writes, in the page's language.
type Words struct {
	Title    string // the accessible name ("Chronologie des éditions")
	Current  string // "en vigueur"
	Upcoming string // "à venir"
	Draft    string // "brouillon"
	// Added and Removed format the counts in the description
	// ("%d mots ajoutés").
	Added, Removed func(n int) string
	Edition        func(id string) string // "Édition %s"
}

// Options says what to draw.
type Options struct {
	// ID prefixes the ids of the title and description; unique on the page.
	ID string
	// Bars draws the words added (above) and removed (below) per edition.
	Bars  bool
	Words Words
}

// Geometry of the picture, in user units. The width is small so that text
// stays legible when the picture shrinks to a phone's width.
const (
	width    = 360
	margin   = 36 // left and right, so the first and last labels fit
	axisY    = 64
	barMax   = 36 // height of the longest bar
	fontSize = 13
	// edgeLabel is the distance from an end within which a label is
	// anchored at its mark's side rather than centred on it.
	edgeLabel = 100
)

// SVG returns the picture of eds (in edition order), or "" when there is
// none.
func SVG(eds []Edition, o Options) template.HTML {
	if len(eds) == 0 {
		return ""
	}
	height := axisY + 48
	if o.Bars {
		height = axisY + barMax + 44
	}
	xs := positions(eds)
	var b strings.Builder
	titleID, descID := o.ID+"timeline-title", o.ID+"timeline-desc"
	fmt.Fprintf(&b, `<svg class="timeline" role="img" aria-labelledby="%s %s" viewBox="0 0 %d %d" width="%d" height="%d" font-size="%d">`,
		esc(titleID), esc(descID), width, height, width, height, fontSize)
	fmt.Fprintf(&b, `<title id="%s">%s</title>`, esc(titleID), esc(o.Words.Title))
	fmt.Fprintf(&b, `<desc id="%s">%s</desc>`, esc(descID), esc(describe(eds, o)))
	fmt.Fprintf(&b, `<line class="tl-axis" x1="%d" y1="%d" x2="%d" y2="%d"/>`, margin/2, axisY, width-margin/2, axisY)

	maxWords := 0
	for _, e := range eds {
		maxWords = max(maxWords, e.Added, e.Removed)
	}
	// lastRight is, per row of labels (0 beside the axis, 1 further), the
	// right end of the last label written there.
	lastRight := [2]float64{-width, -width}
	for i, e := range eds {
		x := xs[i]
		status := e.Status
		if status == "" {
			status = Past
		}
		label := e.Label
		switch status {
		case Current:
			label += " · " + o.Words.Current
		case Upcoming:
			label += " · " + o.Words.Upcoming
		case Draft:
			label = o.Words.Draft
		}
		// Labels near an end of the axis grow inwards, so none is cut off.
		anchor, tx := "middle", x
		switch {
		case x < edgeLabel:
			anchor, tx = "start", x-8
		case x > width-edgeLabel:
			anchor, tx = "end", x+8
		}
		left, right := extent(anchor, tx, max(textWidth(e.ID, fontSize), textWidth(label, fontSize-2)))
		// A label that would run into its neighbour's takes the other row.
		row := 0
		if left < lastRight[0]+6 {
			row = 1
		}
		lastRight[row] = right
		fmt.Fprintf(&b, `<g class="tl-edition tl-%s">`, status)
		r := 6
		if status == Current {
			r = 9
		}
		fmt.Fprintf(&b, `<circle class="tl-mark" cx="%s" cy="%d" r="%d"/>`, num(x), axisY, r)
		idY, dateY := axisY-30, axisY-15
		switch {
		case row == 1 && o.Bars:
			// Bars take the space below the axis: the second row of
			// labels goes above the first.
			idY, dateY = axisY-58, axisY-43
		case row == 1:
			idY, dateY = axisY+24, axisY+39
		}
		fmt.Fprintf(&b, `<text class="tl-id" x="%s" y="%d" text-anchor="%s">%s</text>`, num(tx), idY, anchor, esc(e.ID))
		fmt.Fprintf(&b, `<text class="tl-date" x="%s" y="%d" text-anchor="%s" font-size="%d">%s</text>`, num(tx), dateY, anchor, fontSize-2, esc(label))
		if o.Bars && maxWords > 0 {
			up := scale(e.Added, maxWords)
			down := scale(e.Removed, maxWords)
			base := axisY + 14 + barMax/2
			if up > 0 {
				fmt.Fprintf(&b, `<rect class="tl-added" x="%s" y="%s" width="8" height="%s"/>`, num(x-9), num(float64(base)-up), num(up))
			}
			if down > 0 {
				fmt.Fprintf(&b, `<rect class="tl-removed" x="%s" y="%d" width="8" height="%s"/>`, num(x+1), base, num(down))
			}
			if e.Added > 0 || e.Removed > 0 {
				fmt.Fprintf(&b, `<text class="tl-count" x="%s" y="%d" text-anchor="%s" font-size="%d">+%d −%d</text>`, num(tx), axisY+barMax+34, anchor, fontSize-2, e.Added, e.Removed)
			}
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// textWidth estimates the width of s at size: the average advance of a
// sans-serif letter is about 0.55 em. Enough to keep labels apart.
func textWidth(s string, size int) float64 {
	return float64(utf8.RuneCountInString(s)) * float64(size) * 0.55
}

// extent returns the left and right ends of a text of width w anchored at
// x.
func extent(anchor string, x, w float64) (float64, float64) {
	switch anchor {
	case "start":
		return x, x + w
	case "end":
		return x - w, x
	}
	return x - w/2, x + w/2
}

// positions places the editions on the axis by date; editions on the same
// day, or a single edition, are spread evenly instead.
func positions(eds []Edition) []float64 {
	xs := make([]float64, len(eds))
	first, last := eds[0].Date, eds[len(eds)-1].Date
	span := last.Sub(first).Hours()
	usable := float64(width - 2*margin)
	for i, e := range eds {
		switch {
		case len(eds) == 1:
			xs[i] = width / 2
		case span <= 0:
			xs[i] = margin + usable*float64(i)/float64(len(eds)-1)
		default:
			xs[i] = margin + usable*e.Date.Sub(first).Hours()/span
		}
	}
	// Editions too close in time still get apart enough to be told from
	// each other (labels alternate, marks must not overlap).
	const minMark = 24.0
	for i := 1; i < len(xs); i++ {
		if xs[i]-xs[i-1] < minMark {
			xs[i] = xs[i-1] + minMark
		}
	}
	if over := xs[len(xs)-1] - float64(width-margin); over > 0 && len(xs) > 1 {
		// Squeeze back from the right end, keeping the order.
		k := (usable) / (xs[len(xs)-1] - xs[0])
		for i := range xs {
			xs[i] = margin + (xs[i]-xs[0])*k
		}
	}
	return xs
}

// scale returns the bar height of n words when the largest count is top.
func scale(n, top int) float64 {
	if n <= 0 || top <= 0 {
		return 0
	}
	h := float64(barMax/2) * float64(n) / float64(top)
	return math.Max(h, 1.5) // a small change still shows
}

// describe writes the facts the picture shows, one sentence per edition,
// for the <desc>; dashes and commas need no language's spacing rules.
func describe(eds []Edition, o Options) string {
	var parts []string
	for _, e := range eds {
		s := e.ID
		if o.Words.Edition != nil {
			s = o.Words.Edition(e.ID)
		}
		s += ", " + e.Label
		switch e.Status {
		case Current:
			s += " (" + o.Words.Current + ")"
		case Upcoming:
			s += " (" + o.Words.Upcoming + ")"
		case Draft:
			s += " (" + o.Words.Draft + ")"
		}
		if o.Bars {
			if e.Note != "" {
				s += " — " + e.Note
			} else if o.Words.Added != nil && o.Words.Removed != nil {
				s += " — " + o.Words.Added(e.Added) + ", " + o.Words.Removed(e.Removed)
			}
		}
		parts = append(parts, s+".")
	}
	return strings.Join(parts, " ")
}

func esc(s string) string { return html.EscapeString(s) }

// num writes a coordinate with at most one decimal.
func num(f float64) string { return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64) }
