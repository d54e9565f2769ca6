package markdown

import (
	"strconv"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// footnotes is goldmark's footnote syntax ([^1]) with our own ids and
// renderer: ids are prefixed per document, so the footnotes of several
// chapters can share the print page ("fn-netiquette-1",
// "fnref-netiquette-1"), and the link back to the citation is named in the
// reader's language.
type footnotes struct {
	loc locale
}

func (e *footnotes) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(extension.NewFootnoteBlockParser(), 999)),
		parser.WithInlineParsers(util.Prioritized(extension.NewFootnoteParser(), 101)),
		parser.WithASTTransformers(
			util.Prioritized(extension.NewFootnoteASTTransformer(), 999),
			util.Prioritized(footnoteIDTransformer{}, prioFootnoteIDs),
		),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(&footnoteRenderer{loc: e.loc}, prioRenderer),
	))
}

// footnoteIDTransformer computes the ids and link targets of the footnotes
// of one document and stores them on the nodes, where the renderer finds
// them. It reserves the ids so that no heading id takes them.
type footnoteIDTransformer struct{}

const (
	attrID   = "id"
	attrHref = "href"
)

func (footnoteIDTransformer) Transform(doc *gast.Document, _ text.Reader, pc parser.Context) {
	st := stateOf(pc)
	if st == nil {
		return
	}
	fnID := func(index int) string { return "fn-" + st.fnPrefix + strconv.Itoa(index) }
	refID := func(index, refIndex int) string {
		id := "fnref-" + st.fnPrefix + strconv.Itoa(index)
		if refIndex > 0 {
			id += "-" + strconv.Itoa(refIndex+1)
		}
		return id
	}
	_ = gast.Walk(doc, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		if !entering {
			return gast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *east.FootnoteLink:
			id := refID(n.Index, n.RefIndex)
			pc.IDs().Put([]byte(id))
			n.SetAttributeString(attrID, []byte(st.idPrefix+id))
			n.SetAttributeString(attrHref, []byte("#"+st.idPrefix+fnID(n.Index)))
		case *east.FootnoteBacklink:
			n.SetAttributeString(attrHref, []byte("#"+st.idPrefix+refID(n.Index, n.RefIndex)))
		case *east.Footnote:
			id := fnID(n.Index)
			pc.IDs().Put([]byte(id))
			n.SetAttributeString(attrID, []byte(st.idPrefix+id))
		}
		return gast.WalkContinue, nil
	})
}

// footnoteRenderer renders the footnote nodes with the ids set by
// footnoteIDTransformer.
type footnoteRenderer struct {
	loc locale
}

func (r *footnoteRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindFootnoteLink, r.renderLink)
	reg.Register(east.KindFootnoteBacklink, r.renderBacklink)
	reg.Register(east.KindFootnote, r.renderFootnote)
	reg.Register(east.KindFootnoteList, r.renderList)
}

func writeAttr(w util.BufWriter, n gast.Node, name string) {
	if v, ok := n.AttributeString(name); ok {
		if b, ok := v.([]byte); ok {
			_, _ = w.Write(util.EscapeHTML(b))
		}
	}
}

func (r *footnoteRenderer) renderLink(w util.BufWriter, _ []byte, node gast.Node, entering bool) (gast.WalkStatus, error) {
	if !entering {
		return gast.WalkContinue, nil
	}
	n := node.(*east.FootnoteLink)
	_, _ = w.WriteString(`<sup id="`)
	writeAttr(w, n, attrID)
	_, _ = w.WriteString(`"><a href="`)
	writeAttr(w, n, attrHref)
	_, _ = w.WriteString(`" class="footnote-ref" role="doc-noteref">`)
	_, _ = w.WriteString(strconv.Itoa(n.Index))
	_, _ = w.WriteString(`</a></sup>`)
	return gast.WalkContinue, nil
}

func (r *footnoteRenderer) renderBacklink(w util.BufWriter, _ []byte, node gast.Node, entering bool) (gast.WalkStatus, error) {
	if !entering {
		return gast.WalkContinue, nil
	}
	n := node.(*east.FootnoteBacklink)
	label := r.loc.footnoteBacklink
	if n.RefCount > 1 {
		label += " " + strconv.Itoa(n.RefIndex+1)
	}
	_, _ = w.WriteString("\u00a0<a href=\"")
	writeAttr(w, n, attrHref)
	_, _ = w.WriteString(`" class="footnote-backref" role="doc-backlink" aria-label="`)
	_, _ = w.Write(util.EscapeHTML([]byte(label)))
	_, _ = w.WriteString("\">\u21a9\ufe0e</a>")
	return gast.WalkContinue, nil
}

func (r *footnoteRenderer) renderFootnote(w util.BufWriter, _ []byte, n gast.Node, entering bool) (gast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<li id="`)
		writeAttr(w, n, attrID)
		_, _ = w.WriteString("\">\n")
	} else {
		_, _ = w.WriteString("</li>\n")
	}
	return gast.WalkContinue, nil
}

// renderList writes the list of footnotes. It carries no landmark role
// (doc-endnotes is one): the print page holds one list per chapter, and
// landmarks must have distinct names.
func (r *footnoteRenderer) renderList(w util.BufWriter, _ []byte, _ gast.Node, entering bool) (gast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<div class=\"footnotes\">\n<hr>\n<ol>\n")
	} else {
		_, _ = w.WriteString("</ol>\n</div>\n")
	}
	return gast.WalkContinue, nil
}
