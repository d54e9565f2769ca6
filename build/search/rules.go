package search

import (
	"encoding/json"
	"strings"
)

// Rules is the normalisation table shared by the Go indexer and the
// browser: static/js/search/rules.js is generated from it (see RulesJS) and
// a test fails when the two differ. The algorithm that applies it is
// written twice, in normalize.go and engine.js, and both run the same cases
// from testdata/normalize.json.
type Rules struct {
	// Apostrophes are the characters that mark an elision ("l’état").
	Apostrophes string `json:"apostrophes"`
	// NotWord lists letters that must still split words (U+02BC is a
	// letter in Unicode but an apostrophe in French text).
	NotWord string `json:"notWord"`
	// Lower maps what lower-casing may leave differently in Go and in
	// JavaScript (final sigma) to one form.
	Lower map[string]string `json:"lower"`
	// Fold maps the letters that compatibility decomposition leaves whole to
	// their ASCII spelling; accents themselves go by dropping every
	// non-spacing mark after NFKD.
	Fold map[string]string `json:"fold"`
	// Langs holds the language rules; a language absent here only folds.
	Langs map[string]LangRules `json:"langs"`
	// Rank holds the constants of query matching and ranking, so that the
	// browser and the Go reference query rank alike.
	Rank RankRules `json:"rank"`
}

// RankRules are the constants of matching and ranking a query.
type RankRules struct {
	// Quality of a dictionary word matching a query word, by kind of match.
	Exact       float64 `json:"exact"`
	Fold        float64 `json:"fold"`
	Stem        float64 `json:"stem"`
	Prefix      float64 `json:"prefix"`
	Typo1       float64 `json:"typo1"`
	Typo2       float64 `json:"typo2"`
	FuzzyPrefix float64 `json:"fuzzyPrefix"`
	// MinPrefix is the length (in letters) a last word needs to be
	// completed; Typo1Len and Typo2Len the lengths from which one and two
	// typos are forgiven.
	MinPrefix int `json:"minPrefix"`
	Typo1Len  int `json:"typo1Len"`
	Typo2Len  int `json:"typo2Len"`
	// Rest weighs the sections of a chapter other than the best one.
	Rest float64 `json:"rest"`
	// TopRatio: a result links the top of the chapter rather than its
	// best section when the chapter fields (title, summary, tags) score
	// more than TopRatio times that section.
	TopRatio float64 `json:"topRatio"`
}

// LangRules are the rules of one language.
type LangRules struct {
	// Elisions are folded words dropped when an apostrophe and a word
	// follow them: "l", "qu", "jusqu".
	Elisions []string `json:"elisions,omitempty"`
	// Clitics are folded words dropped when they follow a word and an
	// apostrophe: the English possessive "s".
	Clitics []string `json:"clitics,omitempty"`
	// Stop words (folded): ignored for scoring unless a query has nothing
	// else, kept in a shard of their own.
	Stop []string `json:"stop"`
	// Stem is a list of phases applied in order to a folded word of ASCII
	// letters; in each phase the first rule that applies rewrites the word
	// and ends the phase.
	Stem [][]StemRule `json:"stem"`
}

// StemRule replaces suffix S by R when at least M letters stay before S.
// Flags F: "v" the remaining stem must hold a vowel (a e i o u y); "u" a
// doubled final consonant other than l, s, z is then undoubled when the
// stem has four letters or more ("planned" -> "plan"). A rule whose R
// equals S keeps the word as it is and ends the phase ("ss" in "process").
type StemRule struct {
	S string `json:"s"`
	R string `json:"r"`
	M int    `json:"m"`
	F string `json:"f,omitempty"`
}

