package diff

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"slices"
)

// This file is the block level: align the children of two matching blocks,
// pair the changed ones that resemble each other, show the others whole.

// pairWindow is how many inserted blocks ahead of the last pair a deleted
// block looks for its counterpart; it keeps pairing linear.
const pairWindow = 32

// similarity is the least word overlap (Dice coefficient) for two blocks of
// the same kind to be compared word by word rather than replaced.
const similarity = 0.5

// align writes into out the redline of two sequences of sibling blocks.
// Blocks with nothing to read (an empty paragraph) take no part in the
// alignment: as anchors they would make the result depend on which side
// is old and which is new. The new document's empty blocks are written
// back where they stand.
func (r *redliner) align(out *html.Node, olds, news []*block) {
	olds = slices.DeleteFunc(slices.Clone(olds), blank)
	var kept []*block
	var at []int // index in news of each kept block
	for i, n := range news {
		if !blank(n) {
			kept = append(kept, n)
			at = append(at, i)
		}
	}
	next := 0
	flush := func(upTo int) {
		for ; next < upTo; next++ {
			if blank(news[next]) {
				r.same(out, news[next])
			}
		}
	}
	a := make([]int, len(olds))
	for i, b := range olds {
		a[i] = b.key
	}
	b := make([]int, len(kept))
	for i, x := range kept {
		b[i] = x.key
	}
	for _, h := range diffInts(a, b) {
		if h.n1 > h.n0 {
			flush(at[h.n0])
		}
		if h.eq {
			for k := h.n0; k < h.n1; k++ {
				flush(at[k])
				r.same(out, kept[k])
				next = at[k] + 1
			}
			continue
		}
		r.gap(out, olds[h.o0:h.o1], kept[h.n0:h.n1])
		if h.n1 > h.n0 {
			next = at[h.n1-1] + 1
		}
	}
	flush(len(news))
}

// blank reports whether a block has no word, no atom (image) and no child
// block: nothing a reader could see change.
func blank(b *block) bool {
	return b.node != nil && len(b.kids) == 0 && len(b.words()) == 0 && len(b.units) == 0
}

// same writes an unchanged block: the new one as it is.
func (r *redliner) same(out *html.Node, n *block) {
	if n.node == nil {
		w := inlineWriter{r: r, root: r.host(out)}
		for _, u := range n.units {
			for _, p := range u.pieces {
				w.piece(p, false)
			}
		}
		w.flush()
		return
	}
	appendBlock(out, r.deepClone(n.node, false))
}

// gap writes the blocks deleted and inserted between two unchanged ones:
// similar pairs compared, the rest whole, each deleted block where it stood
// in the old document.
func (r *redliner) gap(out *html.Node, olds, news []*block) {
	i, j := 0, 0
	for _, p := range r.pairs(olds, news) {
		for ; i < p[0]; i++ {
			r.whole(out, olds[i], opDel)
		}
		for ; j < p[1]; j++ {
			r.whole(out, news[j], opIns)
		}
		r.pair(out, olds[i], news[j])
		i, j = i+1, j+1
	}
	for ; i < len(olds); i++ {
		r.whole(out, olds[i], opDel)
	}
	for ; j < len(news); j++ {
		r.whole(out, news[j], opIns)
	}
}

// pairs matches deleted with inserted blocks, in order in both sequences:
// each deleted block takes the most similar inserted block of its kind
// within pairWindow after the previous pair.
func (r *redliner) pairs(olds, news []*block) [][2]int {
	var out [][2]int
	next := 0
	for i, o := range olds {
		best, bestJ := 0.0, -1
		for j := next; j < len(news) && j < next+pairWindow; j++ {
			if news[j].kind != o.kind {
				continue
			}
			if s := similar(o, news[j]); s >= similarity && s > best {
				best, bestJ = s, j
			}
		}
		if bestJ >= 0 {
			out = append(out, [2]int{i, bestJ})
			next = bestJ + 1
		}
	}
	return out
}

// similar measures how much two blocks of the same kind have in common:
// the Dice coefficient of their words, or 1 for two blocks of blocks that
// share an unchanged child (a list that kept an item, a table its header).
func similar(o, n *block) float64 {
	if !o.leaf() && !n.leaf() && intersect(o.kidKeys(), n.kidKeys()) > 0 {
		return 1
	}
	a, b := o.words(), n.words()
	if len(a) == 0 || len(b) == 0 {
		if len(a) == len(b) {
			return 1
		}
		return 0
	}
	return 2 * float64(intersect(a, b)) / float64(len(a)+len(b))
}

// intersect counts the common elements of two sorted multisets.
func intersect(a, b []int) int {
	common, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			common++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return common
}

