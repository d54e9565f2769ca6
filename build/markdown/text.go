package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// textWriter accumulates the text a reader sees (for search, word counts,
// heading ids and labels): escapes and entities resolved, raw HTML and
// footnote markers left out, the default titles of admonitions left out.
type textWriter struct {
	src []byte
	b   strings.Builder
}

// plainText returns the visible text of n, whitespace collapsed.
func plainText(n ast.Node, src []byte) string {
	w := textWriter{src: src}
	w.node(n)
	return collapseSpace(w.b.String())
}

// node writes the text of n and its descendants.
func (w *textWriter) node(n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		if n.IsRaw() {
			w.b.Write(n.Segment.Value(w.src))
		} else {
			w.b.Write(visible(n.Segment.Value(w.src)))
		}
		if n.SoftLineBreak() || n.HardLineBreak() {
			w.b.WriteByte(' ')
		}
		return
	case *ast.String:
		if n.IsCode() || n.IsRaw() {
			w.b.Write(n.Value)
		} else {
			w.b.Write(visible(n.Value))
		}
		return
	case *ast.AutoLink:
		w.b.Write(n.Label(w.src))
		return
	case *ast.RawHTML, *ast.HTMLBlock, *east.FootnoteLink, *east.FootnoteBacklink, *ast.ThematicBreak:
		return
	}
	// An admonition's default title is written by the renderer, it is no
	// node: only a custom title (children of AdmonitionTitle) is text.
	if n.Type() == ast.TypeBlock {
		w.b.WriteByte(' ')
		if n.IsRaw() {
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				w.b.Write(seg.Value(w.src))
			}
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.node(c)
	}
	if n.Type() == ast.TypeBlock {
		w.b.WriteByte(' ')
	}
}

// visible resolves backslash escapes and character references of raw
// Markdown text.
func visible(raw []byte) []byte {
	v := util.UnescapePunctuations(raw)
	v = util.ResolveNumericReferences(v)
	return util.ResolveEntityNames(v)
}

// isASCIISpace reports whether c is white space for HTML (which collapses
// it); no-break spaces are not, they are typography.
func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// collapseSpace turns every run of ASCII white space into one space and
// trims both ends, keeping no-break spaces.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isASCIISpace(c) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteByte(c)
	}
	return b.String()
}