// DefaultRules returns the rules of the handbook's languages. It builds a
// new value on each call: the table is constant, callers may not share
// mutations.
func DefaultRules() *Rules {
	r := func(s, repl string, m int, f ...string) StemRule {
		return StemRule{S: s, R: repl, M: m, F: strings.Join(f, "")}
	}
	keep := func(s string) StemRule { return StemRule{S: s, R: s} }
	return &Rules{
		Apostrophes: "'\u2019\u02bc\u2018",
		NotWord:     "\u02bc",
		Lower:       map[string]string{"ς": "σ"},
		Rank: RankRules{
			Exact: 1, Fold: 0.9, Stem: 0.75, Prefix: 0.5, Typo1: 0.4, Typo2: 0.25, FuzzyPrefix: 0.3,
			MinPrefix: 2, Typo1Len: 5, Typo2Len: 9,
			Rest: 0.2, TopRatio: 2,
		},
		Fold: map[string]string{
			"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l",
			"ı": "i", "ħ": "h", "þ": "th", "ð": "d", "ŀ": "l",
		},
		Langs: map[string]LangRules{
			"fr": {
				Elisions: strings.Fields("l d qu j n s c m t jusqu lorsqu puisqu quoiqu presqu"),
				Stop: strings.Fields(`a ai as au aux avec c ca ce ceci cela ces cet cette d dans de des
					du elle elles en est et etait ete etre eu il ils j je l la le les leur leurs lui m
					ma mais me mes moi mon n ne nos notre nous on ont ou par pas pour qu que qui s sa sans
					se ses si son sont sur t ta te tes toi ton tu un une vos votre vous y`),
				Stem: [][]StemRule{
					// plural
					{r("eaux", "eau", 1), r("aux", "al", 2), keep("ss"), r("s", "", 3), r("x", "", 3)},
					// the commonest derivational and feminine endings
					{r("ement", "", 4), r("ation", "", 4), r("ateur", "", 4), r("atrice", "", 4),
						r("euse", "eu", 3), r("ive", "if", 3), r("elle", "el", 3), r("enne", "en", 3),
						r("ere", "er", 3)},
					// feminine -ée, infinitive -er, final -e (which also
					// folds -é, -ité, -ique with their plurals)
					{r("ee", "", 3), r("er", "", 4), r("e", "", 3)},
				},
			},
			"en": {
				Clitics: []string{"s"},
				Stop: strings.Fields(`a an and are as at be been but by can did do does for from had has have
					he her him his i if in into is it its me my no not of on or our s she so t than that the
					their them then there these they this those to us was we were what when where which who
					will with would you your`),
				Stem: [][]StemRule{
					{r("sses", "ss", 1), r("ies", "y", 2), keep("ss"), keep("us"), keep("is"), r("s", "", 3)},
					{keep("eed"), r("ied", "y", 2), r("ing", "", 3, "v", "u"), r("ed", "", 3, "v", "u"), r("ly", "", 4)},
					{keep("ee"), r("e", "", 3)},
				},
			},
		},
	}
}

// RulesJS returns the ES module static/js/search/rules.js: the rules as a
// default export.
func RulesJS() []byte {
	b, err := json.Marshal(DefaultRules())
	if err != nil {
		panic(err) // plain strings and maps always marshal
	}
	var out strings.Builder
	out.WriteString("// Generated from build/search/rules.go by `UPDATE_GOLDEN=1 go test ./build/search`: do not edit.\n")
	out.WriteString("// The normalisation table shared by the Go indexer and engine.js.\n")
	out.WriteString("export default ")
	out.Write(b)
	out.WriteString(";\n")
	return []byte(out.String())
}

// PrefetchRules returns the part of the rules the search page's inline
// script (PrefetchScript) needs to pick a query's shards as engine.js does
// before the modules have loaded: the folds, and per language the stop
// words and the stemming phases, as JSON.
func PrefetchRules() []byte {
	r := DefaultRules()
	type lang struct {
		Stop []string     `json:"stop"`
		Stem [][]StemRule `json:"stem"`
	}
	out := struct {
		Fold  map[string]string `json:"fold"`
		Langs map[string]lang   `json:"langs"`
	}{Fold: r.Fold, Langs: map[string]lang{}}
	for k, l := range r.Langs {
		out.Langs[k] = lang{Stop: l.Stop, Stem: l.Stem}
	}
	b, err := json.Marshal(out)
	if err != nil {
		panic(err) // plain strings and maps always marshal
	}
	return b
}