// pair writes the redline of two matched blocks: the new block's element
// with its content compared.
func (r *redliner) pair(out *html.Node, o, n *block) {
	if n.node == nil {
		r.words(r.host(out), o.units, n.units)
		return
	}
	c := r.clone(n.node, false)
	startBlock(c, n)
	switch {
	case cellsAlign(o, n):
		for i := range n.kids {
			if o.kids[i].key == n.kids[i].key {
				r.same(c, n.kids[i])
			} else {
				r.pair(c, o.kids[i], n.kids[i])
			}
		}
	case n.node.DataAtom == atom.Tr && n.node.Namespace == "":
		r.row(c, o, n)
	case n.node.DataAtom == atom.Table && n.node.Namespace == "":
		r.pairTable(c, o, n)
	default:
		r.align(c, o.kids, n.kids)
	}
	appendBlock(out, c)
}

// cellsAlign reports whether two rows have as many cells, so that cells
// are compared column by column and the table keeps its shape.
func cellsAlign(o, n *block) bool {
	if n.node.DataAtom != atom.Tr || len(o.kids) != len(n.kids) {
		return false
	}
	for i := range n.kids {
		if !isCell(o.kids[i]) || !isCell(n.kids[i]) {
			return false
		}
	}
	return true
}

func isCell(b *block) bool {
	return b.node != nil && (b.node.DataAtom == atom.Td || b.node.DataAtom == atom.Th)
}

// whole writes a block inserted or deleted entire: the block marked with a
// class, each run of text inside it in an <ins> or <del>.
func (r *redliner) whole(out *html.Node, b *block, op int) {
	r.wholeIn(out, b, op, true)
}

func (r *redliner) wholeIn(out *html.Node, b *block, op int, top bool) {
	old := op == opDel
	if b.node == nil {
		m := r.marker(op)
		w := inlineWriter{r: r, root: m}
		for _, u := range b.units {
			if u.word {
				if old {
					r.removed++
				} else {
					r.added++
				}
			}
			for _, p := range u.pieces {
				w.piece(p, old)
			}
		}
		w.flush()
		r.host(out).AppendChild(m)
		return
	}
	c := r.clone(b.node, old)
	switch {
	case !top:
	case old:
		addClass(c, classDel)
	default:
		addClass(c, classIns)
	}
	startBlock(c, b)
	switch {
	case b.node.Namespace != "":
		r.wholeKids(c, b, op)
	case b.node.DataAtom == atom.Table:
		saved := r.width
		r.width = 0 // a table shown whole keeps its own shape
		r.wholeKids(c, b, op)
		r.width = saved
	case b.node.DataAtom == atom.Tr && old && r.width > 0:
		r.wholeRow(c, b, op)
	default:
		r.wholeKids(c, b, op)
	}
	appendBlock(out, c)
}

func (r *redliner) wholeKids(c *html.Node, b *block, op int) {
	for _, k := range b.kids {
		r.wholeIn(c, k, op, false)
	}
}

// startBlock starts the copy c of a block of blocks with a line break, for
// a readable source.
func startBlock(c *html.Node, b *block) {
	if b.leaf() {
		return
	}
	switch c.DataAtom {
	case atom.Pre, atom.Listing, atom.Textarea:
		return
	}
	c.AppendChild(&html.Node{Type: html.TextNode, Data: "\n"})
}

// appendBlock appends a block element and a line break after it, for a
// readable source.
func appendBlock(out, c *html.Node) {
	out.AppendChild(c)
	switch out.DataAtom {
	case atom.Pre, atom.Listing, atom.Textarea:
		return
	}
	out.AppendChild(&html.Node{Type: html.TextNode, Data: "\n"})
}

// host returns where inline content may go inside out: out itself, or a
// new item or cell in elements that hold no text (a list, a table row), so
// that <ins> and <del> never sit directly in a <ul> or a <tr>.
func (r *redliner) host(out *html.Node) *html.Node {
	if out.Namespace != "" {
		return out
	}
	wrap := func(parent *html.Node, a atom.Atom) *html.Node {
		c := &html.Node{Type: html.ElementNode, Data: a.String(), DataAtom: a}
		parent.AppendChild(c)
		return c
	}
	switch out.DataAtom {
	case atom.Ul, atom.Ol, atom.Menu:
		return wrap(out, atom.Li)
	case atom.Dl:
		return wrap(out, atom.Dd)
	case atom.Tr:
		return wrap(out, atom.Td)
	case atom.Thead, atom.Tbody, atom.Tfoot:
		return wrap(wrap(out, atom.Tr), atom.Td)
	case atom.Table:
		return wrap(wrap(wrap(out, atom.Tbody), atom.Tr), atom.Td)
	}
	return out
}
