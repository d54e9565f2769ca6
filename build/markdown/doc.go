package markdown

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/util"

	"example.com/handbook/build/diag"
)

// Doc is one rendered body: HTML with slots where link targets depend on
// the page, and what the site, the search index and the diff need to know
// about it. A Doc is immutable; its methods are safe for concurrent use.
type Doc struct {
	// Headings lists every heading of the body in order, with levels after
	// demotion (2 to 6).
	Headings []Heading
	// Sections holds the plain text per section, for search: first the
	// text before the first heading (ID "" and Heading ""; left out when
	// there is none), then one section per h2 or h3. Deeper headings and
	// their text stay in their parent's section. The text of a footnote
	// ends the section that first cites it.
	Sections []Section
	// Refs lists every link or image target that is a slot, in document
	// order (footnotes last).
	Refs []Ref
	// Diagnostics holds the located errors and warnings found while
	// rendering.
	Diagnostics diag.List

	html  []byte   // rendered body, slots removed
	slots []slotAt // where each slot goes in html, in order
	text  string   // PlainText
}

// Heading is one heading of the body.
type Heading struct {
	Level int    // 2 to 6
	ID    string // with RenderOptions.IDPrefix
	Text  string // plain text, typography applied
	Line  int    // line in the file
}

// Section is the plain text of one part of the body, for search.
type Section struct {
	ID, Heading, Text string
}

// RefKind says what a slot points to.
type RefKind int

// The kinds of slot.
const (
	// ChapterLink is a link to a chapter file: "04-netiquette.fr.md#exemples".
	ChapterLink RefKind = iota + 1
	// ImageRef is an image (or a link to a file) under the edition's images/.
	ImageRef
	// AnchorLink is a link to a heading of the same chapter: "#exemples".
	AnchorLink
)

func (k RefKind) String() string {
	switch k {
	case ChapterLink:
		return "chapter"
	case ImageRef:
		return "image"
	case AnchorLink:
		return "anchor"
	}
	return "RefKind(" + strconv.Itoa(int(k)) + ")"
}

// Ref is a link or image target the site resolves per page.
type Ref struct {
	Kind RefKind
	// Target is the destination as written: "04-netiquette.fr.md#exemples".
	Target string
	// File is "04-netiquette.fr.md" for chapter links, "images/x.svg" for
	// images (percent-escapes decoded, "./" removed), "" for anchors.
	File string
	// Slug and Lang are parsed from a chapter file name NN-slug.LANG.md.
	Slug, Lang string
	// Fragment is the part after '#', without it; may be "".
	Fragment string
	// Line is the line in the file.
	Line int
}

// slotAt is a slot of the rendered HTML: the URL of Refs[ref] goes at
// byte offset off.
type slotAt struct {
	off, ref int
}

// HTML returns the rendered body with every slot filled by resolve, which
// is called once per Ref, in order, and returns the final URL (relative to
// the page). HTML escapes it. A nil resolve leaves the targets as written.
func (d *Doc) HTML(resolve func(Ref) string) []byte {
	return d.AppendHTML(make([]byte, 0, d.Len()), resolve)
}

// Len is the length of the rendered body without its link targets: what
// HTML returns is at least this long.
func (d *Doc) Len() int { return len(d.html) }

// AppendHTML appends what HTML returns to dst and returns the extended
// slice, so that a page can be written into a buffer it reuses without a
// copy of the body of its own.
func (d *Doc) AppendHTML(dst []byte, resolve func(Ref) string) []byte {
	last := 0
	for _, s := range d.slots {
		dst = append(dst, d.html[last:s.off]...)
		r := d.Refs[s.ref]
		u := r.Target
		if resolve != nil {
			u = resolve(r)
		}
		dst = appendEscaped(dst, u)
		last = s.off
	}
	return append(dst, d.html[last:]...)
}

