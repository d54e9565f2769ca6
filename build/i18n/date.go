package i18n

import (
	"strconv"
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
