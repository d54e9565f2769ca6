package diff

import (
	"encoding/binary"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// This file turns a parsed fragment into what the comparison works on: a
// tree of blocks (headings, paragraphs, lists, rows, cells, ...) whose
// leaves are runs of inline content cut into units (words, punctuation,
// atoms), each carrying the inline elements it sits in.

// piece is one thing shown in a run of inline content: a text or a node
// rendered whole, inside the inline elements of stack (outermost first,
// relative to the block that holds the run).
type piece struct {
	text  string
	node  *html.Node
	stack []*html.Node
}

// unit is what the word-level comparison compares: one word, punctuation
// mark or atom (its main piece), with the whitespace, comments and other
// ignorable pieces that follow it (or, for the first unit of a run, that
// precede it too).
type unit struct {
	key    int // formatting and normalized text
	plain  int // normalized text alone, for similarity
	size   int // length in characters, for the semantic cleanup
	word   bool
	main   int // index of the main piece in pieces
	pieces []piece
	first  int // while building: where pieces starts in the run's pieces
}

// block is an element that structures the page, or (node == nil) a run of
// inline content inside one.
type block struct {
	node  *html.Node
	kind  int // tag and class; "#inline" for a run
	key   int // kind and whole content: equal keys, equal text
	kids  []*block
	units []unit

	bag       []int // sorted plain ids of the words and atoms below, capped
	bagDone   bool
	kidKeySet []int // sorted keys of the children, capped
	kidsDone  bool
}

// leaf reports whether b holds inline content only.
func (b *block) leaf() bool { return len(b.kids) == 0 || len(b.kids) == 1 && b.kids[0].node == nil }

// maxBag caps the words gathered per block for the similarity measure, so
// that pairing stays linear on huge blocks.
const maxBag = 4096

// interner gives small integer ids to strings, and to pairs of an id and
// a string, so that sequences compare as integers.
type interner struct {
	ids   map[string]int
	pairs map[pairKey]int
}

type pairKey struct {
	id int
	s  string
}

func newInterner() *interner {
	return &interner{ids: map[string]int{}, pairs: map[pairKey]int{}}
}

func (in *interner) id(s string) int {
	if v, ok := in.ids[s]; ok {
		return v
	}
	v := len(in.ids) + len(in.pairs) + 1
	in.ids[s] = v
	return v
}

// pair interns (id, s) without building a string.
func (in *interner) pair(id int, s string) int {
	k := pairKey{id, s}
	if v, ok := in.pairs[k]; ok {
		return v
	}
	v := len(in.ids) + len(in.pairs) + 1
	in.pairs[k] = v
	return v
}

// builder builds block trees with one shared interner, so that ids of the
// old and the new document compare. Runs are cut in a scratch runBuilder
// reused from run to run, then copied out at their exact size.
type builder struct {
	in     *interner
	rb     *runBuilder
	blocky map[*html.Node]bool // memo of holdsBlock
}

func newBuilder(in *interner) builder {
	return builder{in: in, rb: &runBuilder{in: in}, blocky: map[*html.Node]bool{}}
}

// isBlock reports whether n is a block of the page: a block-level element,
// or an inline element that holds one (<a><p>…</p></a>), so that no run of
// inline content ever holds a block.
func (bd builder) isBlock(n *html.Node) bool {
	if isBlock(n) {
		return true
	}
	return n.Type == html.ElementNode && !isAtom(n) && !ignorableElement(n) && bd.holdsBlock(n)
}

// holdsBlock reports whether a block-level element is below n.
func (bd builder) holdsBlock(n *html.Node) bool {
	if v, ok := bd.blocky[n]; ok {
		return v
	}
	v := false
	for c := n.FirstChild; c != nil && !v; c = c.NextSibling {
		if c.Type == html.ElementNode && (isBlock(c) || !isAtom(c) && bd.holdsBlock(c)) {
			v = true
		}
	}
	bd.blocky[n] = v
	return v
}

// root builds the virtual block that holds a fragment's top-level nodes.
func (bd builder) root(nodes []*html.Node) *block {
	b := &block{}
	bd.children(b, nodes)
	b.kind = bd.in.id("#root")
	b.key = bd.blockKey(b)
	return b
}

// element builds the block of a block-level element.
func (bd builder) element(n *html.Node) *block {
	b := &block{node: n}
	var kids []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		kids = append(kids, c)
	}
	bd.children(b, kids)
	b.kind = bd.in.id(kindOf(n))
	b.key = bd.blockKey(b)
	return b
}

