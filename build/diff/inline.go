package diff

import (
	"golang.org/x/net/html"
)

// This file is the word level: compare two runs of inline content unit by
// unit, fold small unchanged fragments between changes into them, and
// write the result with the inline markup (links, emphasis, code) of each
// word kept.

// words writes into out the word-level redline of two runs.
func (r *redliner) words(out *html.Node, olds, news []unit) {
	a := make([]int, len(olds))
	for i, u := range olds {
		a[i] = u.key
	}
	b := make([]int, len(news))
	for i, u := range news {
		b[i] = u.key
	}
	hunks := diffInts(a, b)
	for _, h := range hunks {
		if h.eq {
			continue
		}
		for _, u := range olds[h.o0:h.o1] {
			if u.word {
				r.removed++
			}
		}
		for _, u := range news[h.n0:h.n1] {
			if u.word {
				r.added++
			}
		}
	}
	hunks = cleanupSemantic(hunks, olds, news)

	w := inlineWriter{r: r, root: out}
	defer w.flush()
	var prevOld, prevNew []*html.Node // main stacks of the last unchanged unit
	spaced := false                   // the last unchanged unit ends with space in the old text only
	for _, h := range hunks {
		if h.eq {
			for k := range h.n1 - h.n0 {
				o, n := olds[h.o0+k], news[h.n0+k]
				for _, p := range n.pieces {
					w.piece(p, false)
				}
				prevOld, prevNew = o.pieces[o.main].stack, n.pieces[n.main].stack
				spaced = tailStart(o) < len(o.pieces) && tailStart(n) == len(n.pieces)
			}
			continue
		}
		if spaced && h.o1 > h.o0 {
			// "gamma. Delta." -> "gamma.": keep the space before "Delta".
			w.piece(piece{text: " ", stack: w.src}, false)
		}
		if h.o1 > h.o0 {
			dels := olds[h.o0:h.o1]
			k := lcp(commonStack(dels), prevOld)
			keep := lcp(w.src, prevNew[:k])
			w.change(opDel, dels, keep, true)
			if h.n1 == h.n0 {
				w.tail(dels, true)
			}
		}
		if h.n1 > h.n0 {
			ins := news[h.n0:h.n1]
			keep := lcp(w.src, commonStack(ins))
			w.change(opIns, ins, keep, false)
			w.tail(ins, false)
		}
	}
}

// cleanupSemantic folds into the changes around it every unchanged stretch
// no longer than the changes on either side (the rule of diff-match-patch's
// semantic cleanup), so that a lone "de" or comma between two changes does
// not chop the redline into noise. Lengths are in characters.
func cleanupSemantic(hunks []hunk, olds, news []unit) []hunk {
	prefix := func(units []unit) []int {
		p := make([]int, len(units)+1)
		for i, u := range units {
			p[i+1] = p[i] + u.size
		}
		return p
	}
	po, pn := prefix(olds), prefix(news)
	changeLen := func(h hunk) int {
		return max(po[h.o1]-po[h.o0], pn[h.n1]-pn[h.n0])
	}
	out := make([]hunk, 0, len(hunks))
	for _, x := range hunks {
		if x.eq {
			out = append(out, x)
			continue
		}
		if len(out) > 0 && !out[len(out)-1].eq {
			l := out[len(out)-1]
			x = hunk{o0: l.o0, o1: x.o1, n0: l.n0, n1: x.n1}
			out = out[:len(out)-1]
		}
		xl := changeLen(x)
		for len(out) >= 2 && out[len(out)-1].eq && !out[len(out)-2].eq {
			e, l := out[len(out)-1], out[len(out)-2]
			n := pn[e.n1] - pn[e.n0]
			if n > changeLen(l) || n > xl {
				break
			}
			x = hunk{o0: l.o0, o1: x.o1, n0: l.n0, n1: x.n1}
			xl = changeLen(x)
			out = out[:len(out)-2]
		}
		out = append(out, x)
	}
	return out
}

// tailStart returns where the whitespace that ends a run of units starts
// in the pieces of its last unit. That whitespace is written after the
// <ins> or <del>, not inside it: "<del>chat</del> est", not
// "<del>chat </del>est".
func tailStart(u unit) int {
	t := len(u.pieces)
	for t > u.main+1 && u.pieces[t-1].node == nil {
		t--
	}
	return t
}

// body returns the pieces of units[i] that belong inside a change.
func body(units []unit, i int) []piece {
	u := units[i]
	if i == len(units)-1 {
		return u.pieces[:tailStart(u)]
	}
	return u.pieces
}

// commonStack returns the longest stack of inline elements that every piece
// of a change sits in.
func commonStack(units []unit) []*html.Node {
	var s []*html.Node
	first := true
	for i := range units {
		for _, p := range body(units, i) {
			if first {
				s, first = p.stack, false
				continue
			}
			s = s[:lcp(s, p.stack)]
		}
	}
	return s
}

// lcp returns the length of the common prefix of two stacks.
func lcp(a, b []*html.Node) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// inlineWriter writes pieces under root, opening and closing copies of
// their inline elements as the stacks change from piece to piece.
type inlineWriter struct {
	r    *redliner
	root *html.Node
	src  []*html.Node // source elements open, outermost first
	dst  []*html.Node // their copies in the output

	// Consecutive texts go into one text node: text is the last one
	// written, buf its content until flush.
	text *html.Node
	buf  []byte
}

// flush completes the last text node; call it when done writing.
func (w *inlineWriter) flush() {
	if w.text != nil {
		w.text.Data = string(w.buf)
		w.text, w.buf = nil, w.buf[:0]
	}
}

func (w *inlineWriter) parent() *html.Node {
	if len(w.dst) == 0 {
		return w.root
	}
	return w.dst[len(w.dst)-1]
}

// truncate closes the open elements past the first k.
func (w *inlineWriter) truncate(k int) {
	w.src, w.dst = w.src[:k], w.dst[:k]
}

// piece writes one piece inside its stack (from the old document when old).
func (w *inlineWriter) piece(p piece, old bool) {
	k := lcp(w.src, p.stack)
	w.truncate(k)
	for _, n := range p.stack[k:] {
		c := w.r.clone(n, old)
		w.parent().AppendChild(c)
		w.src = append(w.src, n)
		w.dst = append(w.dst, c)
	}
	parent := w.parent()
	if p.node != nil {
		parent.AppendChild(w.r.deepClone(p.node, old))
		return
	}
	if w.text != nil && parent.LastChild == w.text {
		w.buf = append(w.buf, p.text...)
		return
	}
	w.flush()
	w.text = &html.Node{Type: html.TextNode}
	w.buf = append(w.buf, p.text...)
	parent.AppendChild(w.text)
}

// change writes units inside one <ins> or <del>, itself inside the first
// keep open elements; the first keep elements of every piece's stack stand
// for those.
func (w *inlineWriter) change(op int, units []unit, keep int, old bool) {
	w.truncate(keep)
	m := w.r.marker(op)
	w.parent().AppendChild(m)
	sub := inlineWriter{r: w.r, root: m}
	for i := range units {
		for _, p := range body(units, i) {
			p.stack = p.stack[keep:]
			sub.piece(p, old)
		}
	}
	sub.flush()
}

// tail writes the whitespace that ends a change, after it.
func (w *inlineWriter) tail(units []unit, old bool) {
	u := units[len(units)-1]
	for _, p := range u.pieces[tailStart(u):] {
		w.piece(p, old)
	}
}
