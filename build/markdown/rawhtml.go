package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// rawHTML drops the HTML written in Markdown, block and inline, unless the
// handbook sets unsafe_html: it renders nothing at all (goldmark would
// leave a "raw HTML omitted" comment) and warns at the line of each tag, so
// authors know their markup is gone. HTML comments go silently: they were
// never visible. With unsafe_html, goldmark's own renderer writes the HTML.
type rawHTML struct {
	unsafe bool
}

func (e rawHTML) Extend(m goldmark.Markdown) {
	if e.unsafe {
		return
	}
	m.Parser().AddOptions(parser.WithASTTransformers(
		util.Prioritized(rawHTMLTransformer{}, prioRawHTML),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(dropHTMLRenderer{}, prioRenderer),
	))
}

type rawHTMLTransformer struct{}

func (rawHTMLTransformer) Transform(doc *gast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc)
	if st == nil {
		return
	}
	src := reader.Source()
	_ = gast.Walk(doc, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		if !entering {
			return gast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *gast.HTMLBlock:
			if n.HTMLBlockType != gast.HTMLBlockType2 {
				st.warnRawHTML(st.lineOf(n))
			}
		case *gast.RawHTML:
			if n.Segments.Len() == 0 {
				break
			}
			if seg := n.Segments.At(0); !bytes.HasPrefix(seg.Value(src), []byte("<!--")) {
				st.warnRawHTML(st.lineOf(n))
			}
		}
		return gast.WalkContinue, nil
	})
}

// warnRawHTML warns once per line.
func (st *docState) warnRawHTML(line int) {
	if st.rawHTMLLines == nil {
		st.rawHTMLLines = map[int]bool{}
	}
	if st.rawHTMLLines[line] {
		return
	}
	st.rawHTMLLines[line] = true
	st.warnf(line, "raw HTML dropped (set unsafe_html: true in handbook.yaml to keep it)")
}

// dropHTMLRenderer renders raw HTML as nothing.
type dropHTMLRenderer struct{}

func (dropHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(gast.KindHTMLBlock, renderNothing)
	reg.Register(gast.KindRawHTML, renderNothing)
}

func renderNothing(util.BufWriter, []byte, gast.Node, bool) (gast.WalkStatus, error) {
	return gast.WalkSkipChildren, nil
}
