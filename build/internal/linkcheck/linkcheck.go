// Package linkcheck checks every internal link and asset reference of a
// built site folder: the file must exist and, for a link with a fragment,
// the target page must hold an element with that id. Tests of the builder
// and the quality gates use it on real output.
package linkcheck

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// Problem is one broken reference.
type Problem struct {
	Page, Attr, Target, Reason string
}

func (p Problem) String() string {
	return fmt.Sprintf("%s: %s=%q: %s", p.Page, p.Attr, p.Target, p.Reason)
}

// Check walks every .html file of site and returns the broken internal
// references, sorted. External links (with a scheme) are not followed;
// root-absolute links are reported, since the site must work under any
// sub-path — except in pages listed in rooted (the 404 page and the root
// redirect), which are resolved against rootPath.
func Check(site fs.FS, rootPath string, rooted ...string) ([]Problem, error) {
	ids := map[string]map[string]bool{}
	docs := map[string]*html.Node{}
	err := fs.WalkDir(site, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := fs.ReadFile(site, p)
		if err != nil {
			return err
		}
		doc, err := html.Parse(bytes.NewReader(b))
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		docs[p] = doc
		set := map[string]bool{}
		walk(doc, func(n *html.Node) {
			for _, a := range n.Attr {
				if a.Key == "id" || (a.Key == "name" && n.Data == "a") {
					set[a.Val] = true
				}
			}
		})
		ids[p] = set
		return nil
	})
	if err != nil {
		return nil, err
	}
	isRooted := map[string]bool{}
	for _, r := range rooted {
		isRooted[r] = true
	}
	var problems []Problem
	for p, doc := range docs {
		walk(doc, func(n *html.Node) {
			for _, a := range n.Attr {
				if !isRef(n.Data, a.Key) {
					continue
				}
				for _, target := range refs(a.Key, a.Val) {
					if reason := checkOne(site, ids, p, target, isRooted[p], rootPath); reason != "" {
						problems = append(problems, Problem{Page: p, Attr: n.Data + "@" + a.Key, Target: target, Reason: reason})
					}
				}
			}
		})
	}
	sort.Slice(problems, func(i, j int) bool {
		if problems[i].Page != problems[j].Page {
			return problems[i].Page < problems[j].Page
		}
		return problems[i].Target < problems[j].Target
	})
	return problems, nil
}

func isRef(tag, attr string) bool {
	switch attr {
	case "href":
		return tag == "a" || tag == "link" || tag == "area"
	case "src":
		return tag == "img" || tag == "script" || tag == "source" || tag == "iframe"
	case "srcset":
		return true
	case "action":
		return tag == "form"
	}
	return false
}

func refs(attr, val string) []string {
	if attr != "srcset" {
		return []string{val}
	}
	var out []string
	for _, part := range strings.Split(val, ",") {
		if f := strings.Fields(part); len(f) > 0 {
			out = append(out, f[0])
		}
	}
	return out
}

func checkOne(site fs.FS, ids map[string]map[string]bool, page, target string, rooted bool, rootPath string) string {
	u, err := url.Parse(target)
	if err != nil {
		return "unparsable URL"
	}
	if u.Scheme != "" || u.Host != "" {
		return "" // external: mailto:, https:, ...
	}
	p := u.Path
	switch {
	case p == "":
		p = page
	case strings.HasPrefix(p, "/"):
		if !rooted {
			return "root-absolute link (breaks under a sub-path)"
		}
		rest, ok := strings.CutPrefix(p, rootPath)
		if !ok {
			return "outside the site's base path " + rootPath
		}
		p = rest
	default:
		p = path.Join(path.Dir(page), p)
		if strings.HasSuffix(u.Path, "/") {
			p += "/"
		}
	}
	if p == "." || p == "./" {
		p = ""
	}
	p = strings.TrimPrefix(p, "./")
	if strings.HasPrefix(p, "../") || p == ".." {
		return "leaves the site"
	}
	file := p
	if file == "" || strings.HasSuffix(file, "/") {
		file += "index.html"
	}
	st, err := fs.Stat(site, file)
	if err != nil {
		return "no such file " + file
	}
	if st.IsDir() {
		if _, err := fs.Stat(site, path.Join(file, "index.html")); err != nil {
			return "folder without index.html"
		}
		return "link to a folder without a trailing slash"
	}
	if u.Fragment != "" && strings.HasSuffix(file, ".html") {
		set := ids[file]
		if set != nil && !set[u.Fragment] && u.Fragment != "top" {
			return "no element with id " + u.Fragment + " in " + file
		}
	}
	return ""
}

func walk(n *html.Node, f func(*html.Node)) {
	if n.Type == html.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}
