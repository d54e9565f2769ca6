// Package diff compares two editions of a chapter word by word, on their
// rendered HTML rather than their Markdown, so that the redline reads like
// the page: headings, lists and tables keep their structure, a change in a
// list item or a table cell shows inside it, and every insertion and
// deletion is an <ins> or <del> that names itself to screen readers.
//
// The comparison works in two levels. Blocks (paragraphs, headings, list
// items, rows, cells, ...) are aligned first on their kind and normalized
// text; unmatched blocks that resemble each other are paired and compared
// word by word, the others are shown whole as inserted or deleted. Both
// levels use Myers' O(ND) algorithm in linear space (myers.go).
package diff

import (
	"bytes"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Options tunes a comparison.
type Options struct {
	// Lang is the language of the page: "fr" labels changes "insertion" and
	// "suppression" for screen readers, any other "inserted" and "deleted".
	Lang string
}

// Result is a redline and what it counts.
type Result struct {
	// HTML is the redline: the new document's structure with <ins> and
	// <del>; when Equal, the new document unmarked.
	HTML []byte
	// Added and Removed count the words inserted and deleted, by the
	// shortest word-level edit (before small unchanged fragments between
	// changes are folded into them for display).
	Added, Removed int
	// Equal is true when the texts do not differ once whitespace and
	// typography are normalized: the redline would mark nothing.
	Equal bool
}

// Redline compares oldHTML with newHTML, two fragments of rendered HTML
// (the bodies of two editions of a chapter), and returns the redline.
func Redline(oldHTML, newHTML []byte, o Options) Result {
	oldNodes := parse(oldHTML)
	newNodes := parse(newHTML)
	r := newRedliner(o, newNodes)
	bd := newBuilder(r.in)
	oldRoot, newRoot := bd.root(oldNodes), bd.root(newNodes)

	out := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	if oldRoot.key != newRoot.key {
		r.align(out, oldRoot.kids, newRoot.kids)
		numberLists(out)
	}
	res := Result{Added: r.added, Removed: r.removed, Equal: !r.marked}
	var buf bytes.Buffer
	if res.Equal {
		for _, n := range newNodes {
			_ = html.Render(&buf, n)
		}
	} else {
		for c := out.FirstChild; c != nil; c = c.NextSibling {
			_ = html.Render(&buf, c)
		}
	}
	res.HTML = buf.Bytes()
	return res
}

// parse reads an HTML fragment as the content of a <body>. Markup the
// HTML parser refuses (nested deeper than it allows) is read as flat text.
func parse(b []byte) []*html.Node {
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(bytes.NewReader(b), ctx)
	if err != nil {
		return flatParse(b)
	}
	return nodes
}

// flatParse reads markup as paragraphs of plain text, cut at block-level
// tags: the text survives, the structure does not.
func flatParse(b []byte) []*html.Node {
	var out []*html.Node
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
			p.AppendChild(&html.Node{Type: html.TextNode, Data: text.String()})
			out = append(out, p)
			text.Reset()
		}
	}
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		switch z.Next() {
		case html.ErrorToken:
			flush()
			return out
		case html.TextToken:
			text.WriteString(strings.ReplaceAll(string(z.Text()), "\x00", ""))
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch a := atom.Lookup(name); {
			case blockTags[a]:
				flush()
			case a == atom.Br:
				text.WriteByte(' ')
			}
		}
	}
}

// Operations of a change.
const (
	opDel = iota
	opIns
)

// Classes marking a block inserted or deleted whole.
const (
	classDel = "block-del"
	classIns = "block-ins"
)

// labels returns the screen-reader labels of a deletion and an insertion,
// each followed by a space.
func labels(lang string) [2]string {
	if lang == "fr" || strings.HasPrefix(lang, "fr-") {
		return [2]string{"suppression ", "insertion "}
	}
	return [2]string{"deleted ", "inserted "}
}

// redliner holds the state of one comparison.
type redliner struct {
	in     *interner
	labels [2]string
	newIDs map[string]bool // ids of the new document
	used   map[string]bool // ids already in the output

	added, removed int
	marked         bool // an <ins> or <del> was written
	width          int  // columns of the new table being written; 0 outside
}

