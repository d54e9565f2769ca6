package diff

import (
	"bytes"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/net/html"
)

// FuzzRedline compares arbitrary byte strings as HTML: Redline must not
// panic, and every redline must give back both texts (checkRedline).
func FuzzRedline(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txt")
	for _, path := range files {
		g := readGoldenPath(f, path)
		f.Add([]byte(g.sections["old"]), []byte(g.sections["new"]))
	}
	f.Fuzz(func(t *testing.T, oldHTML, newHTML []byte) {
		if len(oldHTML)+len(newHTML) > 1<<16 {
			t.Skip("input too large for the fuzzer")
		}
		// Inputs that already look like a redline's markers cannot be told
		// apart from them.
		if bytes.Contains(bytes.ToLower(oldHTML), []byte("visually-hidden")) ||
			bytes.Contains(bytes.ToLower(newHTML), []byte("visually-hidden")) {
			t.Skip("input holds redline markers")
		}
		// Trees the HTML parser does not read back as they were written
		// (misnested markup) cannot be checked through a serialization.
		if !roundTrips(oldHTML) || !roundTrips(newHTML) {
			t.Skip("input does not survive render and parse")
		}
		r := Redline(oldHTML, newHTML, Options{Lang: "fr"})
		if r.Added < 0 || r.Removed < 0 {
			t.Fatalf("negative counts %s", resultLine(r))
		}
		checkRedline(t, oldHTML, newHTML, r, "fr")
		rev := Redline(newHTML, oldHTML, Options{Lang: "en"})
		if rev.Equal != r.Equal {
			t.Errorf("Equal differs with the arguments swapped: %v, %v", r.Equal, rev.Equal)
		}
	})
}

// roundTrips reports whether a fragment's text survives rendering and
// parsing again.
func roundTrips(b []byte) bool {
	nodes := parse(b)
	var buf bytes.Buffer
	for _, n := range nodes {
		if err := html.Render(&buf, n); err != nil {
			return false
		}
	}
	return slices.Equal(textSeq(nodes, ""), textSeq(parse(buf.Bytes()), ""))
}
