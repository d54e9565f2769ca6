package linkcheck

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestCheck(t *testing.T) {
	site := fstest.MapFS{
		"index.html":          {Data: []byte(`<a href="/hb/fr/">fr</a><a href="/elsewhere/">x</a>`)},
		"404.html":            {Data: []byte(`<a href="/hb/fr/#top">fr</a>`)},
		"fr/index.html":       {Data: []byte(`<h2 id="a">A</h2><a href="x/">ok</a><a href="x/#b">ok</a><a href="x/#nope">bad anchor</a><a href="y/">missing</a><a href="/fr/">rooted</a><a href="#a">self</a><a href="https://example.com/">ext</a><a href="../../up">up</a><img src="../img/p.svg"><a href="x">folder</a>`)},
		"fr/x/index.html":     {Data: []byte(`<p id="b">B</p><a href="../">up</a>`)},
		"img/p.svg":           {Data: []byte(`<svg/>`)},
		"fr/x/feed.xml":       {Data: []byte(`<rss/>`)},
		"fr/x/other.html":     {Data: []byte(`<link rel="alternate" href="feed.xml"><script src="missing.js"></script>`)},
		"assets/css/site.css": {Data: []byte(`body{}`)},
	}
	got, err := Check(site, "/hb/", "index.html", "404.html")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, p := range got {
		lines = append(lines, p.String())
	}
	want := []string{
		`fr/index.html: a@href="../../up": leaves the site`,
		`fr/index.html: a@href="/fr/": root-absolute link (breaks under a sub-path)`,
		`fr/index.html: a@href="x": link to a folder without a trailing slash`,
		`fr/index.html: a@href="x/#nope": no element with id nope in fr/x/index.html`,
		`fr/index.html: a@href="y/": no such file fr/y/index.html`,
		`fr/x/other.html: script@src="missing.js": no such file fr/x/missing.js`,
		`index.html: a@href="/elsewhere/": outside the site's base path /hb/`,
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}
