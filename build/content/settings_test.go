package content

import (
	"testing"

	"example.com/handbook/build/diag"
)

func TestAcknowledgeLink(t *testing.T) {
	const yaml = "title: Charte\nlanguages: [fr, en]\nacknowledge_url: https://forms.example.com/r?e={edition}&l={lang}&c={chapter}&again={edition}\n"
	var d diag.List
	s := parseSettings([]byte(yaml), &d)
	if d.HasErrors() {
		t.Fatalf("diagnostics: %v", d)
	}
	tests := []struct {
		name, edition, lang, chapter, want string
	}{
		{"chapter page", "2025.1", "fr", "netiquette", "https://forms.example.com/r?e=2025.1&l=fr&c=netiquette&again=2025.1"},
		{"edition page", "2025.1", "en", "", "https://forms.example.com/r?e=2025.1&l=en&c=&again=2025.1"},
		{"escaped", "2025 1", "fr", "a&b", "https://forms.example.com/r?e=2025+1&l=fr&c=a%26b&again=2025+1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := s.AcknowledgeLink(tc.edition, tc.lang, tc.chapter); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	if got := (Settings{}).AcknowledgeLink("2025.1", "fr", "x"); got != "" {
		t.Errorf("unset acknowledge_url gives %q, want nothing", got)
	}
}
