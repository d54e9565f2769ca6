package markdown

import (
	"strconv"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindTableRegion is the node kind of TableRegion.
var KindTableRegion = gast.NewNodeKind("TableRegion")

// TableRegion wraps a GFM table so that it scrolls on small screens
// without making the page scroll: a focusable, named region that keyboard
// users can scroll too.
type TableRegion struct {
	gast.BaseBlock
	// Label is the accessible name: the text of the heading the table
	// follows, or "Tableau"/"Table", numbered when it repeats.
	Label string
}

// Kind implements ast.Node.
func (n *TableRegion) Kind() gast.NodeKind { return KindTableRegion }

// Dump implements ast.Node.
func (n *TableRegion) Dump(source []byte, level int) {
	gast.DumpHelper(n, source, level, map[string]string{"Label": n.Label}, nil)
}

// tableRegions wraps every table in a TableRegion.
type tableRegions struct {
	loc locale
}

func (e tableRegions) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(
		util.Prioritized(tableRegionTransformer(e), prioTables),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(tableRegionRenderer{}, prioRenderer),
	))
}

type tableRegionTransformer struct {
	loc locale
}

func (t tableRegionTransformer) Transform(doc *gast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	type found struct {
		table *east.Table
		label string
	}
	var tables []found
	heading := t.loc.table
	_ = gast.Walk(doc, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		if !entering {
			return gast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *gast.Heading:
			if h := plainText(n, src); h != "" {
				heading = h
			}
			return gast.WalkSkipChildren, nil
		case *east.Table:
			tables = append(tables, found{n, heading})
			return gast.WalkSkipChildren, nil
		}
		return gast.WalkContinue, nil
	})
	// Regions are landmarks: their names must differ on a page.
	seen := map[string]int{}
	for _, f := range tables {
		seen[f.label]++
		label := f.label
		if k := seen[f.label]; k > 1 {
			label += " (" + strconv.Itoa(k) + ")"
		}
		region := &TableRegion{Label: label}
		region.SetPos(f.table.Pos())
		parent := f.table.Parent()
		parent.ReplaceChild(parent, f.table, region)
		region.AppendChild(region, f.table)
	}
}

type tableRegionRenderer struct{}

func (tableRegionRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindTableRegion, renderTableRegion)
}

func renderTableRegion(w util.BufWriter, _ []byte, node gast.Node, entering bool) (gast.WalkStatus, error) {
	if entering {
		n := node.(*TableRegion)
		_, _ = w.WriteString(`<div class="table-wrap" role="region" tabindex="0" aria-label="`)
		_, _ = w.Write(util.EscapeHTML([]byte(n.Label)))
		_, _ = w.WriteString("\">\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return gast.WalkContinue, nil
}
