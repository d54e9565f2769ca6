package timeline

import (
	"encoding/xml"
	"errors"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"example.com/handbook/build/internal/golden"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

var frWords = Words{
	Title: "Chronologie des éditions", Current: "en vigueur", Upcoming: "à venir", Draft: "brouillon",
	Added:   func(n int) string { return strconv.Itoa(n) + " mots ajoutés" },
	Removed: func(n int) string { return strconv.Itoa(n) + " mots retirés" },
	Edition: func(id string) string { return "Édition " + id },
}

func sample() []Edition {
	return []Edition{
		{ID: "2024.1", Date: day("2024-03-04"), Label: "4 mars 2024", Status: Past, Note: "nouveau"},
		{ID: "2025.1", Date: day("2025-04-07"), Label: "7 avril 2025", Status: Current, Added: 120, Removed: 30},
		{ID: "2026.1", Date: day("2026-12-01"), Label: "1er décembre 2026", Status: Upcoming, Added: 5, Removed: 0},
	}
}

// svgDoc is what the tests read back from the picture.
type svgDoc struct {
	XMLName xml.Name `xml:"svg"`
	Role    string   `xml:"role,attr"`
	Labels  string   `xml:"aria-labelledby,attr"`
	Title   struct {
		ID   string `xml:"id,attr"`
		Text string `xml:",chardata"`
	} `xml:"title"`
	Desc struct {
		ID   string `xml:"id,attr"`
		Text string `xml:",chardata"`
	} `xml:"desc"`
	Groups []struct {
		Class  string `xml:"class,attr"`
		Circle struct {
			CX string `xml:"cx,attr"`
			R  string `xml:"r,attr"`
		} `xml:"circle"`
		Texts []string `xml:"text"`
		Rects []struct {
			Class  string `xml:"class,attr"`
			Height string `xml:"height,attr"`
		} `xml:"rect"`
	} `xml:"g"`
}

func parse(t *testing.T, s string) svgDoc {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = true
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, s)
		}
	}
	var doc svgDoc
	if err := xml.Unmarshal([]byte(s), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		bars bool
	}{{"editions", false}, {"history", true}} {
		t.Run(tc.name, func(t *testing.T) {
			got := []byte(SVG(sample(), Options{Bars: tc.bars, Words: frWords}))
			path := filepath.Join("testdata", tc.name+".svg")
			golden.Check(t, path, got)
		})
	}
}

func TestAccessibleAndMarked(t *testing.T) {
	doc := parse(t, string(SVG(sample(), Options{ID: "h-", Bars: true, Words: frWords})))
	if doc.Role != "img" || doc.Labels != "h-timeline-title h-timeline-desc" || doc.Title.ID != "h-timeline-title" || doc.Desc.ID != "h-timeline-desc" {
		t.Errorf("role %q, labelledby %q, title id %q, desc id %q", doc.Role, doc.Labels, doc.Title.ID, doc.Desc.ID)
	}
	if doc.Title.Text != "Chronologie des éditions" {
		t.Errorf("title %q", doc.Title.Text)
	}
	const wantDesc = "Édition 2024.1, 4 mars 2024 — nouveau. Édition 2025.1, 7 avril 2025 (en vigueur) — 120 mots ajoutés, 30 mots retirés. Édition 2026.1, 1er décembre 2026 (à venir) — 5 mots ajoutés, 0 mots retirés."
	if doc.Desc.Text != wantDesc {
		t.Errorf("desc\n got %q\nwant %q", doc.Desc.Text, wantDesc)
	}
	if len(doc.Groups) != 3 {
		t.Fatalf("%d editions drawn", len(doc.Groups))
	}
	wantClass := []string{"tl-edition tl-past", "tl-edition tl-current", "tl-edition tl-upcoming"}
	for i, g := range doc.Groups {
		if g.Class != wantClass[i] {
			t.Errorf("edition %d: class %q, want %q", i, g.Class, wantClass[i])
		}
	}
	if doc.Groups[1].Circle.R <= doc.Groups[0].Circle.R {
		t.Error("the current edition's mark is not larger")
	}
	if !strings.Contains(strings.Join(doc.Groups[2].Texts, "|"), "à venir") || !strings.Contains(strings.Join(doc.Groups[1].Texts, "|"), "en vigueur") {
		t.Errorf("labels: %q", doc.Groups)
	}
	// Bars: none for the first edition, added and removed for the second,
	// the longest bar for the largest count.
	if n := len(doc.Groups[0].Rects); n != 0 {
		t.Errorf("first edition: %d bars", n)
	}
	if r := doc.Groups[1].Rects; len(r) != 2 || r[0].Class != "tl-added" || r[1].Class != "tl-removed" || r[0].Height != strconv.Itoa(barMax/2) {
		t.Errorf("second edition's bars: %+v", r)
	}
	if r := doc.Groups[2].Rects; len(r) != 1 || r[0].Class != "tl-added" {
		t.Errorf("third edition's bars: %+v", r)
	}
	// Without Bars, no rect at all.
	plain := parse(t, string(SVG(sample(), Options{Words: frWords})))
	for _, g := range plain.Groups {
		if len(g.Rects) > 0 {
			t.Error("bars drawn without Options.Bars")
		}
	}
}

func TestPositions(t *testing.T) {
	tests := []struct {
		name  string
		dates []string
	}{
		{"one", []string{"2025-01-01"}},
		{"same day", []string{"2025-01-01", "2025-01-01", "2025-01-01"}},
		{"close and far", []string{"2020-01-01", "2020-01-02", "2020-01-03", "2030-01-01"}},
		{"many", []string{"2015-01-01", "2016-01-01", "2017-01-01", "2018-01-01", "2019-01-01", "2020-01-01", "2021-01-01", "2022-01-01", "2023-01-01", "2024-01-01", "2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01", "2025-05-01", "2025-06-01", "2025-07-01", "2025-08-01"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var eds []Edition
			for _, d := range tc.dates {
				eds = append(eds, Edition{ID: d, Date: day(d), Label: d})
			}
			xs := positions(eds)
			for i, x := range xs {
				if x < margin-0.01 || x > width-margin+0.01 {
					t.Errorf("edition %d at %v, outside %d..%d", i, x, margin, width-margin)
				}
				if i > 0 && x <= xs[i-1] {
					t.Errorf("edition %d at %v, not right of %v", i, x, xs[i-1])
				}
			}
			parse(t, string(SVG(eds, Options{Bars: true, Words: frWords})))
		})
	}
	if SVG(nil, Options{}) != "" {
		t.Error("no edition should draw nothing")
	}
}

func TestEscaping(t *testing.T) {
	eds := []Edition{{ID: `<x>&"`, Date: day("2025-01-01"), Label: "a<b", Status: Current}}
	doc := parse(t, string(SVG(eds, Options{ID: `"id`, Words: Words{Title: "T&<", Current: "c>"}})))
	if doc.Title.Text != "T&<" || !strings.Contains(doc.Desc.Text, `<x>&"`) {
		t.Errorf("title %q desc %q", doc.Title.Text, doc.Desc.Text)
	}
}
