package cli

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// docCommand is one "## handbook NAME" section of docs/cli.md.
type docCommand struct {
	synopsis string            // the first line of its code block
	flags    map[string]string // flag name ("-out") -> its default column
}

// readCLIDoc parses docs/cli.md: per command, the synopsis and the rows
// of its flag table ("| `-out DIR` | `public` | ... |").
func readCLIDoc(t *testing.T) (map[string]*docCommand, []string) {
	t.Helper()
	data, err := os.ReadFile("../../docs/cli.md")
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]*docCommand{}
	var order []string
	var cur *docCommand
	inCode := false
	row := regexp.MustCompile("^\\| `(-[a-z-]+)( [^`]*)?` \\| ([^|]*) \\|")
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "## "):
			cur = nil
			if name, ok := strings.CutPrefix(line, "## handbook "); ok {
				cur = &docCommand{flags: map[string]string{}}
				docs[name] = cur
				order = append(order, name)
			}
		case cur == nil:
		case strings.HasPrefix(line, "```"):
			inCode = !inCode
		case inCode && cur.synopsis == "":
			cur.synopsis = line
		case row.MatchString(line):
			m := row.FindStringSubmatch(line)
			if _, dup := cur.flags[m[1]]; dup {
				t.Errorf("docs/cli.md: %s listed twice", m[1])
			}
			cur.flags[m[1]] = m[3]
		}
	}
	return docs, order
}

// helpOf runs "handbook NAME -h" and returns its synopsis and flags with
// their defaults ("" when -h shows none).
func helpOf(t *testing.T, name string) (synopsis string, flags map[string]string) {
	t.Helper()
	r := run(t, t.TempDir(), "", Commands{}, append(strings.Fields(name), "-h")...)
	if r.code != 0 {
		t.Fatalf("%s -h: exit %d\n%s", name, r.code, r.stderr)
	}
	lines := strings.Split(r.stderr, "\n")
	synopsis = strings.TrimSpace(strings.TrimPrefix(lines[0], "usage: "))
	flags = map[string]string{}
	flagLine := regexp.MustCompile(`^  (-[a-z-]+)`)
	def := regexp.MustCompile(`\(default "([^"]*)"\)$`)
	last := ""
	for _, l := range lines[1:] {
		if m := flagLine.FindStringSubmatch(l); m != nil {
			last = m[1]
			flags[last] = ""
		}
		if m := def.FindStringSubmatch(l); m != nil && last != "" {
			flags[last] = m[1]
		}
	}
	return synopsis, flags
}

// TestCLIDoc keeps docs/cli.md in step with the code: the same commands,
// each with the synopsis its -h prints and a row for every flag it has,
// and no other, whose default column shows the default -h shows.
func TestCLIDoc(t *testing.T) {
	docs, order := readCLIDoc(t)
	// The commands are those of "handbook help".
	var cmds []string
	for _, l := range strings.Split(run(t, t.TempDir(), "", Commands{}, "help").stdout, "\n") {
		rest, ok := strings.CutPrefix(l, "  handbook ")
		if !ok {
			continue
		}
		var words []string
		for _, w := range strings.Fields(rest) {
			if !regexp.MustCompile(`^[a-z]+$`).MatchString(w) {
				break
			}
			words = append(words, w)
		}
		cmds = append(cmds, strings.Join(words, " "))
	}
	if len(cmds) < 8 {
		t.Fatalf("found only %q in handbook help", cmds)
	}
	if !slices.Equal(order, cmds) {
		t.Errorf("docs/cli.md documents %q; handbook help lists %q (same commands, same order)", order, cmds)
	}
	for _, name := range cmds {
		doc := docs[name]
		if doc == nil {
			continue
		}
		synopsis, flags := helpOf(t, name)
		if synopsis != doc.synopsis {
			t.Errorf("handbook %s: docs/cli.md shows\n\t%s\n-h shows\n\t%s", name, doc.synopsis, synopsis)
		}
		for f, def := range flags {
			col, ok := doc.flags[f]
			switch {
			case !ok:
				t.Errorf("handbook %s has %s, docs/cli.md does not list it", name, f)
			case def != "" && !strings.Contains(col, "`"+def+"`"):
				t.Errorf("handbook %s %s: default %q, docs/cli.md says %q", name, f, def, strings.TrimSpace(col))
			}
		}
		for f := range doc.flags {
			if _, ok := flags[f]; !ok {
				t.Errorf("docs/cli.md lists %s for handbook %s, which has no such flag", f, name)
			}
		}
	}
}