// HTMLString returns what HTML returns, as a string built once (a page's
// template takes a string; converting HTML's bytes would copy them).
func (d *Doc) HTMLString(resolve func(Ref) string) string {
	var b strings.Builder
	b.Grow(d.Len() + 16*len(d.slots))
	last := 0
	for _, s := range d.slots {
		b.Write(d.html[last:s.off])
		r := d.Refs[s.ref]
		u := r.Target
		if resolve != nil {
			u = resolve(r)
		}
		escapeTo(&b, u)
		last = s.off
	}
	b.Write(d.html[last:])
	return b.String()
}

// escapeTo writes s escaped as appendEscaped does.
func escapeTo(b *strings.Builder, s string) {
	for {
		i := strings.IndexAny(s, `<>&'"`)
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		switch s[i] {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\'':
			b.WriteString("&#39;")
		case '"':
			b.WriteString("&#34;")
		}
		s = s[i+1:]
	}
}

// appendEscaped appends s escaped as html.EscapeString does (<, >, &, '
// and "), without building the escaped string.
func appendEscaped(dst []byte, s string) []byte {
	for {
		i := strings.IndexAny(s, `<>&'"`)
		if i < 0 {
			return append(dst, s...)
		}
		dst = append(dst, s[:i]...)
		switch s[i] {
		case '<':
			dst = append(dst, "&lt;"...)
		case '>':
			dst = append(dst, "&gt;"...)
		case '&':
			dst = append(dst, "&amp;"...)
		case '\'':
			dst = append(dst, "&#39;"...)
		case '"':
			dst = append(dst, "&#34;"...)
		}
		s = s[i+1:]
	}
}

// Sum returns a hash of the rendered body with the places of its slots:
// two Docs with equal sums fill to equal bytes when their Refs resolve
// alike, so a page can stand for its body by the sum and its targets.
// It hashes the body in place, without filling it.
func (d *Doc) Sum() [32]byte {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	last := 0
	for _, s := range d.slots {
		h.Write(d.html[last:s.off])
		// A slot is its Ref's index between two NULs: the HTML holds
		// no NUL of its own.
		h.Write([]byte{0})
		h.Write(n[:binary.PutUvarint(n[:], uint64(s.ref))])
		h.Write([]byte{0})
		last = s.off
	}
	h.Write(d.html[last:])
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// PlainText returns the whole body as plain text, whitespace collapsed
// (for word counts).
func (d *Doc) PlainText() string { return d.text }

// The renderer writes a slot as NUL, the Ref index in decimal, NUL. No
// Markdown source can produce a NUL in the output: Render replaces every
// NUL of the source with U+FFFD before parsing (as CommonMark requires),
// and goldmark resolves "&#0;" to U+FFFD.
const slotMark = '\x00'

func writeSlot(w util.BufWriter, ref int) {
	_ = w.WriteByte(slotMark)
	_, _ = w.WriteString(strconv.Itoa(ref))
	_ = w.WriteByte(slotMark)
}

// cutSlots removes the slot marks from rendered HTML and returns where
// they were. Marks that do not parse (which Render's input never yields)
// are dropped.
func cutSlots(rendered []byte, refs int) ([]byte, []slotAt) {
	if bytes.IndexByte(rendered, slotMark) < 0 {
		return rendered, nil
	}
	out := make([]byte, 0, len(rendered))
	var slots []slotAt
	for {
		i := bytes.IndexByte(rendered, slotMark)
		if i < 0 {
			return append(out, rendered...), slots
		}
		out = append(out, rendered[:i]...)
		rendered = rendered[i+1:]
		j := bytes.IndexByte(rendered, slotMark)
		if j < 0 {
			return out, slots
		}
		if n, err := strconv.Atoi(string(rendered[:j])); err == nil && n >= 0 && n < refs {
			slots = append(slots, slotAt{off: len(out), ref: n})
		}
		rendered = rendered[j+1:]
	}
}
