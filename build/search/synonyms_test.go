package search

import (
	"testing"
)

// TestSynonyms checks that a member of a synonym group finds the chapters
// that hold another member, whatever its case, accents or plural, and
// only with the groups given.
func TestSynonyms(t *testing.T) {
	docs := []Doc{
		{Slug: "etat-d-esprit", Title: "State of mind", URL: "en/etat-d-esprit/", Sections: []Section{{Anchor: "a", Heading: "Why", Text: "Our state of mind online is that of the company."}}},
		{Slug: "reseaux", Title: "Accounts", URL: "en/reseaux/", Sections: []Section{{Anchor: "b", Text: "Employees on Social Media speak for themselves."}}},
		{Slug: "other", Title: "Other", URL: "en/other/", Sections: []Section{{Anchor: "c", Text: "A mind of its own; a state secret; social events."}}},
	}
	groups := [][]string{{"mindset", "state of mind"}, {"social networks", "social media", "réseaux sociaux"}, {"deepfake", "hypertrucage"}}
	tests := []struct {
		query string
		want  string // first result with the groups; none without
	}{
		{"mindset", "etat-d-esprit"},
		{"Mindsets", "etat-d-esprit"},
		{"social networks", "reseaux"},
		{"reseaux sociaux", "reseaux"},
	}
	with := NewBuilder()
	with.Synonyms = map[string][][]string{"en": groups}
	a, b := mustBuild(with, "en", "x", docs), Build("en", "x", docs)
	for _, tc := range tests {
		got, err := a.Search(tc.query, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || got[0].Slug != tc.want {
			t.Errorf("%q with synonyms: %+v, want %s first", tc.query, got, tc.want)
		}
		without, err := b.Search(tc.query, 3)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range without {
			if h.Slug == tc.want && tc.query != "social networks" {
				t.Errorf("%q without synonyms finds %s", tc.query, h.Slug)
			}
		}
	}
	// "other" holds the words of "state of mind", not the phrase.
	if got, _ := a.Search("mindset", 3); len(got) != 1 {
		t.Errorf("mindset: %+v, want only the chapter with the phrase", got)
	}
	// A Builder that knew the chapters without synonyms does not reuse
	// their analysis for an index with them.
	again := NewBuilder()
	mustBuild(again, "en", "x", docs)
	again.Synonyms = with.Synonyms
	if got, _ := mustBuild(again, "en", "y", docs).Search("mindset", 3); len(got) != 1 {
		t.Errorf("mindset after a build without synonyms: %+v", got)
	}
}
