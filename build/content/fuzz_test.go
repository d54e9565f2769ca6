package content

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzParseChapter throws arbitrary bytes at the chapter parser: it must
// not panic, every diagnostic names the file and a line of it (or none),
// and a file without errors has a title and an owner.
func FuzzParseChapter(f *testing.F) {
	const file = "content/2025.1/01-intro.fr.md"
	f.Fuzz(func(t *testing.T, data []byte) {
		ct, d := ParseChapter(fstest.MapFS{file: {Data: data}}, file)
		if ct == nil {
			t.Fatal("nil ChapterText for a readable file")
		}
		breaks := 1 + bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) +
			bytes.Count(data, []byte("\u0085")) + bytes.Count(data, []byte("\u2028")) + bytes.Count(data, []byte("\u2029"))
		for _, x := range d {
			if x.Path != file || x.Line < 0 || x.Line > breaks || x.Message == "" {
				t.Fatalf("bad diagnostic %q (file has %d lines)", x.String(), breaks)
			}
			if strings.Contains(x.Message, "\n") {
				t.Fatalf("multi-line message %q", x.Message)
			}
		}
		if !d.HasErrors() {
			if ct.Meta.Title == "" || ct.Meta.Owner == "" || ct.BodyLine < 2 {
				t.Fatalf("no error but title %q owner %q body line %d", ct.Meta.Title, ct.Meta.Owner, ct.BodyLine)
			}
		}
	})
}
