package content

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"example.com/handbook/build/diag"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"
)

// Front matter: YAML between --- lines, and nothing else. The parsing is
// done by github.com/adrg/frontmatter with a single format registered; the
// checks before it close the library's traps (TOML and JSON formats, a
// missing or unclosed block silently taken as body), and the checks after it
// (known keys, types, dates) work on a yaml.Node so every fault carries the
// line of the file it is on.

// yamlFormat is the only front matter format accepted.
func yamlFormat() *frontmatter.Format {
	return frontmatter.NewFormat("---", "---", yamlUnmarshal)
}

// yamlUnmarshal decodes one YAML document strictly. Empty front matter (no
// document) leaves v as it is. A panic in the YAML library becomes an error,
// so a strange file cannot stop the preview server.
func yamlUnmarshal(data []byte, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

var bom = []byte("\uFEFF")

// prepare checks that data is UTF-8, strips a byte order mark and turns
// CRLF and lone CR line endings into LF (line numbers do not move: editors
// and the YAML parser count a lone CR as a line break too). It reports a
// file that is not UTF-8 on the line of its first bad byte and returns false.
func prepare(path string, data []byte, d *diag.List) ([]byte, bool) {
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		line := bytes.Count(normaliseEOL(data[:off]), []byte("\n")) + 1
		d.Errorf(path, line, "not UTF-8 (byte 0x%02x): save the file as UTF-8", data[off])
		return nil, false
	}
	return normaliseEOL(bytes.TrimPrefix(data, bom)), true
}

// normaliseEOL turns CRLF and lone CR into LF.
func normaliseEOL(data []byte) []byte {
	if bytes.IndexByte(data, '\r') < 0 {
		return data
	}
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
}

// block is a file split into front matter and body.
type block struct {
	// root is the front matter's top-level mapping; nil when the front
	// matter holds no key.
	root *yaml.Node
	// open is the 1-based line of the opening ---; YAML line n is file
	// line open+n.
	open     int
	body     []byte
	bodyLine int
}

// split separates the front matter of a prepared file from its body and
// decodes it into a yaml.Node. noun names what the file is, for the empty
// file message ("a chapter"). On failure it reports the fault and returns
// false.
func split(path string, data []byte, noun string, d *diag.List) (block, bool) {
	// Find the opening and closing lines the way adrg/frontmatter does:
	// blank lines before the block are skipped, lines compare trimmed.
	openIdx, closeIdx, first := -1, -1, ""
	line, rest := 0, data
	for len(rest) > 0 {
		var l []byte
		l, rest, _ = bytes.Cut(rest, []byte("\n"))
		t := string(bytes.TrimSpace(l))
		switch {
		case openIdx < 0 && t == "":
		case openIdx < 0:
			openIdx, first = line, t
		case t == "---":
			closeIdx = line
		}
		if closeIdx >= 0 || openIdx >= 0 && first != "---" {
			break
		}
		line++
	}
	switch {
	case openIdx < 0:
		d.Errorf(path, 1, "empty file: %s needs front matter between --- lines", noun)
		return block{}, false
	case first == "+++" || first == ";;;" || strings.HasPrefix(first, "{") || first == "---toml" || first == "---json" || first == "---yaml":
		d.Errorf(path, openIdx+1, "front matter must be YAML between --- lines")
		return block{}, false
	case first != "---":
		d.Errorf(path, openIdx+1, "missing front matter: start the file with YAML between --- lines")
		return block{}, false
	case closeIdx < 0:
		d.Errorf(path, openIdx+1, "front matter is not closed (no --- line after it)")
		return block{}, false
	}
	b := block{open: openIdx + 1, bodyLine: closeIdx + 2}
	var doc yaml.Node
	body, err := frontmatter.MustParse(bytes.NewReader(data), &doc, yamlFormat())
	if err != nil {
		if errors.Is(err, frontmatter.ErrNotFound) {
			d.Errorf(path, b.open, "missing front matter: start the file with YAML between --- lines")
			return block{}, false
		}
		line, msg := yamlErrorLine(err)
		if line > 0 {
			line = min(max(b.open+line, b.open+1), closeIdx+1)
		} else {
			line = b.open
		}
		d.Errorf(path, line, "malformed YAML: %s", msg)
		return block{}, false
	}
	b.body = body
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	switch {
	case root.Kind == 0 || root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null":
	case root.Kind != yaml.MappingNode:
		d.Errorf(path, b.open+max(root.Line, 1), "front matter must be keys with values (key: value), got %s", describe(root))
		return block{}, false
	default:
		b.root = root
	}
	return b, true
}

