package slug

import (
	"regexp"
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"numbered heading", "3. Exemples concrets", "3-exemples-concrets"},
		{"apostrophe and accent", "L'agrément", "l-agrement"},
		{"typographic apostrophe", "L’agrément", "l-agrement"},
		{"accents", "Données personnelles", "donnees-personnelles"},
		{"uppercase accents", "ÉVITER À TOUT PRIX", "eviter-a-tout-prix"},
		{"ligature oe", "Œuvre et cœur", "oeuvre-et-coeur"},
		{"ligature ae", "Æsthétique", "aesthetique"},
		{"eszett", "Straße", "strasse"},
		{"o stroke", "Øresund", "oresund"},
		{"l stroke", "Łódź", "lodz"},
		{"typographic ligature fi", "ﬁdélité", "fidelite"},
		{"cedilla", "Façade", "facade"},
		{"french spacing", "Attention\u202f! « Citation »\u00a0:", "attention-citation"},
		{"runs of separators", "a -- b__c", "a-b-c"},
		{"leading and trailing separators", "  --Hello--  ", "hello"},
		{"digits kept", "Édition 2024.1", "edition-2024-1"},
		{"non latin script is a separator", "Привет world", "world"},
		{"only punctuation", "?!…", ""},
		{"empty", "", ""},
		{"already folded", "3-exemples-concrets", "3-exemples-concrets"},
		{"combining mark written apart", "e\u0301te\u0301", "ete"},
		{"full width", "ＡＢＣ", "abc"},
		{"emoji", "Médias 📱 sociaux", "medias-sociaux"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Fold(tc.in); got != tc.want {
				t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

var folded = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func FuzzFold(f *testing.F) {
	for _, s := range []string{"3. Exemples concrets", "L'agrément", "Œuf ß ø ł", "", "--", "\xff\xfe", "a\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if got != "" && !folded.MatchString(got) {
			t.Fatalf("Fold(%q) = %q: not a folded id", s, got)
		}
		if !utf8.ValidString(got) {
			t.Fatalf("Fold(%q) = %q: invalid UTF-8", s, got)
		}
		if again := Fold(got); again != got {
			t.Fatalf("Fold not idempotent: Fold(%q) = %q, Fold(%q) = %q", s, got, got, again)
		}
	})
}
