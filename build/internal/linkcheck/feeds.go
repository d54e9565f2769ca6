package linkcheck

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// CheckFeeds checks the links of every feed and sitemap of site (the .xml
// and .json files): RSS <link>, Atom <link href>, sitemap <loc>, JSON
// Feed urls (other JSON files are left alone), and the links and images inside entries' HTML. Feeds use
// absolute URLs: a link under baseURL must name a file of the site (and,
// with a fragment, an element with that id); a relative one is reported,
// since feed readers resolve it against nothing stable; links elsewhere
// are not followed.
func CheckFeeds(site fs.FS, baseURL string) ([]Problem, error) {
	c := &feedChecker{site: site, base: baseURL, ids: map[string]map[string]bool{}}
	err := fs.WalkDir(site, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch path.Ext(p) {
		case ".xml":
			return c.xmlFile(p)
		case ".json":
			return c.jsonFile(p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(c.problems, func(i, j int) bool {
		a, b := c.problems[i], c.problems[j]
		if a.Page != b.Page {
			return a.Page < b.Page
		}
		if a.Target != b.Target {
			return a.Target < b.Target
		}
		return a.Attr < b.Attr
	})
	return c.problems, nil
}

type feedChecker struct {
	site     fs.FS
	base     string
	ids      map[string]map[string]bool // page -> ids, parsed when first needed
	problems []Problem
}

// xmlFile checks an RSS, Atom or sitemap document.
func (c *feedChecker) xmlFile(p string) error {
	b, err := fs.ReadFile(c.site, p)
	if err != nil {
		return err
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	var stack []string
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name.Local)
			text.Reset()
			if t.Name.Local == "link" {
				for _, a := range t.Attr {
					if a.Name.Local == "href" {
						c.check(p, "link@href", a.Value)
					}
				}
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			name := t.Name.Local
			stack = stack[:len(stack)-1]
			v := strings.TrimSpace(text.String())
			switch {
			case v == "":
			case name == "link" || name == "loc":
				c.check(p, name, v)
			case name == "description" || name == "content" || name == "summary" || name == "encoded":
				if len(stack) > 0 && (stack[len(stack)-1] == "item" || stack[len(stack)-1] == "entry") {
					c.html(p, name, v)
				}
			}
			text.Reset()
		}
	}
}

// jsonFile checks a JSON Feed.
func (c *feedChecker) jsonFile(p string) error {
	b, err := fs.ReadFile(c.site, p)
	if err != nil {
		return err
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	if m, ok := v.(map[string]any); !ok || !strings.HasPrefix(fmt.Sprint(m["version"]), "https://jsonfeed.org/") {
		return nil // other JSON (search indexes)
	}
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, y := range x {
				walk(k, y)
			}
		case []any:
			for _, y := range x {
				walk(key, y)
			}
		case string:
			switch key {
			case "url", "external_url", "home_page_url", "feed_url", "image", "banner_image", "icon", "favicon":
				c.check(p, key, x)
			case "content_html":
				c.html(p, key, x)
			}
		}
	}
	walk("", v)
	return nil
}

// html checks the links and images of an entry's HTML.
func (c *feedChecker) html(p, field, s string) {
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		c.problems = append(c.problems, Problem{Page: p, Attr: field, Target: "", Reason: "unparsable HTML"})
		return
	}
	walk(doc, func(n *html.Node) {
		for _, a := range n.Attr {
			if isRef(n.Data, a.Key) {
				for _, target := range refs(a.Key, a.Val) {
					c.check(p, field+" "+n.Data+"@"+a.Key, target)
				}
			}
		}
	})
}

// check records a problem with one absolute link of a feed.
func (c *feedChecker) check(p, attr, target string) {
	if reason := c.reason(target); reason != "" {
		c.problems = append(c.problems, Problem{Page: p, Attr: attr, Target: target, Reason: reason})
	}
}

func (c *feedChecker) reason(target string) string {
	u, err := url.Parse(target)
	if err != nil {
		return "unparsable URL"
	}
	if u.Scheme == "" && u.Host == "" {
		if u.Path == "" && u.Fragment != "" {
			return "" // within the entry
		}
		return "relative link in a feed"
	}
	rest, ok := strings.CutPrefix(target, c.base)
	if !ok {
		return "" // another site, or mailto:
	}
	r, err := url.Parse(rest)
	if err != nil {
		return "unparsable URL"
	}
	file := r.Path
	if file == "" || strings.HasSuffix(file, "/") {
		file += "index.html"
	}
	if !fs.ValidPath(file) {
		return "not a path of the site"
	}
	st, err := fs.Stat(c.site, file)
	if err != nil {
		return "no such file " + file
	}
	if st.IsDir() {
		return "link to a folder without a trailing slash"
	}
	if r.Fragment != "" && strings.HasSuffix(file, ".html") && r.Fragment != "top" {
		if !c.idsOf(file)[r.Fragment] {
			return "no element with id " + r.Fragment + " in " + file
		}
	}
	return ""
}

// idsOf returns the ids of the elements of an HTML page.
func (c *feedChecker) idsOf(file string) map[string]bool {
	if set, ok := c.ids[file]; ok {
		return set
	}
	set := map[string]bool{}
	if b, err := fs.ReadFile(c.site, file); err == nil {
		if doc, err := html.Parse(bytes.NewReader(b)); err == nil {
			walk(doc, func(n *html.Node) {
				for _, a := range n.Attr {
					if a.Key == "id" || (a.Key == "name" && n.Data == "a") {
						set[a.Val] = true
					}
				}
			})
		}
	}
	c.ids[file] = set
	return set
}
