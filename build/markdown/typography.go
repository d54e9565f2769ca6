package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// typography sets the text of a chapter the way its language prints it.
// In every language the typewriter apostrophe becomes ’. In French (Quebec
// usage) a space before ":" becomes a no-break space, a space before ";",
// "!" and "?" a narrow no-break space, and the inside of « » gets no-break
// spaces. It touches text only: code, URLs, autolinks and raw HTML keep
// their characters, and no space is inserted before ":" where there was
// none ("10:30", "http:"). A backslash escape keeps a character as typed
// (\' stays a straight apostrophe).
type typography struct {
	french bool
}

func (e typography) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(
		util.Prioritized(typographyTransformer(e), prioTypography),
	))
}

type typographyTransformer struct {
	french bool
}

const (
	nbsp  = "\u00a0" // NO-BREAK SPACE, before ":" and inside « »
	nnbsp = "\u202f" // NARROW NO-BREAK SPACE, before ";", "!", "?"
	rsquo = "\u2019" // apostrophe
	laquo = "\u00ab"
	raquo = "\u00bb"
)

func (t typographyTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		if c := n.FirstChild(); c != nil && c.Type() == ast.TypeInline {
			t.run(n, src)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// piece is one text node of an inline container, or a barrier (nil node):
// code, raw HTML, an autolink, an image, a footnote mark, which the rules
// see as an opaque word.
type piece struct {
	node   *ast.Text
	out    []byte // the text with typography applied (raw Markdown: escapes kept)
	edited bool
}

// run applies the rules to the inline content of container, reading across
// the boundaries between text nodes ("*mot* :" is two nodes).
func (t typographyTransformer) run(container ast.Node, src []byte) {
	ps := t.collect(container, nil, src)
	t.apply(ps, src)
	for i := range ps {
		p := &ps[i]
		if p.node == nil || !p.edited {
			continue
		}
		// The text now differs from the source: a String node carries it.
		// Its soft line break becomes a newline; a hard line break stays
		// on the (now empty) text node, which renders it.
		value := p.out
		if p.node.SoftLineBreak() {
			value = append(value, '\n')
		}
		parent := p.node.Parent()
		parent.InsertBefore(parent, p.node, ast.NewString(value))
		if p.node.HardLineBreak() {
			stop := p.node.Segment.Stop
			p.node.Segment = text.NewSegment(stop, stop)
		} else {
			parent.RemoveChild(parent, p.node)
		}
	}
}

func (t typographyTransformer) collect(n ast.Node, ps []piece, src []byte) []piece {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			if c.IsRaw() {
				ps = append(ps, piece{})
			} else {
				ps = append(ps, piece{node: c})
			}
		case *ast.Image:
			// Alt text is text of its own.
			ps = append(ps, piece{})
			t.run(c, src)
		case *ast.CodeSpan, *ast.RawHTML, *ast.AutoLink, *ast.String, *east.FootnoteLink:
			ps = append(ps, piece{})
		default: // emphasis, links, strikethrough: their text flows on
			ps = t.collect(c, ps, src)
		}
	}
	return ps
}

func (t typographyTransformer) apply(ps []piece, src []byte) {
	skipLead := false // drop the leading spaces of the next piece (after «)
	for i := range ps {
		p := &ps[i]
		if p.node == nil {
			skipLead = false
			continue
		}
		raw := p.node.Segment.Value(src)
		out := make([]byte, 0, len(raw)+8)
		edited := false
		j := 0
		if skipLead {
			for j < len(raw) && raw[j] == ' ' {
				j++
				edited = true
			}
			skipLead = false
		}
		for j < len(raw) {
			c := raw[j]
			if c == '\\' && j+1 < len(raw) && util.IsPunct(raw[j+1]) {
				out = append(out, c, raw[j+1])
				j += 2
				continue
			}
			if c == '\'' {
				out = append(out, rsquo...)
				edited = true
				j++
				continue
			}
			if !t.french {
				out = append(out, c)
				j++
				continue
			}
			switch {
			case c == ':':
				edited = spaceBefore(ps, i, &out, nbsp) || edited
			case c == ';' || c == '!' || c == '?':
				edited = spaceBefore(ps, i, &out, nnbsp) || edited
			case c == laquo[0] && bytes.HasPrefix(raw[j:], []byte(laquo)):
				out = append(out, laquo...)
				j += len(laquo)
				var e bool
				j, e = spaceAfterQuote(ps, i, raw, j, &out, src, &skipLead)
				edited = edited || e
				continue
			case c == raquo[0] && bytes.HasPrefix(raw[j:], []byte(raquo)):
				edited = spaceBeforeQuote(ps, i, &out) || edited
				out = append(out, raquo...)
				j += len(raquo)
				continue
			}
			out = append(out, c)
			j++
		}
		p.out, p.edited = out, p.edited || edited
	}
}

