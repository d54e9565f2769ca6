package diff

// This file holds the sequence comparison under everything else: Myers'
// O(ND) algorithm in linear space (E. Myers, "An O(ND) Difference Algorithm
// and Its Variations", 1986), as GNU diff implements it: find the middle
// snake of the shortest edit script, then recurse on both halves. No N×M
// table is ever built. A cost bound (GNU diff's "too expensive" heuristic)
// keeps unrelated inputs fast: past it, the search settles for the best
// split found so far, so the script may be slightly longer than minimal.

// hunk is one stretch of an edit script: a[o0:o1] and b[n0:n1]. An equal
// hunk has o1-o0 == n1-n0 and matching elements; a change hunk holds the
// deleted a[o0:o1] and the inserted b[n0:n1] (either may be empty).
type hunk struct {
	eq             bool
	o0, o1, n0, n1 int
}

// minTooExpensive is the least number of edit steps the middle-snake search
// takes before it may give up and split at its best point.
const minTooExpensive = 256

// differ holds the state of one comparison.
type differ struct {
	a, b         []int
	delA, insB   []bool // marks: a[i] deleted, b[j] inserted
	fd, bd       []int  // furthest-reaching x per diagonal, forward and backward
	off          int    // index of diagonal 0 in fd and bd
	tooExpensive int
}

// diffInts compares a and b and returns alternating equal and change hunks
// covering both sequences in order.
func diffInts(a, b []int) []hunk {
	n, m := len(a), len(b)
	d := &differ{a: a, b: b, delA: make([]bool, n), insB: make([]bool, m)}
	diags := n + m + 3
	buf := make([]int, 2*diags)
	d.fd, d.bd = buf[:diags], buf[diags:]
	d.off = m + 1
	d.tooExpensive = 1
	for x := diags; x != 0; x >>= 2 {
		d.tooExpensive <<= 1
	}
	d.tooExpensive = max(d.tooExpensive, minTooExpensive)
	d.compare(0, n, 0, m, false)
	return d.hunks()
}

// hunks turns the deletion and insertion marks into hunks.
func (d *differ) hunks() []hunk {
	var out []hunk
	i, j := 0, 0
	n, m := len(d.a), len(d.b)
	for i < n || j < m {
		if i < n && j < m && !d.delA[i] && !d.insB[j] {
			h := hunk{eq: true, o0: i, n0: j}
			for i < n && j < m && !d.delA[i] && !d.insB[j] {
				i++
				j++
			}
			h.o1, h.n1 = i, j
			out = append(out, h)
			continue
		}
		h := hunk{o0: i, n0: j}
		for i < n && d.delA[i] {
			i++
		}
		for j < m && d.insB[j] {
			j++
		}
		h.o1, h.n1 = i, j
		if h.o0 == h.o1 && h.n0 == h.n1 {
			// Cannot happen with consistent marks; guard against a loop.
			break
		}
		out = append(out, h)
	}
	return out
}

// compare marks the edits between a[xoff:xlim] and b[yoff:ylim].
func (d *differ) compare(xoff, xlim, yoff, ylim int, minimal bool) {
	for {
		for xoff < xlim && yoff < ylim && d.a[xoff] == d.b[yoff] {
			xoff++
			yoff++
		}
		for xoff < xlim && yoff < ylim && d.a[xlim-1] == d.b[ylim-1] {
			xlim--
			ylim--
		}
		switch {
		case xoff == xlim:
			for ; yoff < ylim; yoff++ {
				d.insB[yoff] = true
			}
			return
		case yoff == ylim:
			for ; xoff < xlim; xoff++ {
				d.delA[xoff] = true
			}
			return
		}
		xmid, ymid, loMin, hiMin := d.split(xoff, xlim, yoff, ylim, minimal)
		d.compare(xoff, xmid, yoff, ymid, loMin)
		xoff, yoff, minimal = xmid, ymid, hiMin
	}
}

// split finds the middle snake of a[xoff:xlim] and b[yoff:ylim] (both
// non-empty, with differing first and last elements) and returns the point
// to split at, and whether each half must be compared minimally.
func (d *differ) split(xoff, xlim, yoff, ylim int, minimal bool) (xmid, ymid int, loMin, hiMin bool) {
	fd, bd, o := d.fd, d.bd, d.off
	a, b := d.a, d.b
	dmin, dmax := xoff-ylim, xlim-yoff
	fmid, bmid := xoff-yoff, xlim-ylim
	fmin, fmax, bmin, bmax := fmid, fmid, bmid, bmid
	odd := (fmid-bmid)&1 != 0
	fd[o+fmid] = xoff
	bd[o+bmid] = xlim
	const maxInt = int(^uint(0) >> 1)
	for c := 1; ; c++ {
		if fmin > dmin {
			fmin--
			fd[o+fmin-1] = -1
		} else {
			fmin++
		}
		if fmax < dmax {
			fmax++
			fd[o+fmax+1] = -1
		} else {
			fmax--
		}
		for k := fmax; k >= fmin; k -= 2 {
			tlo, thi := fd[o+k-1], fd[o+k+1]
			x := thi
			if tlo >= thi {
				x = tlo + 1
			}
			y := x - k
			for x < xlim && y < ylim && a[x] == b[y] {
				x++
				y++
			}
			fd[o+k] = x
			if odd && bmin <= k && k <= bmax && bd[o+k] <= x {
				return x, y, true, true
			}
		}
		if bmin > dmin {
			bmin--
			bd[o+bmin-1] = maxInt
		} else {
			bmin++
		}
		if bmax < dmax {
			bmax++
			bd[o+bmax+1] = maxInt
		} else {
			bmax--
		}
		for k := bmax; k >= bmin; k -= 2 {
			tlo, thi := bd[o+k-1], bd[o+k+1]
			x := thi - 1
			if tlo < thi {
				x = tlo
			}
			y := x - k
			for xoff < x && yoff < y && a[x-1] == b[y-1] {
				x--
				y--
			}
			bd[o+k] = x
			if !odd && fmin <= k && k <= fmax && x <= fd[o+k] {
				return x, y, true, true
			}
		}
		if minimal || c < d.tooExpensive {
			continue
		}
		// Too expensive: split at whichever search got further.
		fxybest, fxbest := -1, 0
		for k := fmax; k >= fmin; k -= 2 {
			x := min(fd[o+k], xlim)
			y := x - k
			if ylim < y {
				x, y = ylim+k, ylim
			}
			if fxybest < x+y {
				fxybest, fxbest = x+y, x
			}
		}
		bxybest, bxbest := maxInt, 0
		for k := bmax; k >= bmin; k -= 2 {
			x := max(xoff, bd[o+k])
			y := x - k
			if y < yoff {
				x, y = yoff+k, yoff
			}
			if x+y < bxybest {
				bxybest, bxbest = x+y, x
			}
		}
		if (xlim+ylim)-bxybest < fxybest-(xoff+yoff) {
			return fxbest, fxybest - fxbest, true, false
		}
		return bxbest, bxybest - bxbest, false, true
	}
}