func newRedliner(o Options, newNodes []*html.Node) *redliner {
	r := &redliner{
		in:     newInterner(),
		labels: labels(o.Lang),
		newIDs: map[string]bool{},
		used:   map[string]bool{},
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if id, ok := attrOK(n, "id"); ok {
				r.newIDs[id] = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range newNodes {
		walk(n)
	}
	return r
}

// marker returns an empty <ins> or <del> holding its hidden label.
func (r *redliner) marker(op int) *html.Node {
	r.marked = true
	tag, a := "del", atom.Del
	if op == opIns {
		tag, a = "ins", atom.Ins
	}
	m := &html.Node{Type: html.ElementNode, Data: tag, DataAtom: a}
	span := &html.Node{Type: html.ElementNode, Data: "span", DataAtom: atom.Span,
		Attr: []html.Attribute{{Key: "class", Val: "visually-hidden"}}}
	span.AppendChild(&html.Node{Type: html.TextNode, Data: r.labels[op]})
	m.AppendChild(span)
	return m
}

// clone copies n without its children. An id is kept only the first time
// it is written, and an id of the old document only when the new one does
// not use it, so that the redline never repeats an id.
func (r *redliner) clone(n *html.Node, old bool) *html.Node {
	c := &html.Node{Type: n.Type, Data: n.Data, DataAtom: n.DataAtom, Namespace: n.Namespace}
	if len(n.Attr) > 0 {
		c.Attr = make([]html.Attribute, 0, len(n.Attr))
		for _, a := range n.Attr {
			if a.Namespace == "" && a.Key == "id" && n.Type == html.ElementNode {
				if r.used[a.Val] || old && r.newIDs[a.Val] {
					continue
				}
				r.used[a.Val] = true
			}
			c.Attr = append(c.Attr, a)
		}
	}
	return c
}

// deepClone copies n and everything below it, with clone's id rules.
func (r *redliner) deepClone(n *html.Node, old bool) *html.Node {
	c := r.clone(n, old)
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c.AppendChild(r.deepClone(k, old))
	}
	return c
}

// addClass adds a class to an element.
func addClass(n *html.Node, class string) {
	for i, a := range n.Attr {
		if a.Namespace == "" && a.Key == "class" {
			if a.Val == "" {
				n.Attr[i].Val = class
			} else {
				n.Attr[i].Val = a.Val + " " + class
			}
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: "class", Val: class})
}

// numberLists numbers the items of every ordered list of the redline as
// the new text numbers them: a deleted item takes no number (it gets the
// class block-del-item, which the stylesheet shows without a marker), and
// each item after one gets its number in a value attribute, since the
// browser would otherwise count the deleted item too. Lists without a
// deleted item are left as they are; reversed lists too (their numbers
// count down from the number of items, which the redline changes).
func numberLists(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		numberLists(c)
	}
	if n.Type != html.ElementNode || n.DataAtom != atom.Ol || n.Namespace != "" {
		return
	}
	if _, rev := attrOK(n, "reversed"); rev {
		return
	}
	next := 1
	if v, ok := attrOK(n, "start"); ok {
		if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
			next = s
		}
	}
	shift := false
	for li := n.FirstChild; li != nil; li = li.NextSibling {
		if li.Type != html.ElementNode || li.DataAtom != atom.Li {
			continue
		}
		if v, ok := attrOK(li, "value"); ok {
			if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
				next = s
			}
		}
		if hasClass(li, classDel) {
			addClass(li, classDelItem)
			shift = true
			continue
		}
		if shift {
			setAttr(li, "value", strconv.Itoa(next))
		}
		next++
	}
}

// classDelItem marks a deleted item of an ordered list: it has no number.
const classDelItem = "block-del-item"

func hasClass(n *html.Node, class string) bool {
	v, _ := attrOK(n, "class")
	for _, c := range strings.Fields(v) {
		if c == class {
			return true
		}
	}
	return false
}

func setAttr(n *html.Node, key, val string) {
	for i, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}
