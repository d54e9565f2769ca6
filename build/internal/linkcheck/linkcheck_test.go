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

func TestCheckFeeds(t *testing.T) {
	const base = "https://intranet.example.com/hb/"
	site := fstest.MapFS{
		"fr/index.html":        {Data: []byte(`<h2 id="a">A</h2>`)},
		"fr/x/index.html":      {Data: []byte(`<p>x</p>`)},
		"fr/x/changes/x.html":  {Data: []byte(`<p>x</p>`)},
		"fr/feed.xml":          {Data: []byte(`<?xml version="1.0"?><rss version="2.0"><channel><link>` + base + `fr/</link><item><link>` + base + `fr/y/changes/</link><description>&lt;p&gt;&lt;a href="` + base + `fr/#a"&gt;ok&lt;/a&gt; &lt;a href="../x/"&gt;rel&lt;/a&gt; &lt;a href="#fn1"&gt;note&lt;/a&gt;&lt;/p&gt;</description></item></channel></rss>`)},
		"fr/atom.xml":          {Data: []byte(`<feed xmlns="http://www.w3.org/2005/Atom"><id>tag:example.com,2024:x</id><link href="` + base + `fr/"/><entry><link rel="alternate" href="` + base + `fr/x/#b"/><content type="html">&lt;img src="` + base + `img/p.png"&gt;</content></entry></feed>`)},
		"fr/feed.json":         {Data: []byte(`{"version":"https://jsonfeed.org/version/1.1","home_page_url":"` + base + `fr/","feed_url":"` + base + `fr/feed.json","items":[{"url":"` + base + `fr/x","external_url":"https://example.org/","content_html":"<a href=\"` + base + `fr/x/\">ok</a>"}]}`)},
		"sitemap.xml":          {Data: []byte(`<urlset><url><loc>` + base + `fr/</loc></url><url><loc>` + base + `en/</loc></url></urlset>`)},
		"fr/x/changes/ok.json": {Data: []byte(`{"version":"https://jsonfeed.org/version/1.1","url":"mailto:a@example.com"}`)},
		"search/index.json":    {Data: []byte(`{"url":"fr/"}`)},
	}
	got, err := CheckFeeds(site, base)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, p := range got {
		lines = append(lines, p.String())
	}
	want := []string{
		`fr/atom.xml: link@href="https://intranet.example.com/hb/fr/x/#b": no element with id b in fr/x/index.html`,
		`fr/atom.xml: content img@src="https://intranet.example.com/hb/img/p.png": no such file img/p.png`,
		`fr/feed.json: url="https://intranet.example.com/hb/fr/x": link to a folder without a trailing slash`,
		`fr/feed.xml: description a@href="../x/": relative link in a feed`,
		`fr/feed.xml: link="https://intranet.example.com/hb/fr/y/changes/": no such file fr/y/changes/index.html`,
		`sitemap.xml: loc="https://intranet.example.com/hb/en/": no such file en/index.html`,
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}
