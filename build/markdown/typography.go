package markdown

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// typography sets the text of a chapter the way its language prints it.
// In French the typewriter apostrophe becomes ’; in other languages quotes
// curl as goldmark's typographer curls them: ' and " become ‘ ’ and “ ”,
// opening after the start of the text, a space or an opening bracket, and
// closing elsewhere (so an apostrophe is ’). In French (Quebec usage) a
// space before ":" becomes a no-break space, a space before ";", "!" and "?"
// a narrow no-break space, the inside of « » gets no-break spaces, and the
// ordinals 1er, 1re and the abbreviation n° (or no) before a number are set
// as superscripts: 1<sup>er</sup>, n<sup>o</sup> 12. It touches text only: code, URLs, autolinks and raw HTML keep
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
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(superscriptRenderer{}, prioRenderer),
	))
}

// KindSuperscript is the node kind of Superscript.
var KindSuperscript = ast.NewNodeKind("Superscript")

// Superscript is the raised part of a French ordinal or abbreviation
// ("er" of 1er, "o" of n°); its child is the text.
type Superscript struct {
	ast.BaseInline
}

// Kind implements ast.Node.
func (n *Superscript) Kind() ast.NodeKind { return KindSuperscript }

// Dump implements ast.Node.
func (n *Superscript) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

type superscriptRenderer struct{}

func (superscriptRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindSuperscript, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<sup>")
		} else {
			_, _ = w.WriteString("</sup>")
		}
		return ast.WalkContinue, nil
	})
}

type typographyTransformer struct {
	french bool
}

const (
	nbsp  = "\u00a0" // NO-BREAK SPACE, before ":" and inside « »
	nnbsp = "\u202f" // NARROW NO-BREAK SPACE, before ";", "!", "?"
	rsquo = "\u2019" // apostrophe, closing single quote
	lsquo = "\u2018" // opening single quote
	ldquo = "\u201c" // opening double quote
	rdquo = "\u201d" // closing double quote
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
		if p.node == nil {
			continue
		}
		var parts []textPart
		if t.french {
			parts = superscripts(p.out)
		}
		if !p.edited && parts == nil {
			continue
		}
		if parts == nil {
			parts = []textPart{{text: p.out}}
		}
		// The text now differs from the source: String nodes carry it.
		// Its soft line break becomes a newline; a hard line break stays
		// on the (now empty) text node, which renders it.
		if p.node.SoftLineBreak() {
			last := &parts[len(parts)-1]
			if last.sup {
				parts = append(parts, textPart{})
				last = &parts[len(parts)-1]
			}
			last.text = append(last.text, '\n')
		}
		parent := p.node.Parent()
		for _, part := range parts {
			if len(part.text) == 0 {
				continue
			}
			var n ast.Node = ast.NewString(part.text)
			if part.sup {
				sup := &Superscript{}
				sup.AppendChild(sup, n)
				n = sup
			}
			parent.InsertBefore(parent, p.node, n)
		}
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
			if c == '\'' && t.french {
				out = append(out, rsquo...)
				edited = true
				j++
				continue
			}
			if !t.french {
				if c == '\'' || c == '"' {
					open := opensQuote(ps, i, out)
					switch {
					case c == '\'' && open:
						out = append(out, lsquo...)
					case c == '\'':
						out = append(out, rsquo...)
					case open:
						out = append(out, ldquo...)
					default:
						out = append(out, rdquo...)
					}
					edited = true
					j++
					continue
				}
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

// opensQuote reports whether a quote appended now to *out opens: at the
// start of the block, after white space, an opening bracket, a dash or
// another opening quote; after a barrier (code, a link's end) it closes.
func opensQuote(ps []piece, i int, out []byte) bool {
	end := out
	for k := i - 1; len(end) == 0; k-- {
		if k < 0 {
			return true
		}
		p := &ps[k]
		switch {
		case p.node == nil:
			return false
		case p.node.HardLineBreak() || p.node.SoftLineBreak():
			return true
		}
		end = p.out
	}
	r, _ := utf8.DecodeLastRune(end)
	switch r {
	case ' ', '\t', '\n', '(', '[', '{', '\u2014', '\u2013', '\u00a0', '\u2018', '\u201c', '/':
		return true
	}
	return false
}

// textPart is a run of typeset text, raised or not.
type textPart struct {
	text []byte
	sup  bool
}

// superscripts cuts French text where an ordinal or an abbreviation is
// raised: "1er", "1re", "1ers", "1res" after a space or at the start, and
// "n°", "nº", "no" (N° at a sentence start) before a space and a digit.
// It returns nil when there is none.
func superscripts(b []byte) []textPart {
	var parts []textPart
	last := 0
	for i := 0; i < len(b); i++ {
		if i > 0 && !wordBoundary(b[:i]) {
			continue
		}
		var num, sup int // lengths of the part kept and of the raised part
		switch {
		case b[i] == '1':
			for _, suf := range []string{"ers", "res", "er", "re"} {
				if bytes.HasPrefix(b[i+1:], []byte(suf)) && endsWord(b[i+1+len(suf):]) {
					num, sup = 1, len(suf)
					break
				}
			}
		case b[i] == 'n' || b[i] == 'N':
			rest := b[i+1:]
			var n int
			switch {
			case bytes.HasPrefix(rest, []byte("°")):
				n = len("°")
			case bytes.HasPrefix(rest, []byte("º")):
				n = len("º")
			case len(rest) > 0 && rest[0] == 'o':
				n = 1
			}
			if n > 0 && digitAfterSpace(rest[n:]) {
				num, sup = 1, n
			}
		}
		if sup == 0 {
			continue
		}
		raised := b[i+num : i+num+sup]
		if raised[0] != 'o' && raised[0] != 'e' && raised[0] != 'r' {
			raised = []byte("o") // ° and º are the raised o itself
		}
		parts = append(parts, textPart{text: b[last : i+num]}, textPart{text: raised, sup: true})
		last = i + num + sup
		i = last - 1
	}
	if parts == nil {
		return nil
	}
	return append(parts, textPart{text: b[last:]})
}

// wordBoundary reports whether the text before ends a word: white space,
// a no-break space, an opening bracket or quote.
func wordBoundary(before []byte) bool {
	r, _ := utf8.DecodeLastRune(before)
	switch r {
	case ' ', '\t', '\n', '(', '[', '\u00a0', '\u202f', '\u00ab', '\u2019', '\u201c', '\'', '-', '/':
		return true
	}
	return false
}

// endsWord reports whether rest starts after the end of a word.
func endsWord(rest []byte) bool {
	if len(rest) == 0 {
		return true
	}
	r, _ := utf8.DecodeRune(rest)
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// digitAfterSpace reports whether rest is white space (a regular or a
// no-break space) and then a digit.
func digitAfterSpace(rest []byte) bool {
	n := 0
	switch {
	case bytes.HasPrefix(rest, []byte(" ")):
		n = 1
	case bytes.HasPrefix(rest, []byte(nbsp)):
		n = len(nbsp)
	case bytes.HasPrefix(rest, []byte(nnbsp)):
		n = len(nnbsp)
	default:
		return false
	}
	return len(rest) > n && rest[n] >= '0' && rest[n] <= '9'
}
