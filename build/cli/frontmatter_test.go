package cli

import (
	"strings"
	"testing"
)

func TestFrontMatterEdits(t *testing.T) {
	cases := []struct {
		name string
		in   string
		edit func(*fmFile) error
		want string
	}{
		{"replace a line", "---\ndate: 2025-01-01\ndraft: true\n---\nbody\n",
			func(f *fmFile) error { return f.set("draft", "false") },
			"---\ndate: 2025-01-01\ndraft: false\n---\nbody\n"},
		{"keep a line comment", "---\ndraft: true  # until spring\n---\n",
			func(f *fmFile) error { return f.set("draft", "false") },
			"---\ndraft: false  # until spring\n---\n"},
		{"insert at the end", "---\ndate: 2025-01-01\n# last comment\n---\nbody",
			func(f *fmFile) error { return f.set("announced", "2025-02-01") },
			"---\ndate: 2025-01-01\n# last comment\nannounced: 2025-02-01\n---\nbody"},
		{"insert into empty front matter", "---\n---\n",
			func(f *fmFile) error { return f.set("draft", "true") },
			"---\ndraft: true\n---\n"},
		{"remove a block value, keep the comment after it", "---\nchange: >\n  two\n  lines\n\n# about tags\ntags:\n- a\n- b\n---\n",
			func(f *fmFile) error { return f.remove("change") },
			"---\n\n# about tags\ntags:\n- a\n- b\n---\n"},
		{"remove a list at column 0", "---\ntags:\n- a\n- b\nowner: x\n---\n",
			func(f *fmFile) error { return f.remove("tags") },
			"---\nowner: x\n---\n"},
		{"remove the last key", "---\nowner: x\nchange: y\n---\nbody\n",
			func(f *fmFile) error { return f.remove("change") },
			"---\nowner: x\n---\nbody\n"},
		{"remove an absent key", "---\nowner: x\n---\n",
			func(f *fmFile) error { return f.remove("change") },
			"---\nowner: x\n---\n"},
		{"CRLF and BOM", "\uFEFF---\r\ndate: 2025-01-01\r\n---\r\nbody\r\n",
			func(f *fmFile) error { return firstErr(f.set("date", "2025-03-01"), f.set("draft", "false")) },
			"\uFEFF---\r\ndate: 2025-03-01\r\ndraft: false\r\n---\r\nbody\r\n"},
		{"body replaced", "---\ndate: x\n---\nold\nnotes\n",
			func(f *fmFile) error { f.setBody("New."); return nil },
			"---\ndate: x\n---\n\nNew.\n"},
		{"body replaced, CRLF", "---\r\ndate: x\r\n---",
			func(f *fmFile) error { f.setBody("New."); return nil },
			"---\r\ndate: x\r\n---\r\n\r\nNew.\r\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := editFM([]byte(tc.in), tc.edit)
			if err != nil || string(got) != tc.want {
				t.Errorf("got %q, %v\nwant %q", got, err, tc.want)
			}
		})
	}
	for _, bad := range []string{"no front matter\n", "---\nunclosed: 1\n", "---\n{a: 1}\n---\n", "---\n- a\n---\n", "---\na: [\n---\n"} {
		if _, err := editFM([]byte(bad), func(f *fmFile) error { return f.set("a", "b") }); err == nil {
			t.Errorf("%q: no error", strings.TrimSpace(bad))
		}
	}
}