// spaceBefore makes the white space before a punctuation mark that is
// being appended to *out the no-break space sp. It never adds a space
// where there was none.
func spaceBefore(ps []piece, i int, out *[]byte, sp string) bool {
	if trimSpaceBefore(ps, i, out) {
		*out = append(*out, sp...)
		return true
	}
	// No regular space: normalise a no-break space of the other kind.
	end, p := out, (*piece)(nil)
	if len(*out) == 0 {
		if p = prevPiece(ps, i); p == nil || p.node == nil || p.node.HardLineBreak() {
			return false
		}
		end = &p.out
	}
	n := trailingNoBreak(*end)
	if n == 0 || string((*end)[len(*end)-n:]) == sp {
		return false
	}
	*end = append((*end)[:len(*end)-n], sp...)
	if p != nil {
		p.edited = true
		return false
	}
	return true
}

// trimSpaceBefore removes the regular spaces and soft line break just
// before the current position: at the end of *out or, when *out is empty,
// at the end of the previous pieces. It reports whether there were any.
func trimSpaceBefore(ps []piece, i int, out *[]byte) bool {
	trimmed := false
	if n := trailingSpaces(*out); n > 0 {
		*out, trimmed = (*out)[:len(*out)-n], true
	}
	if len(*out) > 0 {
		return trimmed
	}
	for k := i - 1; k >= 0; k-- {
		p := &ps[k]
		if p.node == nil || p.node.HardLineBreak() {
			return trimmed
		}
		if p.node.SoftLineBreak() {
			p.node.SetSoftLineBreak(false)
			trimmed = true
		}
		if n := trailingSpaces(p.out); n > 0 {
			p.out, p.edited, trimmed = p.out[:len(p.out)-n], true, true
		}
		if len(p.out) > 0 {
			return trimmed
		}
	}
	return trimmed
}

// prevPiece returns the nearest previous piece that is a barrier, ends
// with a hard line break or holds text; nil at the start of the block.
func prevPiece(ps []piece, i int) *piece {
	for k := i - 1; k >= 0; k-- {
		p := &ps[k]
		if p.node == nil || p.node.HardLineBreak() || len(p.out) > 0 {
			return p
		}
	}
	return nil
}

// spaceAfterQuote puts a no-break space after the « just appended to
// *out, replacing the spaces that follow it in raw (from j) or in the next
// piece. It returns where to continue in raw.
func spaceAfterQuote(ps []piece, i int, raw []byte, j int, out *[]byte, src []byte, skipLead *bool) (int, bool) {
	k := j
	for k < len(raw) && raw[k] == ' ' {
		k++
	}
	p := ps[i].node
	switch {
	case k < len(raw):
		if leadingNoBreak(raw[k:]) > 0 {
			return k, k > j
		}
		*out = append(*out, nbsp...)
		return k, true
	case p.HardLineBreak():
		return j, false
	case p.SoftLineBreak():
		p.SetSoftLineBreak(false)
		*out = append(*out, nbsp...)
		return k, true
	case i+1 < len(ps):
		next := ps[i+1].node
		if next != nil && leadingNoBreak(bytes.TrimLeft(next.Segment.Value(src), " ")) > 0 {
			*skipLead = true
			return k, k > j
		}
		*out = append(*out, nbsp...)
		*skipLead = next != nil
		return k, true
	}
	return j, false // « ends the block: leave it
}

// spaceBeforeQuote puts a no-break space before a » about to be appended
// to *out, replacing the spaces before it or inserting one.
func spaceBeforeQuote(ps []piece, i int, out *[]byte) bool {
	if trimSpaceBefore(ps, i, out) {
		*out = append(*out, nbsp...)
		return true
	}
	end := *out
	if len(end) == 0 {
		p := prevPiece(ps, i)
		switch {
		case p == nil:
			return false // » opens the block
		case p.node == nil:
			*out = append(*out, nbsp...) // after code or a link
			return true
		case p.node.HardLineBreak():
			return false
		}
		end = p.out
	}
	if trailingNoBreak(end) > 0 {
		return false
	}
	*out = append(*out, nbsp...)
	return true
}

// trailingSpaces returns the number of ASCII spaces at the end of b.
func trailingSpaces(b []byte) int {
	n := 0
	for n < len(b) && b[len(b)-1-n] == ' ' {
		n++
	}
	return n
}

// trailingNoBreak returns the byte length of a no-break space (either
// kind) ending b, or 0.
func trailingNoBreak(b []byte) int {
	switch {
	case bytes.HasSuffix(b, []byte(nbsp)):
		return len(nbsp)
	case bytes.HasSuffix(b, []byte(nnbsp)):
		return len(nnbsp)
	}
	return 0
}

// leadingNoBreak returns the byte length of a no-break space (either kind)
// starting b, or 0.
func leadingNoBreak(b []byte) int {
	switch {
	case bytes.HasPrefix(b, []byte(nbsp)):
		return len(nbsp)
	case bytes.HasPrefix(b, []byte(nnbsp)):
		return len(nnbsp)
	}
	return 0
}

// Typeset applies the typography of lang to a plain string shown beside
// the body (a title, a summary, a change note), with the same rules as
// Render applies to body text.
func Typeset(lang, s string) string {
	src := []byte(s)
	ps := []piece{{node: ast.NewTextSegment(text.NewSegment(0, len(src)))}}
	typographyTransformer{french: isFrench(lang)}.apply(ps, src)
	if !ps[0].edited {
		return s
	}
	return string(ps[0].out)
}
