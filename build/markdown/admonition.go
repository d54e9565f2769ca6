package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// AdmonitionKind is the kind of an admonition: what to do, what to avoid,
// a note, a warning.
type AdmonitionKind int

// The admonition kinds, written [!FAIRE]/[!DO], [!EVITER]/[!ÉVITER]/[!DONT],
// [!NOTE], [!ATTENTION]/[!WARNING] on the first line of a block quote.
const (
	AdmonitionDo AdmonitionKind = iota
	AdmonitionDont
	AdmonitionNote
	AdmonitionWarning
	admonitionKinds // number of kinds
)

// String returns the kind as used in CSS classes ("admonition-do").
func (k AdmonitionKind) String() string {
	switch k {
	case AdmonitionDo:
		return "do"
	case AdmonitionDont:
		return "dont"
	case AdmonitionNote:
		return "note"
	case AdmonitionWarning:
		return "warning"
	}
	return "unknown"
}

// admonitionKind maps the marker word (any case) to its kind.
func admonitionKind(word string) (AdmonitionKind, bool) {
	switch strings.ToUpper(word) {
	case "FAIRE", "DO":
		return AdmonitionDo, true
	case "EVITER", "ÉVITER", "DONT", "DON'T", "DON’T":
		return AdmonitionDont, true
	case "NOTE":
		return AdmonitionNote, true
	case "ATTENTION", "WARNING":
		return AdmonitionWarning, true
	}
	return 0, false
}

// KindAdmonition is the node kind of Admonition.
var KindAdmonition = gast.NewNodeKind("Admonition")

// Admonition is a block quote turned into a boxed rule ("À faire",
// "À éviter", ...). Its first child is always an AdmonitionTitle; the
// blocks of the quote follow.
type Admonition struct {
	gast.BaseBlock
	AdmonitionKind AdmonitionKind
}

// Kind implements ast.Node.
func (n *Admonition) Kind() gast.NodeKind { return KindAdmonition }

// Dump implements ast.Node.
func (n *Admonition) Dump(source []byte, level int) {
	gast.DumpHelper(n, source, level, map[string]string{"AdmonitionKind": n.AdmonitionKind.String()}, nil)
}

// KindAdmonitionTitle is the node kind of AdmonitionTitle.
var KindAdmonitionTitle = gast.NewNodeKind("AdmonitionTitle")

// AdmonitionTitle holds the custom title written after the marker, as
// inline nodes; without children the default title of the kind is shown.
type AdmonitionTitle struct {
	gast.BaseBlock
}

// Kind implements ast.Node.
func (n *AdmonitionTitle) Kind() gast.NodeKind { return KindAdmonitionTitle }

// Dump implements ast.Node.
func (n *AdmonitionTitle) Dump(source []byte, level int) {
	gast.DumpHelper(n, source, level, nil, nil)
}

// admonitions turns marked block quotes into Admonition nodes and renders
// them.
type admonitions struct {
	loc locale
}

func (e admonitions) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(
		util.Prioritized(admonitionTransformer{}, prioAdmonitions),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(admonitionRenderer(e), prioRenderer),
	))
}

type admonitionTransformer struct{}

func (admonitionTransformer) Transform(doc *gast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var quotes []*gast.Blockquote
	_ = gast.Walk(doc, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		if q, ok := n.(*gast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		return gast.WalkContinue, nil
	})
	for _, q := range quotes {
		convertAdmonition(q, src)
	}
}

