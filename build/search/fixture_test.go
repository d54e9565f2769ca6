package search

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// loadFixture reads testdata/fixture/<lang>/*.md: "key: value" lines
// (title, summary, tags separated by commas) up to "---", then a body whose
// "## " lines start sections. It returns the chapters as the site would
// hand them to Build, URLs at the stable place ("fr/netiquette/").
func loadFixture(t testing.TB, lang string) []Doc {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "fixture", lang, "*.md"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixture for %s: %v", lang, err)
	}
	sort.Strings(paths)
	var docs []Doc
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(p), ".md")
		slug := name[strings.IndexByte(name, '-')+1:]
		d := Doc{Slug: slug, URL: lang + "/" + slug + "/"}
		sc := bufio.NewScanner(strings.NewReader(string(b)))
		inBody := false
		var cur *Section
		for sc.Scan() {
			line := sc.Text()
			switch {
			case !inBody && line == "---":
				inBody = true
			case !inBody:
				k, v, _ := strings.Cut(line, ":")
				v = strings.TrimSpace(v)
				switch k {
				case "title":
					d.Title = v
				case "summary":
					d.Summary = v
				case "tags":
					for _, tag := range strings.Split(v, ",") {
						d.Tags = append(d.Tags, strings.TrimSpace(tag))
					}
				default:
					t.Fatalf("%s: unknown key %q", p, k)
				}
			case strings.HasPrefix(line, "## "):
				h := strings.TrimPrefix(line, "## ")
				d.Sections = append(d.Sections, Section{Anchor: anchorID(h), Heading: h})
				cur = &d.Sections[len(d.Sections)-1]
			default:
				if cur == nil {
					d.Sections = append(d.Sections, Section{})
					cur = &d.Sections[0]
				}
				cur.Text = strings.TrimSpace(cur.Text + "\n" + line)
			}
		}
		docs = append(docs, d)
	}
	return docs
}

// anchorID derives a heading id as the site does: accents folded, lower
// case, every run of other characters one hyphen.
func anchorID(h string) string {
	n := newNormalizer(DefaultRules(), "")
	f := n.foldWord(n.lowerWord(h))
	var b strings.Builder
	hyphen := false
	for _, c := range f {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			hyphen = false
		} else {
			hyphen = true
		}
	}
	return b.String()
}

// rankCase is one line of testdata/queries.txt.
type rankCase struct {
	Lang, Query, Slug string
}

func loadQueries(t testing.TB) []rankCase { return loadQueryFile(t, "testdata/queries.txt") }

// loadQueryFile reads a query table: "lang | query | slug" lines, "#"
// comments.
func loadQueryFile(t testing.TB, path string) []rankCase {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []rankCase
	for i, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "|")
		if len(f) != 3 {
			t.Fatalf("%s:%d: want lang | query | slug", path, i+1)
		}
		out = append(out, rankCase{strings.TrimSpace(f[0]), strings.TrimSpace(f[1]), strings.TrimSpace(f[2])})
	}
	return out
}
