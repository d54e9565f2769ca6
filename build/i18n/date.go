package i18n

import (
	"html"
	"html/template"
	"strconv"
	"strings"
	"time"
)

// frMonths and enMonths name the months, January first.
var (
	frMonths = [12]string{"janvier", "février", "mars", "avril", "mai", "juin",
		"juillet", "août", "septembre", "octobre", "novembre", "décembre"}
	enMonths = [12]string{"January", "February", "March", "April", "May", "June",
		"July", "August", "September", "October", "November", "December"}
)

// Date writes the calendar date of t (in t's own location) the way a reader
// of the catalog's language expects, without the weekday:
// "6 juillet 2010" and "1er juillet 2010" in French, "July 6, 2010" in
// English (no ordinal suffix).
func (c *Catalog) Date(t time.Time) string {
	y, m, d := t.Date()
	if c.Lang == "fr" {
		day := strconv.Itoa(d)
		if d == 1 {
			day = "1er"
		}
		return day + " " + frMonths[m-1] + " " + strconv.Itoa(y)
	}
	return enMonths[m-1] + " " + strconv.Itoa(d) + ", " + strconv.Itoa(y)
}

// Raised returns s as HTML, escaped, with the French ordinal 1er (and 1re)
// set as a superscript, 1<sup>er</sup>, as Quebec usage prints it in dates
// ("1<sup>er</sup> avril 2027"). For pages; feeds and other plain text keep
// Date's "1er". Languages other than French are only escaped.
func (c *Catalog) Raised(s string) template.HTML {
	esc := html.EscapeString(s)
	if c.Lang != "fr" {
		return template.HTML(esc)
	}
	var b strings.Builder
	for i := 0; i < len(esc); {
		if esc[i] == '1' && ordinalAt(esc, i) {
			suffix := esc[i+1 : i+3]
			b.WriteString("1<sup>" + suffix + "</sup>")
			i += 3
			continue
		}
		b.WriteByte(esc[i])
		i++
	}
	return template.HTML(b.String())
}

// ordinalAt reports whether s holds "1er" or "1re" at i as a word of its
// own: at the start or after a space, and before a space, a no-break space
// or the end.
func ordinalAt(s string, i int) bool {
	if i > 0 && s[i-1] != ' ' && !strings.HasSuffix(s[:i], "\u00a0") {
		return false
	}
	rest := s[i+1:]
	if !strings.HasPrefix(rest, "er") && !strings.HasPrefix(rest, "re") {
		return false
	}
	after := rest[2:]
	return after == "" || after[0] == ' ' || strings.HasPrefix(after, "\u00a0") || after[0] == ',' || after[0] == '.' || after[0] == ')'
}
