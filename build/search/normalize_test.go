package search

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
)

// normalizeCase is one case of testdata/normalize.json, which the browser
// test runs through engine.js as well.
type normalizeCase struct {
	Name   string  `json:"name"`
	Lang   string  `json:"lang"`
	Input  string  `json:"input"`
	Tokens []Token `json:"tokens"`
}

func loadNormalizeCases(t testing.TB) []normalizeCase {
	t.Helper()
	b, err := os.ReadFile("testdata/normalize.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []normalizeCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatalf("testdata/normalize.json: %v", err)
	}
	return cases
}

func TestNormalize(t *testing.T) {
	for _, tc := range loadNormalizeCases(t) {
		t.Run(tc.Name, func(t *testing.T) {
			got := Normalize(tc.Lang, tc.Input)
			want := tc.Tokens
			if len(got) == 0 && len(want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Normalize(%q, %q)\n got %+v\nwant %+v", tc.Lang, tc.Input, got, want)
			}
		})
	}
}

// TestNormalizeCasesCoverBothLanguages keeps the shared table from
// shrinking unnoticed.
func TestNormalizeCasesCoverBothLanguages(t *testing.T) {
	n := map[string]int{}
	for _, tc := range loadNormalizeCases(t) {
		n[tc.Lang]++
	}
	if n["fr"] < 20 || n["en"] < 10 {
		t.Errorf("normalize.json has %d French and %d English cases; want at least 20 and 10", n["fr"], n["en"])
	}
}

func TestRulesJSInSync(t *testing.T) {
	const path = "../../static/js/search/rules.js"
	want := RulesJS()
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run UPDATE_GOLDEN=1 go test ./build/search to write it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the rules in rules.go; run UPDATE_GOLDEN=1 go test ./build/search", path)
	}
}

// TestStemKeepsHead checks what engine.js relies on to skip stemming most
// words of a shard: a stem keeps every letter of its word but the last
// three at most (the longest ending a rule puts back). Words are made of
// bases followed by up to three rule endings, so that every chain of
// rules the phases can apply is tried.
func TestStemKeepsHead(t *testing.T) {
	for lang, lr := range DefaultRules().Langs {
		var ends []string
		for _, phase := range lr.Stem {
			for _, r := range phase {
				ends = append(ends, r.S, r.R)
			}
		}
		words := []string{"a", "bc", "tre", "plann", "maison", "reseau", "communaute"}
		for range 3 {
			n := len(words)
			for _, w := range words[:n] {
				for _, e := range ends {
					words = append(words, w+e)
				}
			}
		}
		for _, w := range words {
			stem := stemWord(w, lr.Stem)
			if head := stem[:max(0, len(stem)-3)]; !strings.HasPrefix(w, head) {
				t.Errorf("%s: %q stems to %q, which does not keep %q", lang, w, stem, head)
			}
		}
	}
}

// TestPrefetchScript checks that the inline script gets the rules in
// place of its mark, once, and nothing of prefetch.js's comment.
func TestPrefetchScript(t *testing.T) {
	got := PrefetchScript()
	if strings.Contains(got, rulesMark) || strings.Count(got, string(PrefetchRules())) != 1 {
		t.Errorf("the rules are not in place of %s, once:\n%s", rulesMark, got)
	}
	if !strings.HasPrefix(got, "(() => {") {
		t.Errorf("the script does not start with its code:\n%.200s", got)
	}
	if strings.Contains(got, "</script") {
		t.Error("the script can close its element")
	}
}
