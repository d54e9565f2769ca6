package content

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"example.com/handbook/build/diag"
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

// checkFuzzDiags fails unless every diagnostic names file and a line of
// data (or none), in one line of text.
func checkFuzzDiags(t *testing.T, file string, data []byte, d diag.List) {
	t.Helper()
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
}

// FuzzParseEdition throws arbitrary bytes at the parser of an edition's
// notes: no panic, located one-line diagnostics, and a date whenever there
// is no error.
func FuzzParseEdition(f *testing.F) {
	const file = "content/2025.1/_edition.fr.md"
	f.Fuzz(func(t *testing.T, data []byte) {
		et, d := ParseEdition(fstest.MapFS{file: {Data: data}}, file)
		if et == nil {
			t.Fatal("nil EditionText for a readable file")
		}
		checkFuzzDiags(t, file, data, d)
		if !d.HasErrors() && et.Date.IsZero() {
			t.Fatal("no error but no date")
		}
	})
}

// FuzzLoadSettings throws arbitrary bytes at the handbook.yaml parser: no
// panic, located one-line diagnostics, and without errors at least one
// valid language, each with a title.
func FuzzLoadSettings(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		s, d := LoadSettings(fstest.MapFS{SettingsFile: {Data: data}})
		if s == nil {
			t.Fatal("nil Settings for a readable file")
		}
		checkFuzzDiags(t, SettingsFile, data, d)
		if !d.HasErrors() {
			if len(s.Languages) == 0 {
				t.Fatal("no error but no language")
			}
			for _, l := range s.Languages {
				if !validLanguage(l) || s.Title[l] == "" {
					t.Fatalf("no error but language %q, title %q", l, s.Title[l])
				}
			}
		}
	})
}
