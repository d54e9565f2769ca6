package search

import (
	"fmt"
	"strings"
	"testing"
)

// topSlugs runs query on an index and returns the slugs of the first n
// chapters.
func topSlugs(t testing.TB, ix *reader, query string, n int) []string {
	t.Helper()
	res, err := ix.search(query)
	if err != nil {
		t.Fatalf("%q: %v", query, err)
	}
	var out []string
	for _, r := range res[:min(n, len(res))] {
		rec, _, err := ix.text(r.doc, r.section)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, rec.Slug)
	}
	return out
}

// checkRanking builds the index of docs and checks that every case of
// lang finds its chapter in the top 3. It is the hook for ranking tests on
// any content: hand it the chapters the site indexes and a query table.
func checkRanking(t *testing.T, lang string, docs []Doc, cases []rankCase) {
	t.Helper()
	files := Build(lang, "test", docs).Files()
	known := map[string]bool{}
	for _, d := range docs {
		known[d.Slug] = true
	}
	n, rr := 0, 0.0
	for _, tc := range cases {
		if tc.Lang != lang {
			continue
		}
		if !known[tc.Slug] {
			t.Errorf("%q expects %s, which is not a chapter", tc.Query, tc.Slug)
			continue
		}
		ix, err := openRef(files)
		if err != nil {
			t.Fatal(err)
		}
		top := topSlugs(t, ix, tc.Query, 10)
		rank := 0
		for i, s := range top {
			if s == tc.Slug {
				rank = i + 1
				break
			}
		}
		n++
		if rank > 0 {
			rr += 1 / float64(rank)
		}
		if rank == 0 || rank > 3 {
			t.Errorf("%s %q: want %s in the top 3, got %s", lang, tc.Query, tc.Slug, strings.Join(top[:min(3, len(top))], ", "))
		}
	}
	if n > 0 {
		t.Logf("%s: %d queries, mean reciprocal rank %.3f", lang, n, rr/float64(n))
	}
}

func TestRankingFixture(t *testing.T) {
	cases := loadQueries(t)
	if len(cases) < 30 {
		t.Fatalf("%d queries; want at least 30", len(cases))
	}
	for _, lang := range []string{"fr", "en"} {
		t.Run(lang, func(t *testing.T) { checkRanking(t, lang, loadFixture(t, lang), cases) })
	}
}

// TestRankingProperties checks the ranking rules on small made-up
// chapters, one rule per case.
func TestRankingProperties(t *testing.T) {
	doc := func(slug, title, heading, text string) Doc {
		return Doc{Slug: slug, Title: title, URL: "fr/" + slug + "/", Sections: []Section{{Anchor: "s", Heading: heading, Text: text}}}
	}
	tests := []struct {
		name, query string
		docs        []Doc
		want        []string // expected order of the first results
	}{
		{"title beats body", "netiquette", []Doc{
			doc("body", "Conduite", "Règles", "La netiquette s'applique à tous, la netiquette avant tout."),
			doc("title", "Netiquette", "Règles", "Des règles de politesse."),
		}, []string{"title", "body"}},
		{"heading beats body", "exemples", []Doc{
			doc("body", "A", "Introduction", "Voici des exemples."),
			doc("heading", "B", "Exemples", "Voici le texte."),
		}, []string{"heading", "body"}},
		{"exact accents beat folded", "côte", []Doc{
			doc("cote", "A", "Intro", "Une cote de crédit."),
			doc("accent", "B", "Intro", "Une côte escarpée."),
		}, []string{"accent", "cote"}},
		{"whole word beats completion", "loi", []Doc{
			doc("loisir", "A", "Intro", "Le loisir des employés."),
			doc("loi", "B", "Intro", "La loi des employés."),
		}, []string{"loi", "loisir"}},
		{"same word beats same stem", "publication", []Doc{
			doc("public", "A", "Intro", "Le public lit."),
			doc("publication", "B", "Intro", "Une publication lue."),
		}, []string{"publication", "public"}},
		{"all words beat one", "compte pirate", []Doc{
			doc("one", "Compte", "Compte", "Un compte, un compte, un compte."),
			doc("both", "A", "Intro", "Un compte piraté."),
		}, []string{"both", "one"}},
		{"stop words ignored beside other words", "la loi", []Doc{
			doc("la", "A", "Intro", "La la la la la la."),
			doc("loi", "B", "Intro", "Une loi."),
		}, []string{"loi"}},
		{"stop words alone are searched", "la", []Doc{
			doc("none", "A", "Intro", "Une loi."),
			doc("la", "B", "Intro", "La règle."),
		}, []string{"la"}},
		{"prefix of the last word", "netiq", []Doc{
			doc("none", "A", "Intro", "Une loi."),
			doc("n", "B", "Intro", "La nétiquette."),
		}, []string{"n"}},
		{"no prefix once the word is finished", "net ", []Doc{
			doc("netiquette", "A", "Intro", "La nétiquette."),
			doc("net", "B", "Intro", "Le net."),
		}, []string{"net"}},
		{"one typo on five letters", "humor", []Doc{
			doc("none", "A", "Intro", "Une loi."),
			doc("humour", "B", "Intro", "De l'humour."),
		}, []string{"humour"}},
		{"no typo on four letters", "lios", []Doc{
			doc("lois", "A", "Intro", "Des lois."),
		}, nil},
		{"no typo on the first letter", "mumour", []Doc{
			doc("humour", "B", "Intro", "De l'humour."),
		}, nil},
		{"two typos on nine letters", "netiqutet", []Doc{
			doc("n", "B", "Intro", "La netiquette."),
		}, []string{"n"}},
		{"typo while typing", "netiqe", []Doc{
			doc("n", "B", "Intro", "La netiquette."),
		}, []string{"n"}},
		{"plural finds singular", "regles", []Doc{
			doc("r", "B", "Intro", "La règle."),
		}, []string{"r"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ix, err := openRef(Build("fr", "test", tc.docs).Files())
			if err != nil {
				t.Fatal(err)
			}
			got := topSlugs(t, ix, tc.query, len(tc.docs))
			if fmt.Sprint(got[:min(len(got), len(tc.want))]) != fmt.Sprint(tc.want) || len(tc.want) == 0 && len(got) > 0 {
				t.Errorf("%q: got %v, want %v first", tc.query, got, tc.want)
			}
		})
	}
}
