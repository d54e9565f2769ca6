package diff

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// ints turns each byte of s into an element.
func ints(s string) []int {
	out := make([]int, len(s))
	for i := range len(s) {
		out[i] = int(s[i])
	}
	return out
}

// checkScript checks that hunks cover a and b in order, that equal hunks
// match, and returns the number of elements deleted plus inserted.
func checkScript(t *testing.T, a, b []int, hunks []hunk) int {
	t.Helper()
	i, j, cost := 0, 0, 0
	for k, h := range hunks {
		if h.o0 != i || h.n0 != j || h.o1 < h.o0 || h.n1 < h.n0 {
			t.Fatalf("hunk %d %+v does not continue at (%d,%d)", k, h, i, j)
		}
		if k > 0 && h.eq == hunks[k-1].eq {
			t.Fatalf("hunks %d and %d are both eq=%v", k-1, k, h.eq)
		}
		if h.eq {
			if h.o1-h.o0 != h.n1-h.n0 || h.o1 == h.o0 {
				t.Fatalf("bad equal hunk %+v", h)
			}
			for x := range h.o1 - h.o0 {
				if a[h.o0+x] != b[h.n0+x] {
					t.Fatalf("equal hunk %+v pairs different elements", h)
				}
			}
		} else {
			if h.o1 == h.o0 && h.n1 == h.n0 {
				t.Fatalf("empty change hunk %d", k)
			}
			cost += h.o1 - h.o0 + h.n1 - h.n0
		}
		i, j = h.o1, h.n1
	}
	if i != len(a) || j != len(b) {
		t.Fatalf("script ends at (%d,%d), want (%d,%d)", i, j, len(a), len(b))
	}
	return cost
}

// lcsLen is the textbook quadratic LCS, for checking minimality on small
// inputs only.
func lcsLen(a, b []int) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			default:
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func TestDiffInts(t *testing.T) {
	tests := []struct {
		name, a, b string
		cost       int
	}{
		{"both empty", "", "", 0},
		{"insert all", "", "abc", 3},
		{"delete all", "abc", "", 3},
		{"equal", "abc", "abc", 0},
		{"middle change", "abcdef", "abXdef", 2},
		{"prefix and suffix", "xabcx", "yabcy", 4},
		{"moved", "abcd", "bcda", 2},
		{"myers paper", "abcabba", "cbabac", 5},
		{"unrelated", "aaaa", "bbbb", 8},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, b := ints(tc.a), ints(tc.b)
			if got := checkScript(t, a, b, diffInts(a, b)); got != tc.cost {
				t.Errorf("cost %d, want %d", got, tc.cost)
			}
		})
	}
}

// TestDiffIntsMinimal compares random small inputs with the quadratic LCS:
// below the cost bound, the script is a shortest one.
func TestDiffIntsMinimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		a := randInts(rng, rng.IntN(40), 1+rng.IntN(5))
		b := randInts(rng, rng.IntN(40), 1+rng.IntN(5))
		cost := checkScript(t, a, b, diffInts(a, b))
		if want := len(a) + len(b) - 2*lcsLen(a, b); cost != want {
			t.Fatalf("a=%v b=%v: cost %d, want %d", a, b, cost, want)
		}
	}
}

// TestDiffIntsExpensive runs inputs far past the cost bound: the script
// must stay valid, and not far from minimal.
func TestDiffIntsExpensive(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1000, 3000} {
		a := randInts(rng, n, 4)
		b := randInts(rng, n, 4)
		cost := checkScript(t, a, b, diffInts(a, b))
		if n <= 1000 {
			minCost := 2*n - 2*lcsLen(a, b)
			if cost > minCost*3/2 {
				t.Errorf("n=%d: cost %d, minimal %d", n, cost, minCost)
			}
		}
	}
	// A long edit far from the start: sequences sharing only a tail.
	a := ints(strings.Repeat("ab", 2000) + "tail")
	b := ints(strings.Repeat("cd", 2000) + "tail")
	checkScript(t, a, b, diffInts(a, b))
}

func randInts(rng *rand.Rand, n, alphabet int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = rng.IntN(alphabet)
	}
	return out
}
