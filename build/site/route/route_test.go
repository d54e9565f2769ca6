package route

import "testing"

func TestRel(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"fr/netiquette/", "fr/divulgation/", "../divulgation/"},
		{"fr/netiquette/", "fr/netiquette/", "./"},
		{"fr/2024.1/netiquette/", "fr/netiquette/", "../../netiquette/"},
		{"fr/netiquette/", "fr/netiquette/#exemples", "./#exemples"},
		{"fr/", "fr/netiquette/", "netiquette/"},
		{"fr/", "assets/x/site.css", "../assets/x/site.css"},
		{"404.html", "fr/", "fr/"},
		{"", "fr/", "fr/"},
		{"fr/2025.1/netiquette/changes/", "images/2025.1/a.svg", "../../../../images/2025.1/a.svg"},
		{"fr/feed.xml", "fr/", "./"},
		{"fr/tags/ton/", "en/tags/tone/", "../../../en/tags/tone/"},
	}
	for _, tc := range tests {
		if got := Rel(tc.from, tc.to); got != tc.want {
			t.Errorf("rel(%q, %q) = %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
}
