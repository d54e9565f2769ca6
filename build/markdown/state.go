package markdown

import (
	"sort"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"

	"example.com/handbook/build/diag"
)

// stateKey stores the per-document state in the parser.Context, so the
// goldmark.Markdown shared by every document stays free of it.
var stateKey = parser.NewContextKey()

// docState is what the transformers of one Render call share: where the
// document comes from (for diagnostics), what they found.
type docState struct {
	path     string
	lines    lineIndex
	diags    diag.List
	refs     []Ref
	fnPrefix string // footnote ids: "fn-" + fnPrefix + n
	idPrefix string // prefixed to every id of the document
	shift    int    // levels added to every heading (print pages)
	quizzes  int    // questions numbered so far, for their ids
	// rawHTMLLines remembers the lines already warned about raw HTML, so a
	// line with several tags gets one warning.
	rawHTMLLines map[int]bool
}

// stateOf returns the state Render put in pc, or nil when the parser runs
// outside Render (it never does in this package).
func stateOf(pc parser.Context) *docState {
	st, _ := pc.Get(stateKey).(*docState)
	return st
}

func (st *docState) errorf(line int, format string, args ...any) {
	st.diags.Errorf(st.path, line, format, args...)
}

func (st *docState) warnf(line int, format string, args ...any) {
	st.diags.Warnf(st.path, line, format, args...)
}

// lineOf returns the line of the file at which node n starts.
func (st *docState) lineOf(n ast.Node) int {
	return st.lines.line(startOffset(n))
}

// lineIndex maps byte offsets of the body to lines of the file.
type lineIndex struct {
	first    int   // line of the file where the body starts
	newlines []int // offsets of every '\n' in the body
	size     int   // length of the body
}

func newLineIndex(body []byte, first int) lineIndex {
	if first < 1 {
		first = 1
	}
	l := lineIndex{first: first, size: len(body)}
	for i, c := range body {
		if c == '\n' {
			l.newlines = append(l.newlines, i)
		}
	}
	return l
}

// line returns the file line holding byte offset off of the body; an
// unknown offset (-1) maps to the first line of the body.
func (l lineIndex) line(off int) int {
	if off < 0 {
		return l.first
	}
	if off >= l.size && l.size > 0 {
		off = l.size - 1
	}
	return l.first + sort.SearchInts(l.newlines, off)
}

// lineStart returns the byte offset where the given file line starts.
func (l lineIndex) lineStart(line int) int {
	i := line - l.first // number of newlines before the line
	if i <= 0 {
		return 0
	}
	if i > len(l.newlines) {
		return l.size
	}
	return l.newlines[i-1] + 1
}

// startOffset returns the byte offset of the source where n starts, or -1
// when neither n nor any of its descendants carries a position.
func startOffset(n ast.Node) int {
	switch t := n.(type) {
	case *ast.Text:
		return t.Segment.Start
	case *ast.RawHTML:
		if t.Segments.Len() > 0 {
			return t.Segments.At(0).Start
		}
	}
	if p := n.Pos(); p >= 0 {
		return p
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if o := startOffset(c); o >= 0 {
			return o
		}
	}
	return -1
}