// kindOf names an element's kind: its tag and class attribute.
func kindOf(n *html.Node) string {
	s := "E" + n.Namespace + ":" + n.Data
	if c := attr(n, "class"); c != "" {
		s += "." + strings.Join(strings.Fields(c), ".")
	}
	return s
}

// blockKey interns a block's identity from its kind and its children's
// keys (or its units' keys): linear in the number of children, exact.
func (bd builder) blockKey(b *block) int {
	buf := make([]byte, 0, 8*(2+len(b.kids)+len(b.units)))
	buf = binary.AppendUvarint(buf, uint64(b.kind))
	for _, k := range b.kids {
		buf = binary.AppendUvarint(buf, uint64(k.key))
	}
	buf = append(buf, 0xff)
	for _, u := range b.units {
		buf = binary.AppendUvarint(buf, uint64(u.key))
	}
	return bd.in.id(string(buf))
}

// children sorts nodes into child blocks and runs of inline content. Runs
// with nothing to compare (whitespace between blocks, comments) are
// dropped.
func (bd builder) children(b *block, nodes []*html.Node) {
	var run []*html.Node
	flush := func() {
		if len(run) == 0 {
			return
		}
		if r := bd.run(run); len(r.units) > 0 {
			b.kids = append(b.kids, r)
		}
		run = run[:0]
	}
	for _, c := range nodes {
		if bd.isBlock(c) {
			flush()
			b.kids = append(b.kids, bd.element(c))
			continue
		}
		run = append(run, c)
	}
	flush()
}

// run builds the block of a run of inline nodes.
func (bd builder) run(nodes []*html.Node) *block {
	rb := bd.rb
	rb.units, rb.pieces = rb.units[:0], rb.pieces[:0]
	for _, n := range nodes {
		rb.node(n, nil, 0)
	}
	units := slices.Clone(rb.units)
	pieces := slices.Clone(rb.pieces)
	for i := range units {
		u := &units[i]
		end := len(pieces)
		if i+1 < len(units) {
			end = units[i+1].first
		}
		u.pieces = pieces[u.first:end:end]
	}
	b := &block{units: units, kind: bd.in.id("#inline")}
	b.key = bd.blockKey(b)
	return b
}

// runBuilder cuts inline content into units. Pieces go to one slice; each
// unit takes its stretch of it at the end.
type runBuilder struct {
	in     *interner
	units  []unit
	pieces []piece
}

func (rb *runBuilder) node(n *html.Node, stack []*html.Node, format int) {
	switch n.Type {
	case html.TextNode:
		splitText(n.Data, func(kind tokKind, raw string) {
			p := piece{text: raw, stack: stack}
			if kind == tokSpace {
				rb.ignorable(p)
				return
			}
			t := normText(raw)
			if t == "" {
				rb.ignorable(p)
				return
			}
			rb.add(p, format, t, kind == tokWord)
		})
	case html.ElementNode:
		switch {
		case ignorableElement(n):
			rb.ignorable(piece{node: n, stack: stack})
		case footnoteLink(n) != "":
			// A footnote mark or back link compares by its role, not its
			// number: a note added before it renumbers it without changing
			// what it says (the new number is shown).
			rb.add(piece{node: n, stack: stack}, format, footnoteLink(n), false)
		case isAtom(n):
			rb.add(piece{node: n, stack: stack}, format, atomKey(n), false)
		default:
			st := append(stack[:len(stack):len(stack)], n)
			f := rb.in.pair(format, formatOf(n))
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				rb.node(c, st, f)
			}
		}
	case html.CommentNode:
		rb.ignorable(piece{node: n, stack: stack})
	}
}

// ignorable adds a piece that is shown but not compared: it goes with the
// unit before it (or with the first unit, when none came yet).
func (rb *runBuilder) ignorable(p piece) {
	rb.pieces = append(rb.pieces, p)
}

// add starts a unit with main piece p, formatting format and normalized
// text t.
func (rb *runBuilder) add(p piece, format int, t string, word bool) {
	u := unit{
		key:   rb.in.pair(format, t),
		plain: rb.in.pair(0, t),
		size:  utf8.RuneCountInString(t) + 1,
		word:  word,
	}
	if len(rb.units) > 0 {
		u.first = len(rb.pieces)
	}
	u.main = len(rb.pieces) - u.first
	rb.pieces = append(rb.pieces, p)
	rb.units = append(rb.units, u)
}

// formatOf is the part of an inline element that belongs to the identity
// of the words inside it: its tag, and a link's target.
func formatOf(n *html.Node) string {
	s := n.Namespace + ":" + n.Data
	if n.DataAtom == atom.A {
		s += "[" + attr(n, "href") + "]"
	}
	return s
}