// yamlErrorLine takes the 1-based line number out of a yaml.v3 error
// ("yaml: line 3: mapping values are not allowed in this context"); 0 when
// it has none. yaml.v3 numbers the lines of its parser errors from 0, but
// those of its scanner errors from 1; the parser's messages are known, so
// the number is corrected for them. It leaves the number out when the fault
// is on the first line (0-based line 0, for both), so a scanner or parser
// message without one is on line 1; the few messages that never carry a
// line (unknown anchors) get 0.
func yamlErrorLine(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		num, text, ok := strings.Cut(rest, ": ")
		if n, err := strconv.Atoi(num); ok && err == nil {
			line, msg = n, text
		}
	}
	if line == 0 {
		if strings.Contains(msg, "anchor") || strings.Contains(msg, "alias") {
			return 0, msg
		}
		return 1, msg
	}
	switch msg {
	case "did not find expected ',' or ']'", "did not find expected ',' or '}'",
		"did not find expected '-' indicator", "did not find expected <document start>",
		"did not find expected <stream-start>", "did not find expected key",
		"did not find expected node content", "found duplicate %TAG directive",
		"found duplicate %YAML directive", "found incompatible YAML document",
		"found undefined tag handle":
		line++
	}
	return line, msg
}

// normaliseBody removes blank lines at the start of a body (moving its
// first line) and white space at its end, so that bodies that read the same
// compare equal.
func normaliseBody(body []byte, line int) ([]byte, int) {
	for {
		l, rest, found := bytes.Cut(body, []byte("\n"))
		if !found || len(bytes.TrimSpace(l)) > 0 {
			break
		}
		body, line = rest, line+1
	}
	body = bytes.TrimRight(body, " \t\r\n")
	if len(body) == 0 {
		return nil, line
	}
	out := make([]byte, len(body)+1)
	copy(out, body)
	out[len(body)] = '\n'
	return out, line
}

// field is one key of a front matter mapping, with the file line of its key.
type field struct {
	key  string
	val  *yaml.Node
	line int
}

// checker checks the keys of one file's front matter, reporting faults at
// file lines.
type checker struct {
	path string
	off  int // file line = off + YAML line
	d    *diag.List
}

func (c checker) line(n *yaml.Node) int { return c.off + n.Line }

// fields returns the known keys of root in order, and the unknown ones,
// reporting keys that are repeated or not plain names. checkKeys reports the
// unknown keys, once it knows which required keys are missing.
func (c checker) fields(root *yaml.Node, known []string) (fs, unknown []field) {
	if root == nil {
		return nil, nil
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		line := c.line(k)
		if k.Kind != yaml.ScalarNode {
			c.d.Errorf(c.path, line, "want key: value, got %s as a key", describe(k))
			continue
		}
		if first, dup := seen[k.Value]; dup {
			c.d.Errorf(c.path, line, "duplicate key %q (first on line %d)", k.Value, first)
			continue
		}
		seen[k.Value] = line
		f := field{key: k.Value, val: resolve(v), line: line}
		if slices.Contains(known, k.Value) {
			fs = append(fs, f)
		} else {
			unknown = append(unknown, f)
		}
	}
	return fs, unknown
}