// convertAdmonition replaces q by an Admonition when its first line is a
// marker.
func convertAdmonition(q *gast.Blockquote, src []byte) {
	para, ok := q.FirstChild().(*gast.Paragraph)
	if !ok || para.Lines().Len() == 0 {
		return
	}
	first := para.Lines().At(0)
	line := first.Value(src)
	lead := len(line) - len(bytes.TrimLeft(line, " \t"))
	rest := line[lead:]
	if !bytes.HasPrefix(rest, []byte("[!")) {
		return
	}
	end := bytes.IndexByte(rest, ']')
	if end < 0 {
		return
	}
	kind, ok := admonitionKind(string(rest[2:end]))
	if !ok {
		return
	}
	markerEnd := first.Start + lead + end + 1 // offset just after "]"

	adm := &Admonition{AdmonitionKind: kind}
	title := &AdmonitionTitle{}
	adm.AppendChild(adm, title)
	adm.SetPos(q.Pos())

	// Inline nodes of the first line: the marker goes, the rest is the
	// custom title.
	for c := para.FirstChild(); c != nil; {
		next := c.NextSibling()
		start := startOffset(c)
		if start >= first.Stop {
			break
		}
		if t, ok := c.(*gast.Text); ok && t.Segment.Start < markerEnd && markerEnd < t.Segment.Stop {
			// "]" and the title merged into one text node: keep the title.
			t.Segment = t.Segment.WithStart(markerEnd)
			start = markerEnd
		}
		para.RemoveChild(para, c)
		if start >= markerEnd {
			title.AppendChild(title, c)
		}
		c = next
	}
	trimTitle(title, src)
	if para.ChildCount() == 0 {
		q.RemoveChild(q, para)
	}
	for c := q.FirstChild(); c != nil; {
		next := c.NextSibling()
		adm.AppendChild(adm, c)
		c = next
	}
	parent := q.Parent()
	parent.ReplaceChild(parent, q, adm)
}

// trimTitle removes the spaces around a custom title and its line break.
func trimTitle(title *AdmonitionTitle, src []byte) {
	if t, ok := title.FirstChild().(*gast.Text); ok {
		t.Segment = t.Segment.TrimLeftSpace(src)
		if t.Segment.IsEmpty() && !t.SoftLineBreak() && !t.HardLineBreak() {
			title.RemoveChild(title, t)
		}
	}
	if t, ok := title.LastChild().(*gast.Text); ok {
		t.SetSoftLineBreak(false)
		t.SetHardLineBreak(false)
		t.Segment = t.Segment.TrimRightSpace(src)
		if t.Segment.IsEmpty() {
			title.RemoveChild(title, t)
		}
	}
}

// admonitionRenderer writes
//
//	<div class="admonition admonition-do" role="note">
//	<p class="admonition-title">À faire</p>
//	...
//	</div>
//
// A custom title keeps the kind in front of it, so that it is heard and
// seen: <p class="admonition-title"><span class="admonition-kind">À faire
// :</span> Custom title</p>.
type admonitionRenderer struct {
	loc locale
}

func (r admonitionRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindAdmonition, r.renderAdmonition)
	reg.Register(KindAdmonitionTitle, r.renderTitle)
}

func (r admonitionRenderer) renderAdmonition(w util.BufWriter, _ []byte, node gast.Node, entering bool) (gast.WalkStatus, error) {
	if entering {
		n := node.(*Admonition)
		_, _ = w.WriteString(`<div class="admonition admonition-`)
		_, _ = w.WriteString(n.AdmonitionKind.String())
		_, _ = w.WriteString("\" role=\"note\">\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return gast.WalkContinue, nil
}

func (r admonitionRenderer) renderTitle(w util.BufWriter, _ []byte, node gast.Node, entering bool) (gast.WalkStatus, error) {
	kind := AdmonitionNote
	if a, ok := node.Parent().(*Admonition); ok {
		kind = a.AdmonitionKind
	}
	name := r.loc.admonitions[kind]
	if !entering {
		if node.HasChildren() {
			_, _ = w.WriteString("</p>\n")
		}
		return gast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<p class="admonition-title">`)
	if !node.HasChildren() {
		_, _ = w.Write(util.EscapeHTML([]byte(name)))
		_, _ = w.WriteString("</p>\n")
		return gast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<span class="admonition-kind">`)
	_, _ = w.Write(util.EscapeHTML([]byte(name + r.loc.kindSep)))
	_, _ = w.WriteString(`</span> `)
	return gast.WalkContinue, nil
}
