package diff

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A golden case is a text file in testdata: a free description, then
// sections "-- old --", "-- new --", optionally "-- lang --" (default fr),
// and the expected "-- redline --" and "-- result --" (counts and Equal).
// UPDATE_GOLDEN=1 rewrites the expected sections.

var sectionLine = regexp.MustCompile(`(?m)^-- ([a-z]+) --\n`)

type golden struct {
	intro    string
	sections map[string]string
	order    []string
}

func readGolden(t *testing.T, path string) golden { return readGoldenPath(t, path) }

func readGoldenPath(t testing.TB, path string) golden {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	g := golden{sections: map[string]string{}}
	locs := sectionLine.FindAllStringSubmatchIndex(s, -1)
	if len(locs) == 0 {
		t.Fatalf("%s: no sections", path)
	}
	g.intro = s[:locs[0][0]]
	for i, l := range locs {
		name := s[l[2]:l[3]]
		end := len(s)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		g.sections[name] = strings.TrimSuffix(s[l[1]:end], "\n")
		g.order = append(g.order, name)
	}
	return g
}

func (g golden) write(path string) error {
	var b strings.Builder
	b.WriteString(g.intro)
	for _, name := range g.order {
		fmt.Fprintf(&b, "-- %s --\n%s\n", name, g.sections[name])
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func (g *golden) set(name, val string) {
	if _, ok := g.sections[name]; !ok {
		g.order = append(g.order, name)
	}
	g.sections[name] = val
}

func resultLine(r Result) string {
	return fmt.Sprintf("added=%d removed=%d equal=%v", r.Added, r.Removed, r.Equal)
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	update := os.Getenv("UPDATE_GOLDEN") == "1"
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		t.Run(name, func(t *testing.T) {
			g := readGolden(t, path)
			lang := g.sections["lang"]
			if lang == "" {
				lang = "fr"
			}
			oldHTML, newHTML := []byte(g.sections["old"]), []byte(g.sections["new"])
			r := Redline(oldHTML, newHTML, Options{Lang: lang})
			got := strings.TrimSuffix(string(r.HTML), "\n")
			if update {
				g.set("redline", got)
				g.set("result", resultLine(r))
				if err := g.write(path); err != nil {
					t.Fatal(err)
				}
			} else {
				if want := g.sections["redline"]; got != want {
					t.Errorf("redline:\n got: %s\nwant: %s", got, want)
				}
				if got, want := resultLine(r), g.sections["result"]; got != want {
					t.Errorf("result: got %s, want %s", got, want)
				}
			}
			checkRedline(t, oldHTML, newHTML, r, lang)
		})
	}
}

// checkRedline checks the properties every redline must have: both texts
// can be read back from it, markers carry their label and sit where HTML
// allows them, ids are unique, and Equal agrees with the markers.
func checkRedline(t testing.TB, oldHTML, newHTML []byte, r Result, lang string) {
	t.Helper()
	out := parse(r.HTML)
	wantNew := textSeq(parse(newHTML), "")
	wantOld := textSeq(parse(oldHTML), "")
	if got := textSeq(out, "del"); !slices.Equal(got, wantNew) {
		t.Errorf("redline without deletions is not the new text:\n got %q\nwant %q\nredline: %s", got, wantNew, r.HTML)
	}
	if got := textSeq(out, "ins"); !slices.Equal(got, wantOld) {
		t.Errorf("redline without insertions is not the old text:\n got %q\nwant %q\nredline: %s", got, wantOld, r.HTML)
	}
	lab := labels(lang)
	markers := 0
	ids := map[string]bool{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			// When Equal, the HTML is the new document as it came.
			if id, ok := attrOK(n, "id"); ok && !r.Equal {
				if ids[id] {
					t.Errorf("id %q repeated in %s", id, r.HTML)
				}
				ids[id] = true
			}
			if isRedlineMarker(n) {
				markers++
				want := lab[opDel]
				if n.DataAtom == atom.Ins {
					want = lab[opIns]
				}
				if got := n.FirstChild.FirstChild; got == nil || got.Data != want {
					t.Errorf("marker label: want %q in %s", want, r.HTML)
				}
				if p := n.Parent; p != nil && p.Namespace == "" {
					switch p.DataAtom {
					case atom.Ul, atom.Ol, atom.Menu, atom.Dl, atom.Table, atom.Thead,
						atom.Tbody, atom.Tfoot, atom.Tr, atom.Colgroup, atom.Select:
						t.Errorf("<%s> directly inside <%s> in %s", n.Data, p.Data, r.HTML)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range out {
		walk(n)
	}
	if r.Equal != (markers == 0) {
		t.Errorf("Equal=%v with %d markers in %s", r.Equal, markers, r.HTML)
	}
	if r.Equal {
		if r.Added != 0 || r.Removed != 0 {
			t.Errorf("Equal with added=%d removed=%d", r.Added, r.Removed)
		}
		var want bytes.Buffer
		for _, n := range parse(newHTML) {
			_ = html.Render(&want, n)
		}
		if !bytes.Equal(r.HTML, want.Bytes()) {
			t.Errorf("Equal but HTML is not the new document:\n got %s\nwant %s", r.HTML, want.Bytes())
		}
	}
	if !r.Equal && len(wantOld) == len(wantNew) && slices.Equal(wantOld, wantNew) && r.Added+r.Removed > 0 {
		// Same words in the same order: only structure moved. Allowed, but
		// the counts must then balance.
		if r.Added != r.Removed {
			t.Errorf("same text, unbalanced counts: added=%d removed=%d", r.Added, r.Removed)
		}
	}
}

// textSeq returns the normalized tokens (words, punctuation, atoms) of a
// fragment in order, leaving out the hidden labels of markers and the
// content of the markers named by skip ("ins", "del" or "" for none).
func textSeq(nodes []*html.Node, skip string) []string {
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			splitText(n.Data, func(kind tokKind, raw string) {
				if kind == tokSpace {
					return
				}
				if t := normText(raw); t != "" {
					out = append(out, t)
				}
			})
			return
		case html.ElementNode:
			if isRedlineMarker(n) {
				if n.Data == skip {
					return
				}
				for c := n.FirstChild.NextSibling; c != nil; c = c.NextSibling {
					walk(c)
				}
				return
			}
			if !isBlock(n) && ignorableElement(n) {
				return
			}
			if !isBlock(n) && footnoteLink(n) != "" {
				// Compared by role, not number, as Redline does.
				out = append(out, footnoteLink(n))
				return
			}
			if !isBlock(n) && isAtom(n) {
				out = append(out, atomKey(n))
				return
			}
		case html.CommentNode:
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return out
}

func TestLabels(t *testing.T) {
	tests := []struct {
		lang, del, ins string
	}{
		{"fr", "suppression ", "insertion "},
		{"fr-CA", "suppression ", "insertion "},
		{"en", "deleted ", "inserted "},
		{"", "deleted ", "inserted "},
		{"de", "deleted ", "inserted "},
	}
	for _, tc := range tests {
		t.Run(tc.lang, func(t *testing.T) {
			r := Redline([]byte("<p>un deux</p>"), []byte("<p>un trois</p>"), Options{Lang: tc.lang})
			want := `<p>un <del><span class="visually-hidden">` + tc.del + `</span>deux</del><ins><span class="visually-hidden">` + tc.ins + `</span>trois</ins></p>`
			if strings.TrimSpace(string(r.HTML)) != want {
				t.Errorf("got  %s\nwant %s", r.HTML, want)
			}
		})
	}
}

func TestCounts(t *testing.T) {
	tests := []struct {
		name           string
		old, new       string
		added, removed int
		equal          bool
	}{
		{"identical", "<p>Un texte.</p>", "<p>Un texte.</p>", 0, 0, true},
		{"empty both", "", "", 0, 0, true},
		{"from empty", "", "<p>Deux mots.</p>", 2, 0, false},
		{"to empty", "<p>Deux mots.</p>", "", 0, 2, false},
		{"one word replaced", "<p>a b c</p>", "<p>a x c</p>", 1, 1, false},
		{"punctuation only", "<p>Fin.</p>", "<p>Fin !</p>", 0, 0, false},
		{"case is a change", "<p>Québec</p>", "<p>québec</p>", 1, 1, false},
		{"accent is a change", "<p>élu</p>", "<p>elu</p>", 1, 1, false},
		{"decomposed accent is not", "<p>\u00e9lu</p>", "<p>e\u0301lu</p>", 0, 0, true},
		{"soft hyphen is not", "<p>politique</p>", "<p>poli\u00adtique</p>", 0, 0, true},
		{"empty paragraph is not", "<p>a</p>", "<p>a</p><p></p>", 0, 0, true},
		{"comment is not", "<p>a b</p>", "<p>a <!-- note --> b</p>", 0, 0, true},
		{"image is", `<p><img src="a.png" alt="A"></p>`, `<p><img src="b.png" alt="A"></p>`, 0, 0, false},
		{"formatting is", "<p>un mot</p>", "<p>un <strong>mot</strong></p>", 1, 1, false},
		{"line break is", "<p>a b</p>", "<p>a<br>b</p>", 0, 0, false},
		{"too deep for the parser", strings.Repeat("<em>a ", 600), strings.Repeat("<em>a ", 599) + "<em>b", 1, 1, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Redline([]byte(tc.old), []byte(tc.new), Options{Lang: "en"})
			if r.Added != tc.added || r.Removed != tc.removed || r.Equal != tc.equal {
				t.Errorf("got %s, want added=%d removed=%d equal=%v\n%s", resultLine(r), tc.added, tc.removed, tc.equal, r.HTML)
			}
			checkRedline(t, []byte(tc.old), []byte(tc.new), r, "en")
		})
	}
}
