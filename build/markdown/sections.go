package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// collector gathers, from the final AST, the headings, the text of each
// section and the text of the whole body.
type collector struct {
	src      []byte
	st       *docState
	headings []Heading
	sections []sectionText
	all      strings.Builder
	// cites maps a footnote index to the section that cites it first.
	cites map[int]int
}

type sectionText struct {
	id, heading string
	text        []byte
}

func newCollector(src []byte, st *docState) *collector {
	return &collector{src: src, st: st, sections: []sectionText{{}}, cites: map[int]int{}}
}

func (c *collector) current() *sectionText { return &c.sections[len(c.sections)-1] }

func (c *collector) add(sec *sectionText, text string) {
	if text == "" {
		return
	}
	sec.text = append(append(sec.text, text...), ' ')
	c.all.WriteString(text)
	c.all.WriteByte(' ')
}

func (c *collector) collect(n ast.Node) {
	switch n := n.(type) {
	case *ast.Heading:
		id := ""
		if v, ok := n.AttributeString(attrID); ok {
			if b, ok := v.([]byte); ok {
				id = string(b)
			}
		}
		h := Heading{Level: n.Level, ID: id, Text: plainText(n, c.src), Line: c.st.lineOf(n)}
		c.headings = append(c.headings, h)
		c.noteCites(n)
		if h.Level <= 3 {
			c.sections = append(c.sections, sectionText{id: h.ID, heading: h.Text})
			c.all.WriteString(h.Text)
			c.all.WriteByte(' ')
			return
		}
		c.add(c.current(), h.Text)
		return
	case *QuizChoices, *QuizSolution:
		// The answers of a self-check question stay out of search (an
		// excerpt beside the question would give them away), but count
		// as text of the body.
		if t := plainText(n, c.src); t != "" {
			c.all.WriteString(t)
			c.all.WriteByte(' ')
		}
		return
	case *east.Footnote:
		sec := c.current()
		if i, ok := c.cites[n.Index]; ok {
			sec = &c.sections[i]
		}
		c.add(sec, plainText(n, c.src))
		return
	}
	if first := n.FirstChild(); n.Type() == ast.TypeBlock && (first == nil || first.Type() == ast.TypeInline) {
		c.noteCites(n)
		c.add(c.current(), plainText(n, c.src))
		return
	}
	for child := n.FirstChild(); child != nil; child = child.NextSibling() {
		c.collect(child)
	}
}

// noteCites records the section of the footnote marks in n, if first.
func (c *collector) noteCites(n ast.Node) {
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*east.FootnoteLink); ok && entering {
			if _, seen := c.cites[l.Index]; !seen {
				c.cites[l.Index] = len(c.sections) - 1
			}
		}
		return ast.WalkContinue, nil
	})
}

// sectionList returns the sections, leaving out an empty introduction.
func (c *collector) sectionList() []Section {
	out := make([]Section, 0, len(c.sections))
	for i := range c.sections {
		s := &c.sections[i]
		text := collapseSpace(string(s.text))
		if i == 0 && text == "" {
			continue
		}
		out = append(out, Section{ID: s.id, Heading: s.heading, Text: text})
	}
	return out
}
