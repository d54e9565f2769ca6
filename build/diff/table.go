package diff

import (
	"strconv"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// This file keeps tables in shape: a redline row never has more columns
// than the new table, since a row wider than the first one is an HTML
// error. Deleted cells that would widen a row are written, deleted, inside
// a neighbouring cell instead.

// tableWidth returns the number of columns of a table block: its widest
// row, colspans counted.
func tableWidth(b *block) int {
	w := 0
	var walk func(*block)
	walk = func(x *block) {
		for _, k := range x.kids {
			if k.node == nil {
				continue
			}
			switch k.node.DataAtom {
			case atom.Thead, atom.Tbody, atom.Tfoot:
				walk(k)
			case atom.Tr:
				w = max(w, rowWidth(k))
			}
		}
	}
	walk(b)
	return w
}

// rowWidth counts the columns a row spans.
func rowWidth(b *block) int {
	n := 0
	for _, k := range b.kids {
		if isCell(k) {
			n += cellSpan(k.node)
		}
	}
	return n
}

// cellSpan is a cell's colspan (1 to 1000, as HTML bounds it).
func cellSpan(n *html.Node) int {
	v, err := strconv.Atoi(attr(n, "colspan"))
	if err != nil || v < 1 {
		return 1
	}
	return min(v, 1000)
}

// pairTable writes the redline of two tables, rows bounded by the new
// table's width.
func (r *redliner) pairTable(c *html.Node, o, n *block) {
	saved := r.width
	r.width = tableWidth(n)
	r.align(c, o.kids, n.kids)
	r.width = saved
}

// row writes the redline of two rows whose cells do not match one to one
// (a column added or removed): cells aligned by content, and each deleted
// cell written, deleted, at the start of the next cell of the new row (or
// at the end of the last one), so that the row keeps the new width.
func (r *redliner) row(c *html.Node, o, n *block) {
	keys := func(bs []*block) []int {
		out := make([]int, len(bs))
		for i, b := range bs {
			out[i] = b.key
		}
		return out
	}
	var pending []*block
	var last *html.Node
	// written takes the cell just appended to c and gives it the deleted
	// cells waiting before it.
	written := func(before *html.Node) {
		cell := firstElementAfter(c, before)
		if cell == nil {
			return
		}
		if len(pending) > 0 {
			r.mergeDeleted(cell, pending, true)
			pending = nil
		}
		last = cell
	}
	for _, h := range diffInts(keys(o.kids), keys(n.kids)) {
		if h.eq {
			for _, k := range n.kids[h.n0:h.n1] {
				before := c.LastChild
				r.same(c, k)
				written(before)
			}
			continue
		}
		olds, news := o.kids[h.o0:h.o1], n.kids[h.n0:h.n1]
		i, j := 0, 0
		step := func(pi, pj int) {
			for ; i < pi; i++ {
				pending = append(pending, olds[i])
			}
			for ; j < pj; j++ {
				before := c.LastChild
				r.whole(c, news[j], opIns)
				written(before)
			}
		}
		for _, p := range r.pairs(olds, news) {
			step(p[0], p[1])
			before := c.LastChild
			r.pair(c, olds[i], news[j])
			written(before)
			i, j = i+1, j+1
		}
		step(len(olds), len(news))
	}
	switch {
	case len(pending) == 0:
	case last != nil:
		r.mergeDeleted(last, pending, false)
	default:
		for _, b := range pending {
			r.whole(c, b, opDel)
		}
	}
}

// mergeDeleted writes the content of deleted cells, deleted, into cell: at
// its start or at its end.
func (r *redliner) mergeDeleted(cell *html.Node, cells []*block, atStart bool) {
	tmp := &html.Node{Type: html.ElementNode, Data: "td", DataAtom: atom.Td}
	for _, b := range cells {
		if !atStart {
			tmp.AppendChild(&html.Node{Type: html.TextNode, Data: " "})
		}
		if b.node == nil {
			r.wholeIn(tmp, b, opDel, false)
		} else {
			for _, k := range b.kids {
				r.wholeIn(tmp, k, opDel, false)
			}
		}
		if atStart {
			tmp.AppendChild(&html.Node{Type: html.TextNode, Data: " "})
		}
	}
	first := cell.FirstChild
	for k := tmp.FirstChild; k != nil; k = tmp.FirstChild {
		tmp.RemoveChild(k)
		if atStart {
			cell.InsertBefore(k, first)
		} else {
			cell.AppendChild(k)
		}
	}
}

// wholeRow writes a deleted row; cells past the table's width go, deleted,
// into the last cell that fits.
func (r *redliner) wholeRow(c *html.Node, b *block, op int) {
	span := 0
	var last *html.Node
	var extra []*block
	for _, k := range b.kids {
		if isCell(k) && last != nil && span+cellSpan(k.node) > r.width {
			extra = append(extra, k)
			continue
		}
		before := c.LastChild
		r.wholeIn(c, k, op, false)
		if isCell(k) {
			span += cellSpan(k.node)
			last = firstElementAfter(c, before)
		}
	}
	if len(extra) > 0 {
		r.mergeDeleted(last, extra, false)
	}
}

// firstElementAfter returns the first element child of c after before
// (from the start when before is nil).
func firstElementAfter(c, before *html.Node) *html.Node {
	k := c.FirstChild
	if before != nil {
		k = before.NextSibling
	}
	for ; k != nil; k = k.NextSibling {
		if k.Type == html.ElementNode {
			return k
		}
	}
	return nil
}
