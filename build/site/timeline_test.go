package site_test

// The timeline of editions (issue 19) on built pages: an accessible
// inline SVG on the editions page and on each history page, with the
// current and upcoming editions marked, bars of words on history pages,
// and no script.

import (
	"strings"
	"testing"
)

func TestTimelineOnPages(t *testing.T) {
	out, _ := buildAt(t, "testdata/basic", day(t, "2025-06-01"), false, false)
	tests := []struct {
		page  string
		want  []string
		bars  bool
		marks int
	}{
		{"fr/editions/index.html", []string{`<title id="timeline-title">Chronologie des éditions</title>`, `tl-edition tl-current`, `tl-edition tl-upcoming`, `Édition 2024.1, 4 mars 2024 (en vigueur).`, `Édition 2025.2, 1er septembre 2025 (à venir).`}, false, 3},
		{"en/editions/index.html", []string{`<title id="timeline-title">Timeline of editions</title>`, `Edition 2024.1, March 4, 2024 (in force).`}, false, 3},
		{"fr/intro/history/index.html", []string{`role="img"`, `Édition 2023.1, 9 janvier 2023 — Nouveau chapitre.`, `mots ajoutés`}, true, 3},
	}
	for _, tc := range tests {
		t.Run(tc.page, func(t *testing.T) {
			html := pageText(t, out, tc.page)
			i, j := strings.Index(html, "<svg"), strings.Index(html, "</svg>")
			if i < 0 || j < i {
				t.Fatal("no inline SVG")
			}
			svg := html[i : j+len("</svg>")]
			if !strings.Contains(svg, `role="img" aria-labelledby="timeline-title timeline-desc"`) || !strings.Contains(svg, `<desc id="timeline-desc">`) {
				t.Errorf("not an accessible image:\n%s", svg)
			}
			for _, w := range tc.want {
				if !strings.Contains(svg, w) {
					t.Errorf("lacks %q:\n%s", w, svg)
				}
			}
			if n := strings.Count(svg, `<circle class="tl-mark"`); n != tc.marks {
				t.Errorf("%d editions drawn, want %d", n, tc.marks)
			}
			if got := strings.Contains(svg, `class="tl-added"`); got != tc.bars {
				t.Errorf("bars drawn: %v, want %v", got, tc.bars)
			}
			if strings.Contains(svg, "<script") {
				t.Error("script in the timeline")
			}
		})
	}
}
