package i18n

import (
	"strconv"
	"testing"
	"time"
)

func TestDateMonths(t *testing.T) {
	tests := []struct {
		month  time.Month
		fr, en string
	}{
		{time.January, "1er janvier 2010", "January 1, 2010"},
		{time.February, "1er février 2010", "February 1, 2010"},
		{time.March, "1er mars 2010", "March 1, 2010"},
		{time.April, "1er avril 2010", "April 1, 2010"},
		{time.May, "1er mai 2010", "May 1, 2010"},
		{time.June, "1er juin 2010", "June 1, 2010"},
		{time.July, "1er juillet 2010", "July 1, 2010"},
		{time.August, "1er août 2010", "August 1, 2010"},
		{time.September, "1er septembre 2010", "September 1, 2010"},
		{time.October, "1er octobre 2010", "October 1, 2010"},
		{time.November, "1er novembre 2010", "November 1, 2010"},
		{time.December, "1er décembre 2010", "December 1, 2010"},
	}
	for _, tc := range tests {
		t.Run(tc.month.String(), func(t *testing.T) {
			d := time.Date(2010, tc.month, 1, 0, 0, 0, 0, time.UTC)
			if got := For("fr").Date(d); got != tc.fr {
				t.Errorf("fr: got %q, want %q", got, tc.fr)
			}
			if got := For("en").Date(d); got != tc.en {
				t.Errorf("en: got %q, want %q", got, tc.en)
			}
		})
	}
}

func TestDateDays(t *testing.T) {
	tests := []struct {
		name   string
		date   time.Time
		fr, en string
	}{
		{"first", time.Date(2010, time.July, 1, 0, 0, 0, 0, time.UTC), "1er juillet 2010", "July 1, 2010"},
		{"second", time.Date(2010, time.July, 2, 0, 0, 0, 0, time.UTC), "2 juillet 2010", "July 2, 2010"},
		{"third, no ordinal", time.Date(2010, time.July, 3, 0, 0, 0, 0, time.UTC), "3 juillet 2010", "July 3, 2010"},
		{"sixth", time.Date(2010, time.July, 6, 0, 0, 0, 0, time.UTC), "6 juillet 2010", "July 6, 2010"},
		{"eleventh", time.Date(2010, time.July, 11, 0, 0, 0, 0, time.UTC), "11 juillet 2010", "July 11, 2010"},
		{"twenty-first, no ordinal", time.Date(2010, time.July, 21, 0, 0, 0, 0, time.UTC), "21 juillet 2010", "July 21, 2010"},
		{"thirty-first", time.Date(2010, time.July, 31, 0, 0, 0, 0, time.UTC), "31 juillet 2010", "July 31, 2010"},
		{"leap day", time.Date(2024, time.February, 29, 0, 0, 0, 0, time.UTC), "29 février 2024", "February 29, 2024"},
		{"own location, late evening", time.Date(2025, time.March, 1, 23, 30, 0, 0, time.FixedZone("EST", -5*3600)), "1er mars 2025", "March 1, 2025"},
		{"own location, after midnight", time.Date(2025, time.March, 2, 0, 30, 0, 0, time.FixedZone("CET", 3600)), "2 mars 2025", "March 2, 2025"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := For("fr").Date(tc.date); got != tc.fr {
				t.Errorf("fr: got %q, want %q", got, tc.fr)
			}
			if got := For("en").Date(tc.date); got != tc.en {
				t.Errorf("en: got %q, want %q", got, tc.en)
			}
		})
	}
	// Every day of a 31-day month: only the first takes "er" in French,
	// none takes an ordinal in English.
	for d := 2; d <= 31; d++ {
		date := time.Date(2010, time.July, d, 12, 0, 0, 0, time.UTC)
		if got, want := For("fr").Date(date), strconv.Itoa(d)+" juillet 2010"; got != want {
			t.Errorf("fr day %d: got %q, want %q", d, got, want)
		}
		if got, want := For("en").Date(date), "July "+strconv.Itoa(d)+", 2010"; got != want {
			t.Errorf("en day %d: got %q, want %q", d, got, want)
		}
	}
}

func TestRaised(t *testing.T) {
	tests := []struct {
		name, lang, in string
		want           string
	}{
		{"date", "fr", "En vigueur depuis le 1er avril 2027", "En vigueur depuis le 1<sup>er</sup> avril 2027"},
		{"start and feminine", "fr", "1re édition, 1er\u00a0mars", "1<sup>re</sup> édition, 1<sup>er</sup>\u00a0mars"},
		{"not a word of its own", "fr", "11er 21er x1er 1erx 1e", "11er 21er x1er 1erx 1e"},
		{"escaped first", "fr", "<b> & 1er", "&lt;b&gt; &amp; 1<sup>er</sup>"},
		{"English only escaped", "en", "April 1er <i>", "April 1er &lt;i&gt;"},
		{"Date's output", "fr", For("fr").Date(time.Date(2027, time.April, 1, 0, 0, 0, 0, time.UTC)), "1<sup>er</sup> avril 2027"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(For(tc.lang).Raised(tc.in)); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
