package cli

import (
	"errors"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// fmFile is a Markdown file with front matter, held as lines so that an
// edit changes only the lines it means to: every other byte, the byte
// order mark, comments and CRLF line endings included, stays as it was.
type fmFile struct {
	// lines is the file split on "\n"; in a CRLF file each line keeps its
	// "\r". The last element is what follows the final "\n" ("" usually).
	lines       []string
	crlf        bool
	open, close int // indices of the --- lines
}

// parseFM finds the front matter of data: the first non-blank line is
// "---", and the next "---" line closes it.
func parseFM(data []byte) (*fmFile, error) {
	f := &fmFile{lines: strings.Split(string(data), "\n"), open: -1, close: -1}
	f.crlf = strings.HasSuffix(f.lines[0], "\r")
	for i, l := range f.lines {
		t := strings.TrimSpace(strings.TrimPrefix(l, "\uFEFF"))
		switch {
		case f.open < 0 && t == "":
		case f.open < 0 && t == "---":
			f.open = i
		case f.open < 0:
			return nil, errors.New("no front matter (the file must start with a --- line)")
		case t == "---":
			f.close = i
			return f, nil
		}
	}
	return nil, errors.New("front matter is not closed (no --- line after it)")
}

// bytes returns the file's text.
func (f *fmFile) bytes() []byte { return []byte(strings.Join(f.lines, "\n")) }

// line ends s the way the file ends its lines.
func (f *fmFile) line(s string) string {
	if f.crlf {
		return s + "\r"
	}
	return s
}

// fmKey is a top-level key and the lines its value spans, [start, end).
type fmKey struct {
	name       string
	start, end int
	comment    string // the comment at the end of the key's line ("# draft")
}

// keys lists the top-level keys of the front matter with their lines. A
// key's value runs to the next key, less the blank and comment lines
// before it (they belong to the next key, or to the closing line).
func (f *fmFile) keys() ([]fmKey, error) {
	var b strings.Builder
	for _, l := range f.lines[f.open+1 : f.close] {
		b.WriteString(strings.TrimSuffix(l, "\r"))
		b.WriteByte('\n')
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(b.String()), &doc); err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	if doc.Kind == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode || root.Style&yaml.FlowStyle != 0 {
		return nil, errors.New("front matter is not a block of key: value lines; edit it by hand")
	}
	var out []fmKey
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		start := f.open + k.Line
		if n := len(out); n > 0 && out[n-1].start >= start || k.Column != 1 {
			return nil, errors.New("front matter keys are not one per line; edit it by hand")
		}
		if n := len(out); n > 0 {
			out[n-1].end = start
		}
		comment := v.LineComment
		if comment == "" {
			comment = k.LineComment
		}
		out = append(out, fmKey{name: k.Value, start: start, end: f.close, comment: comment})
	}
	for i := range out {
		for out[i].end-1 > out[i].start {
			t := strings.TrimSpace(f.lines[out[i].end-1])
			if t != "" && !strings.HasPrefix(t, "#") {
				break
			}
			out[i].end--
		}
	}
	return out, nil
}

// set gives key the value (already in YAML form): its lines are replaced
// by one "key: value" line, keeping a comment at the end of a one-line
// value, or the line is added at the end of the front matter.
func (f *fmFile) set(key, value string) error {
	keys, err := f.keys()
	if err != nil {
		return err
	}
	for _, k := range keys {
		if k.name == key {
			line := key + ": " + value
			if orig := strings.TrimSuffix(f.lines[k.start], "\r"); k.end-k.start == 1 && k.comment != "" && strings.HasSuffix(orig, k.comment) {
				i := len(orig) - len(k.comment)
				for i > 0 && (orig[i-1] == ' ' || orig[i-1] == '\t') {
					i--
				}
				line += orig[i:]
			}
			line = f.line(line)
			f.lines = append(f.lines[:k.start], append([]string{line}, f.lines[k.end:]...)...)
			f.close -= k.end - k.start - 1
			return nil
		}
	}
	f.lines = append(f.lines[:f.close], append([]string{f.line(key + ": " + value)}, f.lines[f.close:]...)...)
	f.close++
	return nil
}

// remove deletes key and its value's lines, if present.
func (f *fmFile) remove(key string) error {
	keys, err := f.keys()
	if err != nil {
		return err
	}
	for _, k := range keys {
		if k.name == key {
			f.lines = append(f.lines[:k.start], f.lines[k.end:]...)
			f.close -= k.end - k.start
			return nil
		}
	}
	return nil
}

// setBody replaces everything after the front matter with a blank line and
// text.
func (f *fmFile) setBody(text string) {
	if f.crlf && !strings.HasSuffix(f.lines[f.close], "\r") {
		f.lines[f.close] += "\r"
	}
	f.lines = append(f.lines[:f.close+1:f.close+1], f.line(""), f.line(text), "")
}