// checkKeys reports each unknown key, and each key of required missing
// from fs on line at. known lists the keys in the order messages give them.
// An unknown key spelled almost like a known key that is absent ("ownr",
// "Title") names it; when that key is required, the misspelling is the one
// fault, reported on its line and not again as a missing key.
func (c checker) checkKeys(fs, unknown []field, known []string, at int, required ...string) {
	have := map[string]bool{}
	for _, f := range fs {
		have[f.key] = true
	}
	for _, u := range unknown {
		if k := closestKey(u.key, known, have); k != "" {
			have[k] = true
			c.d.Errorf(c.path, u.line, "unknown key %q (did you mean %q?)", u.key, k)
			continue
		}
		c.d.Errorf(c.path, u.line, "unknown key %q (known: %s)", u.key, strings.Join(known, ", "))
	}
	for _, w := range required {
		if !have[w] {
			c.d.Errorf(c.path, at, "missing required key %q", w)
		}
	}
}

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

// describe names a node's value for "got ..." in messages.
func describe(n *yaml.Node) string {
	n = resolve(n)
	switch n.Kind {
	case yaml.ScalarNode:
		if isNull(n) {
			return "nothing"
		}
		v := n.Value
		if utf8.RuneCountInString(v) > 40 {
			v = string([]rune(v)[:40]) + "..."
		}
		return strconv.Quote(v)
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a map"
	}
	return "something else"
}

// str returns a string value; optional strings may be empty (null).
func (c checker) str(f field, required bool) (string, bool) {
	v := f.val
	switch {
	case isNull(v) && !required:
		return "", true
	case v.Kind != yaml.ScalarNode || isNull(v):
		c.d.Errorf(c.path, f.line, "%s: want a string, got %s", f.key, describe(v))
		return "", false
	case required && strings.TrimSpace(v.Value) == "":
		c.d.Errorf(c.path, f.line, "%s: must not be empty", f.key)
		return "", false
	}
	return v.Value, true
}

// boolean returns a true or false value (quoted "true" is a string).
func (c checker) boolean(f field) (bool, bool) {
	v := f.val
	if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!bool" || !strings.EqualFold(v.Value, "true") && !strings.EqualFold(v.Value, "false") {
		c.d.Errorf(c.path, f.line, "%s: want true or false, got %s", f.key, describe(v))
		return false, false
	}
	return strings.EqualFold(v.Value, "true"), true
}

// date returns a YYYY-MM-DD date that exists, as a UTC midnight.
func (c checker) date(f field) (time.Time, bool) {
	v := f.val
	if v.Kind != yaml.ScalarNode || isNull(v) || !looksLikeDate(v.Value) {
		c.d.Errorf(c.path, f.line, "%s: want a date YYYY-MM-DD, got %s", f.key, describe(v))
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, v.Value)
	if err != nil {
		c.d.Errorf(c.path, f.line, "%s: impossible date %q", f.key, v.Value)
		return time.Time{}, false
	}
	return t, true
}

// looksLikeDate reports whether s is shaped like YYYY-MM-DD.
func looksLikeDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i != 4 && i != 7 && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return true
}

// ParseDate parses a YYYY-MM-DD date that exists, as a UTC midnight.
func ParseDate(s string) (time.Time, error) {
	if !looksLikeDate(s) {
		return time.Time{}, fmt.Errorf("want a date YYYY-MM-DD, got %q", s)
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("impossible date %q", s)
	}
	return t, nil
}

// list returns a list of non-empty strings.
func (c checker) list(f field) ([]string, bool) {
	v := f.val
	if isNull(v) {
		return nil, true
	}
	if v.Kind != yaml.SequenceNode {
		c.d.Errorf(c.path, f.line, "%s: want a list of strings, e.g. [a, b], got %s", f.key, describe(v))
		return nil, false
	}
	out, ok := make([]string, 0, len(v.Content)), true
	for _, item := range v.Content {
		item = resolve(item)
		switch {
		case item.Kind != yaml.ScalarNode || isNull(item):
			c.d.Errorf(c.path, c.line(item), "%s: want a string in the list, got %s", f.key, describe(item))
			ok = false
		case strings.TrimSpace(item.Value) == "":
			c.d.Errorf(c.path, c.line(item), "%s: empty item in the list", f.key)
			ok = false
		default:
			out = append(out, item.Value)
		}
	}
	return out, ok
}
