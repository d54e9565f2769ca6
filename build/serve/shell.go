package serve

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
)

// shellHash hashes what a page shows around the parts the reload script
// replaces in place (the <title>, the edition banner, the notice of a
// change since the reader's last visit, and <main>): the head, the
// header, the footer. A tab told that its page changed fetches
// the page again and compares the new page's hash with its own: equal, it
// swaps the three parts and keeps scroll and focus; different (a layout
// of the shell, the settings, a language link), it reloads.
//
// It reads the page the site's own layouts rendered, whose shell is
// base.html, so it looks for the markup base.html writes: the first
// <title>, the first <div class="banner before <main, and <main> up to
// the last </main>. A page without <main> is all shell.
func shellHash(page []byte) string {
	_, hash := cutParts(page)
	return hash
}

// parts are what the reload script replaces in place, as the page holds
// them: the <title> element's text (escaped), the banner and the notice
// of a change since the reader's last visit (each a <div>, absent from
// many pages), and the <main> element.
type parts struct {
	title, banner, since, main []byte
}

// cutParts finds the parts of a page and hashes the rest (see shellHash).
func cutParts(page []byte) (parts, string) {
	var ps parts
	h := sha256.New()
	rest := page
	// cut drops the first part from open to close (the last close with
	// last); sep marks where it was, but for the banner, which a page
	// may have or not.
	cut := func(open, close []byte, last, sep bool) []byte {
		i := bytes.Index(rest, open)
		if i < 0 {
			return nil
		}
		var j int
		if last {
			j = bytes.LastIndex(rest[i:], close)
		} else {
			j = bytes.Index(rest[i:], close)
		}
		if j < 0 {
			return nil
		}
		part := rest[i : i+j+len(close)]
		// The white space around a part comes and goes with it (the
		// layouts trim on one side only).
		h.Write(bytes.TrimRight(rest[:i], " \t\r\n"))
		if sep {
			h.Write([]byte{0})
		}
		rest = bytes.TrimLeft(rest[i+j+len(close):], " \t\r\n")
		return part
	}
	if t := cut([]byte("<title>"), []byte("</title>"), false, true); t != nil {
		ps.title = t[len("<title>") : len(t)-len("</title>")]
	}
	// The banner and the changed-since-your-visit notice sit between the
	// header and <main>, each a <div> around one paragraph; a page may have
	// them or not, and an edit may add or remove them.
	for i, open := range [][]byte{[]byte(`<div class="banner`), []byte(`<div class="since-visit"`)} {
		if m := bytes.Index(rest, []byte("<main")); m >= 0 && bytes.Contains(rest[:m], open) {
			part := cut(open, []byte("</div>"), false, false)
			if i == 0 {
				ps.banner = part
			} else {
				ps.since = part
			}
		}
	}
	ps.main = cut([]byte("<main"), []byte("</main>"), true, true)
	h.Write(rest)
	return ps, hex.EncodeToString(h.Sum(nil)[:8])
}
