package markdown

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The golden files testdata/*.txt hold spec-style cases, as goldmark's
// extension tests do: a header "N: description", an optional line
// "OPTIONS: {json}", the Markdown, the expected HTML and, when there is
// any, the expected diagnostics, refs and (on request) headings, sections
// and text:
//
//	1: description
//	//- - - - - - - - -//
//	Markdown
//	//- - - - - - - - -//
//	HTML
//	//- - - - - - - - -//
//	diagnostics, refs, ...
//	//= = = = = = = = = = = = = = = = = = = = = = = =//
//
// In both Markdown and output, {nbsp} stands for U+00A0 and {nnbsp} for
// U+202F, which are invisible in an editor; {nul} in Markdown is a NUL.
// UPDATE_GOLDEN=1 go test ./build/markdown rewrites the expected parts.

const (
	partSeparator = "//- - - - - - - - -//"
	caseSeparator = "//= = = = = = = = = = = = = = = = = = = = = = = =//"
)

// caseOptions are the OPTIONS of a case; zero values take the defaults.
type caseOptions struct {
	Lang           string   `json:"lang"`   // default "fr"
	Unsafe         bool     `json:"unsafe"` // UnsafeHTML
	Path           string   `json:"path"`
	BodyLine       int      `json:"bodyLine"`
	IDPrefix       string   `json:"idPrefix"`
	HeadingShift   int      `json:"headingShift"`
	FootnotePrefix string   `json:"footnotePrefix"`
	Show           []string `json:"show"` // "headings", "sections", "text"
}

type goldenCase struct {
	header   string // "N: description"
	options  string // the OPTIONS line, "" when absent
	markdown string
	html     string
	extra    string // diagnostics, refs...
}

func parseGolden(t testing.TB, name string, data []byte) []goldenCase {
	t.Helper()
	var cases []goldenCase
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	next := func() (string, bool) {
		if !sc.Scan() {
			return "", false
		}
		line++
		return sc.Text(), true
	}
	readPart := func() (string, string) {
		var lines []string
		for {
			l, ok := next()
			if !ok || l == partSeparator || l == caseSeparator {
				return strings.Join(lines, "\n"), l
			}
			lines = append(lines, l)
		}
	}
	for {
		header, ok := next()
		if !ok {
			return cases
		}
		if strings.TrimSpace(header) == "" {
			continue
		}
		c := goldenCase{header: header}
		l, _ := next()
		if strings.HasPrefix(l, "OPTIONS:") {
			c.options = l
			l, _ = next()
		}
		if l != partSeparator {
			t.Fatalf("%s:%d: want %q after the case header, got %q", name, line, partSeparator, l)
		}
		var end string
		c.markdown, end = readPart()
		if end != partSeparator {
			t.Fatalf("%s:%d: case %q: want %q after the Markdown", name, line, header, partSeparator)
		}
		c.html, end = readPart()
		if end == partSeparator {
			c.extra, end = readPart()
		}
		if end != caseSeparator {
			t.Fatalf("%s:%d: case %q: want %q at its end", name, line, header, caseSeparator)
		}
		cases = append(cases, c)
	}
}

func (c goldenCase) opts(t *testing.T) caseOptions {
	t.Helper()
	var o caseOptions
	if c.options != "" {
		if err := json.Unmarshal([]byte(strings.TrimPrefix(c.options, "OPTIONS:")), &o); err != nil {
			t.Fatalf("case %q: bad OPTIONS: %v", c.header, err)
		}
	}
	if o.Lang == "" {
		o.Lang = "fr"
	}
	if o.Path == "" {
		o.Path = "content/2024.1/04-netiquette." + o.Lang + ".md"
	}
	if o.BodyLine == 0 {
		o.BodyLine = 1
	}
	return o
}

var visibleSpaces = strings.NewReplacer("\u00a0", "{nbsp}", "\u202f", "{nnbsp}")
var invisibleSpaces = strings.NewReplacer("{nbsp}", "\u00a0", "{nnbsp}", "\u202f", "{nul}", "\x00")

// testResolve fills slots with a visible form of their Ref.
func testResolve(r Ref) string {
	switch r.Kind {
	case ChapterLink:
		u := "@chapter:" + r.Slug + "." + r.Lang
		if r.Fragment != "" {
			u += "#" + r.Fragment
		}
		return u
	case ImageRef:
		return "@image:" + r.File
	case AnchorLink:
		return "@anchor:#" + r.Fragment
	}
	return "@unknown"
}

// renderCase renders the Markdown of c and returns its HTML and extra part.
func renderCase(t *testing.T, c goldenCase) (string, string) {
	o := c.opts(t)
	r := New(Options{Lang: o.Lang, UnsafeHTML: o.Unsafe})
	src := invisibleSpaces.Replace(c.markdown) + "\n"
	doc := r.Render([]byte(src), RenderOptions{Path: o.Path, BodyLine: o.BodyLine, IDPrefix: o.IDPrefix, FootnotePrefix: o.FootnotePrefix, HeadingShift: o.HeadingShift})
	var extra []string
	for _, d := range doc.Diagnostics.Sort() {
		extra = append(extra, d.String())
	}
	for _, ref := range doc.Refs {
		extra = append(extra, fmt.Sprintf("ref %s line=%d target=%q file=%q slug=%q lang=%q fragment=%q",
			ref.Kind, ref.Line, ref.Target, ref.File, ref.Slug, ref.Lang, ref.Fragment))
	}
	for _, show := range o.Show {
		switch show {
		case "headings":
			for _, h := range doc.Headings {
				extra = append(extra, fmt.Sprintf("heading h%d line=%d id=%q text=[%s]", h.Level, h.Line, h.ID, h.Text))
			}
		case "sections":
			for _, s := range doc.Sections {
				extra = append(extra, fmt.Sprintf("section id=%q heading=[%s] text=[%s]", s.ID, s.Heading, s.Text))
			}
		case "text":
			extra = append(extra, "text ["+doc.PlainText()+"]")
		default:
			t.Fatalf("case %q: unknown show %q", c.header, show)
		}
	}
	html := strings.TrimRight(string(doc.HTML(testResolve)), "\n")
	return visibleSpaces.Replace(html), visibleSpaces.Replace(strings.Join(extra, "\n"))
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	update := os.Getenv("UPDATE_GOLDEN") != ""
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txt")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			cases := parseGolden(t, file, data)
			if len(cases) == 0 {
				t.Fatalf("%s: no cases", file)
			}
			var out bytes.Buffer
			for i, c := range cases {
				html, extra := renderCase(t, c)
				num, _, _ := strings.Cut(c.header, ":")
				if n, err := strconv.Atoi(strings.TrimSpace(num)); err != nil || n != i+1 {
					t.Errorf("%s: case %q should be numbered %d", file, c.header, i+1)
				}
				if update {
					c.html, c.extra = html, extra
					writeCase(&out, c)
					continue
				}
				t.Run(num, func(t *testing.T) {
					if html != c.html {
						t.Errorf("%s case %s: HTML differs\n--- markdown\n%s\n--- got\n%s\n--- want\n%s", file, c.header, c.markdown, html, c.html)
					}
					if extra != c.extra {
						t.Errorf("%s case %s: diagnostics/refs differ\n--- markdown\n%s\n--- got\n%s\n--- want\n%s", file, c.header, c.markdown, extra, c.extra)
					}
				})
			}
			if update {
				if err := os.WriteFile(file, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func writeCase(w *bytes.Buffer, c goldenCase) {
	w.WriteString(c.header + "\n")
	if c.options != "" {
		w.WriteString(c.options + "\n")
	}
	w.WriteString(partSeparator + "\n")
	w.WriteString(c.markdown + "\n")
	w.WriteString(partSeparator + "\n")
	w.WriteString(c.html + "\n")
	if c.extra != "" {
		w.WriteString(partSeparator + "\n")
		w.WriteString(c.extra + "\n")
	}
	w.WriteString(caseSeparator + "\n\n")
}
