package i18n

import (
	"math"
	"testing"
)

func TestPlural(t *testing.T) {
	tests := []struct {
		name, lang, key string
		n               int
		want            string
	}{
		{"fr zero is singular", "fr", "words_added", 0, "0 mot ajouté"},
		{"fr one", "fr", "words_added", 1, "1 mot ajouté"},
		{"fr two", "fr", "words_added", 2, "2 mots ajoutés"},
		{"fr three", "fr", "words_added", 3, "3 mots ajoutés"},
		{"fr thousands", "fr", "words_added", 1500, "1\u00a0500 mots ajoutés"},
		{"fr removed", "fr", "words_removed", 1, "1 mot retiré"},
		{"fr results", "fr", "search_results_count", 12, "12 résultats"},
		{"en zero is plural", "en", "words_added", 0, "0 words added"},
		{"en one", "en", "words_added", 1, "1 word added"},
		{"en three", "en", "words_added", 3, "3 words added"},
		{"en thousands", "en", "words_removed", 1234, "1,234 words removed"},
		{"en results", "en", "search_results_count", 1, "1 result"},
		{"not counted falls back to T", "en", "search", 2, "Search"},
		{"missing key", "fr", "nope", 2, "nope"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := For(tc.lang).Plural(tc.key, tc.n); got != tc.want {
				t.Errorf("Plural(%q, %d) = %q, want %q", tc.key, tc.n, got, tc.want)
			}
		})
	}
}

func TestPluralForms(t *testing.T) {
	one, other := For("fr").PluralForms("search_results_count")
	if one != "%s résultat" || other != "%s résultats" {
		t.Errorf("fr forms = %q, %q", one, other)
	}
	one, other = For("en").PluralForms("search")
	if one != "" || other != "" {
		t.Errorf("forms of a plain key = %q, %q, want empty", one, other)
	}
}

func TestNumber(t *testing.T) {
	tests := []struct {
		n      int
		fr, en string
	}{
		{0, "0", "0"},
		{7, "7", "7"},
		{999, "999", "999"},
		{1000, "1\u00a0000", "1,000"},
		{12345, "12\u00a0345", "12,345"},
		{123456, "123\u00a0456", "123,456"},
		{1234567, "1\u00a0234\u00a0567", "1,234,567"},
		{-1234, "-1\u00a0234", "-1,234"},
		{-999, "-999", "-999"},
		{math.MinInt64, "-9\u00a0223\u00a0372\u00a0036\u00a0854\u00a0775\u00a0808", "-9,223,372,036,854,775,808"},
	}
	for _, tc := range tests {
		if got := For("fr").Number(tc.n); got != tc.fr {
			t.Errorf("fr Number(%d) = %q, want %q", tc.n, got, tc.fr)
		}
		if got := For("en").Number(tc.n); got != tc.en {
			t.Errorf("en Number(%d) = %q, want %q", tc.n, got, tc.en)
		}
	}
}
