package markdown

import (
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"example.com/handbook/build/slug"
)

// headingIDs is the parser.IDs of one document: ids folded by slug.Fold,
// "section" when nothing is left, "-2", "-3" for repeats, and the
// document's IDPrefix in front. Values passed to Put and compared for
// repeats are the ids without the prefix.
type headingIDs struct {
	prefix string
	used   map[string]bool
}

var _ parser.IDs = (*headingIDs)(nil)

func newHeadingIDs(prefix string) *headingIDs {
	return &headingIDs{prefix: prefix, used: map[string]bool{}}
}

// Generate returns a new unique id for the text value.
func (s *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	base := slug.Fold(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	for i := 2; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(s.prefix + id)
}

// Put marks value (without prefix) as taken.
func (s *headingIDs) Put(value []byte) {
	s.used[string(value)] = true
}

// headings demotes body "#" headings to "##" (the chapter title is the
// page's only h1) and gives every heading an id generated from the text a
// reader sees, not from the Markdown source: "## Voir [la
// netiquette](04-netiquette.fr.md)" gets "voir-la-netiquette".
type headings struct{}

func (headings) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(
		util.Prioritized(headingTransformer{}, prioHeadings),
	))
}

type headingTransformer struct{}

func (headingTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc)
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		h, ok := n.(*ast.Heading)
		if !ok {
			return ast.WalkContinue, nil
		}
		if h.Level == 1 {
			h.Level = 2
			if st != nil {
				st.warnf(st.lineOf(h), "level-1 heading demoted: the chapter title is the page's only h1")
			}
		}
		if st != nil && st.shift > 0 {
			h.Level = min(h.Level+st.shift, 6)
		}
		text := plainText(h, src)
		if text == "" && st != nil && !hasImage(h) {
			st.warnf(st.lineOf(h), "empty heading")
		}
		h.SetAttributeString(attrID, pc.IDs().Generate([]byte(text), ast.KindHeading))
		return ast.WalkSkipChildren, nil
	})
}

// hasImage reports whether n holds an image, whose alt text may be all a
// heading or a link says.
func hasImage(n ast.Node) bool {
	found := false
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Kind() == ast.KindImage {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}
