// Package bench measures the builder: it generates a deterministic synthetic
// handbook in the content format of DESIGN.md (and the same corpus as a
// Hugo site), then times cold builds, rebuilds, adding an edition, the
// "floor" (read, front matter, goldmark, write) and, when asked, Hugo on
// the same corpus. cmd/handbook-bench is its command line.
package bench

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"time"
)

// GenOptions says what synthetic handbook to generate. The same options
// give the same bytes.
type GenOptions struct {
	// Chapters per edition (every edition has all of them). Default 100.
	Chapters int
	// Editions, named 2020.1, 2021.1, ... Default 2.
	Editions int
	// Langs are the handbook's languages, the first the reference. French
	// text for "fr", English text for any other. Default fr, en.
	Langs []string
	// Seed seeds every random choice.
	Seed int64
	// ChangedFraction is the share of chapters whose text changes between
	// consecutive editions. 0 means the default, 0.05; a negative value
	// means none.
	ChangedFraction float64
}

// langRe is what Generate accepts as a language code.
var langRe = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})?$`)

// withDefaults fills the zero fields and checks the rest.
func (o GenOptions) withDefaults() (GenOptions, error) {
	if o.Chapters == 0 {
		o.Chapters = 100
	}
	if o.Editions == 0 {
		o.Editions = 2
	}
	if len(o.Langs) == 0 {
		o.Langs = []string{"fr", "en"}
	}
	switch {
	case o.ChangedFraction == 0:
		o.ChangedFraction = 0.05
	case o.ChangedFraction < 0:
		o.ChangedFraction = 0
	}
	if o.Chapters < 1 || o.Editions < 1 {
		return o, fmt.Errorf("generate: want at least one chapter and one edition (got %d chapters, %d editions)", o.Chapters, o.Editions)
	}
	if o.ChangedFraction > 1 {
		return o, fmt.Errorf("generate: changed fraction %v is more than 1", o.ChangedFraction)
	}
	seen := map[string]bool{}
	for _, l := range o.Langs {
		if !langRe.MatchString(l) || seen[l] {
			return o, fmt.Errorf("generate: bad or repeated language %q", l)
		}
		seen[l] = true
	}
	return o, nil
}

// variant is the index of a pair's text for lang: French for fr, English
// for anything else.
func variant(lang string) int {
	if lang == "fr" {
		return 0
	}
	return 1
}

// changedCount is how many chapters out of n change in a new edition:
// fraction of n, rounded, and at least one when the fraction is positive.
func changedCount(n int, fraction float64) int {
	c := int(math.Round(fraction * float64(n)))
	if c == 0 && fraction > 0 {
		c = 1
	}
	return min(c, n)
}

// editionID is the folder name of the i-th edition (0-based).
func editionID(i int) string { return strconv.Itoa(2020+i) + ".1" }

// editionDate is the date of the i-th edition: in March of its year.
func editionDate(i int) time.Time {
	return time.Date(2020+i, time.March, 1+(i*5)%20, 0, 0, 0, 0, time.UTC)
}

// Today is the day a generated handbook is meant to be built on
// (HANDBOOK_NOW): after its last edition and after the one AddEdition
// adds, and before every review_by date, so that the build reports no
// warning.
func Today(o GenOptions) time.Time {
	o, _ = o.withDefaults()
	return time.Date(2020+o.Editions, time.June, 1, 0, 0, 0, 0, time.UTC)
}

// numberWidth is how many digits chapter numbers are padded to, so that
// file names sort.
func numberWidth(chapters int) int { return max(4, len(strconv.Itoa(chapters))) }
