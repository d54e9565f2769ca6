package assets

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	goldenfile "example.com/handbook/build/internal/golden"
)

func TestMinify(t *testing.T) {
	tests := []struct {
		name      string
		mediaType string
		in        string
		want      string
	}{
		{
			name:      "css",
			mediaType: "text/css",
			in:        "a { color: #ff0000 ; margin: 0px 0px 0px 0px } /* note */\n@media (min-width: 40em) { .toc { display : none } }",
			want:      "a{color:red;margin:0}@media(min-width:40em){.toc{display:none}}",
		},
		{
			name:      "javascript module",
			mediaType: "application/javascript",
			in: `// Loads the shard of one language.
export async function load(lang) {
  const { search } = await import("./search-" + lang + ".js");
  return search;
}
import { fold } from "./fold.js";
export const here = import.meta.url;
`,
			want: `export async function load(e){const{search:t}=await import("./search-"+e+".js");return t}import{fold}from"./fold.js";export const here=import.meta.url`,
		},
		{
			name:      "text/javascript",
			mediaType: "text/javascript",
			in:        "const answer = 40 + 2 ;\n",
			want:      "const answer=40+2",
		},
		{
			name:      "svg",
			mediaType: "image/svg+xml",
			in: `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24"><!-- icon -->
  <path d="M 10.000 20.000 L 30.000 40.000" fill="#000000"/>
</svg>`,
			want: `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24"><path d="M10 20 30 40" fill="#000"/></svg>`,
		},
		{
			name:      "sitemap",
			mediaType: "application/xml",
			in: `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url>
    <loc>https://intranet.example.com/handbook/fr/</loc>
  </url>
</urlset>`,
			want: `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://intranet.example.com/handbook/fr/</loc></url></urlset>`,
		},
		{
			name:      "json",
			mediaType: "application/json",
			in:        "{ \"chapters\" : [ \"netiquette\", \"vie-privée\" ],\n  \"score\" : 1.50 }",
			want:      `{"chapters":["netiquette","vie-privée"],"score":1.5}`,
		},
		{
			name:      "html with parameters",
			mediaType: "text/html; charset=utf-8",
			in:        "<p>Un   texte :\u00a0ici ;\u202fet là</p>\n\n<p>fin</p>",
			want:      "<p>Un texte :\u00a0ici ;\u202fet là</p><p>fin</p>",
		},
		{
			name:      "rss feed left as is",
			mediaType: "application/rss+xml",
			in:        "<rss version=\"2.0\">\n  <channel>\n    <title>Charte</title>\n  </channel>\n</rss>\n",
			want:      "<rss version=\"2.0\">\n  <channel>\n    <title>Charte</title>\n  </channel>\n</rss>\n",
		},
		{
			name:      "atom feed left as is",
			mediaType: "application/atom+xml",
			in:        "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>Charte</title>\n</feed>\n",
			want:      "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>Charte</title>\n</feed>\n",
		},
		{
			name:      "plain text left as is",
			mediaType: "text/plain",
			in:        "  spaces  kept  ",
			want:      "  spaces  kept  ",
		},
	}
	m := NewMinifier()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := m.Minify(tc.mediaType, []byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
			// AppendMinified gives the same bytes after what dst holds,
			// from an input with room past its end (which it may use).
			in := append(make([]byte, 0, len(tc.in)+16), tc.in...)
			app, err := m.AppendMinified([]byte("prefix:"), tc.mediaType, in)
			if err != nil {
				t.Fatal(err)
			}
			if string(app) != "prefix:"+tc.want {
				t.Errorf("AppendMinified: got\n%s\nwant\nprefix:%s", app, tc.want)
			}
		})
	}
}

func TestMinifyErrors(t *testing.T) {
	tests := []struct {
		name      string
		mediaType string
		in        string
	}{
		{name: "javascript", mediaType: "application/javascript", in: "function ( {"},
		{name: "json", mediaType: "application/json", in: `{"a": [1, 2,, }`},
	}
	m := NewMinifier()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := m.Minify(tc.mediaType, []byte(tc.in))
			if err == nil {
				t.Fatalf("no error; got %q", got)
			}
			if !strings.HasPrefix(err.Error(), "minify "+tc.mediaType+": ") {
				t.Errorf("error without context: %v", err)
			}
		})
	}
}