// atomKey is the identity of an element shown whole: tag, source and
// alternative text, link target, and its text.
func atomKey(n *html.Node) string {
	var b strings.Builder
	b.WriteString("<" + n.Namespace + ":" + n.Data)
	for _, k := range [...]string{"src", "alt", "href", "type", "value"} {
		if v, ok := attrOK(n, k); ok {
			b.WriteString(" " + k + "=" + normText(v))
		}
	}
	b.WriteString(">")
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				splitText(c.Data, func(kind tokKind, raw string) {
					if kind != tokSpace {
						b.WriteString(" " + normText(raw))
					}
				})
			case html.ElementNode:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

// blockTags are the HTML elements that structure a page rather than run in
// a line of text.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Caption: true, atom.Center: true, atom.Colgroup: true, atom.Dd: true,
	atom.Details: true, atom.Dialog: true, atom.Dir: true, atom.Div: true,
	atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Legend: true,
	atom.Li: true, atom.Listing: true, atom.Main: true, atom.Menu: true,
	atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true,
	atom.Section: true, atom.Search: true, atom.Summary: true, atom.Table: true,
	atom.Tbody: true, atom.Td: true, atom.Tfoot: true, atom.Th: true,
	atom.Thead: true, atom.Tr: true, atom.Ul: true,
}

// isBlock reports whether n is a block-level HTML element.
func isBlock(n *html.Node) bool {
	return n.Type == html.ElementNode && n.Namespace == "" && blockTags[n.DataAtom]
}

// atomTags are inline elements shown whole: void elements, embedded
// content and form controls.
var atomTags = map[atom.Atom]bool{
	atom.Img: true, atom.Br: true, atom.Wbr: true, atom.Input: true,
	atom.Embed: true, atom.Area: true, atom.Source: true, atom.Track: true,
	atom.Col: true, atom.Iframe: true, atom.Object: true, atom.Video: true,
	atom.Audio: true, atom.Canvas: true, atom.Textarea: true, atom.Select: true,
	atom.Button: true, atom.Meter: true, atom.Progress: true, atom.Picture: true,
	atom.Xmp: true, atom.Plaintext: true, atom.Noembed: true, atom.Noframes: true,
	atom.Math: true, atom.Svg: true, atom.Title: true, atom.Option: true,
	atom.Optgroup: true, atom.Datalist: true, atom.Frameset: true, atom.Frame: true,
	atom.Image: true, atom.Keygen: true, atom.Param: true, atom.Base: true,
	atom.Link: true, atom.Meta: true,
}

// isAtom reports whether an inline element is shown and compared whole.
// footnoteLink returns the role of a footnote mark ("doc-noteref") or back
// link ("doc-backlink"), "" for any other element.
func footnoteLink(n *html.Node) string {
	if n.Namespace != "" || n.DataAtom != atom.A {
		return ""
	}
	switch r := attr(n, "role"); r {
	case "doc-noteref", "doc-backlink":
		return "<" + r + ">"
	}
	return ""
}

func isAtom(n *html.Node) bool {
	return n.Namespace != "" || atomTags[n.DataAtom]
}

// ignorableElement reports whether an inline element is shown but never
// compared: scripts and styles, and elements with no content at all (an
// empty anchor target).
func ignorableElement(n *html.Node) bool {
	if n.Namespace == "" {
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Template, atom.Noscript:
			return true
		}
	}
	return n.FirstChild == nil && !isAtom(n)
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// words returns the bag of b: the sorted plain ids of the words and atoms
// below it, at most maxBag of them.
func (b *block) words() []int {
	if b.bagDone {
		return b.bag
	}
	b.bagDone = true
	var walk func(*block)
	walk = func(x *block) {
		for _, u := range x.units {
			if len(b.bag) >= maxBag {
				return
			}
			if u.word || u.pieces[u.main].node != nil {
				b.bag = append(b.bag, u.plain)
			}
		}
		for _, k := range x.kids {
			if len(b.bag) >= maxBag {
				return
			}
			walk(k)
		}
	}
	walk(b)
	slices.Sort(b.bag)
	return b.bag
}

// kidKeys returns the sorted keys of b's first maxBag children.
func (b *block) kidKeys() []int {
	if b.kidsDone {
		return b.kidKeySet
	}
	b.kidsDone = true
	for _, k := range b.kids[:min(len(b.kids), maxBag)] {
		b.kidKeySet = append(b.kidKeySet, k.key)
	}
	slices.Sort(b.kidKeySet)
	return b.kidKeySet
}
