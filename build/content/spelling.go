package content

import "strings"

// closestKey returns the key of known, not in have, that key is most
// probably a misspelling of: at most two edits away (a transposition is one
// edit), case aside, and fewer edits than half its length, so that short
// keys match only themselves. "" when none is that close.
func closestKey(key string, known []string, have map[string]bool) string {
	best, bestDist := "", 3
	lower := strings.ToLower(key)
	for _, k := range known {
		if have[k] {
			continue
		}
		if d := editDistance(lower, k); d < bestDist && 2*d < len(k) {
			best, bestDist = k, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance between a and b,
// counted in runes: insertions, deletions, substitutions and transpositions
// of neighbours. Keys are short; its cost is len(a)*len(b).
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	if len(x) > 64 || len(y) > 64 {
		return max(len(x), len(y)) // no key is that long: not a misspelling
	}
	// d[i][j] is the distance between x[:i] and y[:j].
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}