// TestMinifyHTML minifies a page like the ones handbook renders and checks
// what the Nu HTML checker, screen readers and the browser tests need.
// UPDATE_GOLDEN=1 rewrites testdata/page.min.html.
func TestMinifyHTML(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("testdata", "page.html"))
	if err != nil {
		t.Fatal(err)
	}
	orig := bytes.Clone(page)
	m := NewMinifier()
	got, err := m.Minify("text/html", page)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(page, orig) {
		t.Error("the input was modified")
	}
	if len(got) >= len(page) {
		t.Errorf("not smaller: %d bytes from %d", len(got), len(page))
	}
	for _, want := range []string{
		"<!doctype html>",
		`<html lang="fr">`,
		"<head>", "</head>", "<body>", "</body>", "</html>",
		`<a href="../../en/netiquette/" hreflang="en" lang="en">English</a>`,
		`<main id="main">`,
		"<ins>nouveau texte", "</ins>",
		"<del>ancien texte", "</del>",
		`<span class="visually-hidden"> (suppression)</span>`,
		"<pre><code>Bonjour,\n    merci de votre message.\n\n        — L’équipe   Communications\n</code></pre>",
		"1<sup>er</sup>", // the entity &nbsp; or U+00A0 follows; both are fine
		"Soyez courtois\u00a0: répondez dans les 24\u00a0heures\u202f; vérifiez vos sources\u202f!",
		"«\u00a0Citation\u00a0»",
		"</p>", "</li>", "</td>", "</tr>",
		`<link rel="alternate" type="application/rss+xml" href="../feed.xml" title="Changements de la charte">`,
		`<script type="module" src="../../js/search.0a1b2c3d.js"></script>`,
		`<h2 id="3-exemples-concrets">3. Exemples concrets</h2>`,
	} {
		if !strings.Contains(string(got), want) {
			t.Errorf("minified page lacks %q", want)
		}
	}
	before, _, _ := strings.Cut(string(got), "<pre>")
	for _, unwanted := range []string{"<!--", "\n", "  "} {
		if strings.Contains(before, unwanted) {
			t.Errorf("minified page still has %q before <pre>", unwanted)
		}
	}
	golden(t, filepath.Join("testdata", "page.min.html"), got)
}

// TestMinifyDeterministic minifies one page from many goroutines, sharing
// its bytes, and expects the same result each time (run it with -race).
func TestMinifyDeterministic(t *testing.T) {
	page := bigPage(20 << 10)
	// Room past the end: the parser must not write there while others read.
	page = append(make([]byte, 0, len(page)+16), page...)
	m := NewMinifier()
	want, err := m.Minify("text/html", page)
	if err != nil {
		t.Fatal(err)
	}
	results := make([][]byte, 8)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() {
			got, err := m.Minify("text/html", page)
			if err != nil {
				t.Error(err)
			}
			results[i] = got
		})
	}
	wg.Wait()
	for i, got := range results {
		if !bytes.Equal(got, want) {
			t.Errorf("run %d differs", i)
		}
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	goldenfile.Check(t, path, got)
}

// bigPage returns a page of about size bytes: testdata/page.html with its
// main content repeated.
func bigPage(size int) []byte {
	page, err := os.ReadFile(filepath.Join("testdata", "page.html"))
	if err != nil {
		panic(err)
	}
	start := bytes.Index(page, []byte("<h2 "))
	end := bytes.Index(page, []byte("</main>"))
	section := page[start:end]
	var b bytes.Buffer
	b.Write(page[:start])
	for i := 0; b.Len() < size; i++ {
		b.Write(bytes.Replace(section, []byte(`id="3-exemples-concrets"`), fmt.Appendf(nil, `id="section-%d"`, i), 1))
	}
	b.Write(page[end:])
	return b.Bytes()
}

// BenchmarkAppendMinifiedHTML minifies the way a build does: into a
// reused buffer, from a copy of the page in another reused buffer.
func BenchmarkAppendMinifiedHTML(b *testing.B) {
	page := bigPage(50 << 10)
	m := NewMinifier()
	b.SetBytes(int64(len(page)))
	in, out := make([]byte, 0, len(page)+1), make([]byte, 0, len(page))
	for b.Loop() {
		var err error
		in = append(in[:0], page...)
		if out, err = m.AppendMinified(out[:0], "text/html", in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMinifyHTML(b *testing.B) {
	page := bigPage(50 << 10)
	m := NewMinifier()
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := m.Minify("text/html", page); err != nil {
			b.Fatal(err)
		}
	}
}
