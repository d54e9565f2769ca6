package bench

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// GenerateHugo writes the corpus Generate writes, as a Hugo site under dir:
// hugo.toml (languages, tags, RSS), content/<lang>/<edition>/<slug>.md for
// every chapter of every edition (so the number of chapter pages matches),
// one section per edition and language, and minimal templates comparable
// to ours: page shell, chapter page with table of contents and prev/next
// links, lists, tag pages (listing the current edition's chapters, as ours
// do) and Hugo's default RSS. dir/hugo.toml must not exist yet.
func GenerateHugo(dir string, o GenOptions) error {
	o, err := o.withDefaults()
	if err != nil {
		return err
	}
	comment := fmt.Sprintf("%d chapters, %d editions, seed %d", o.Chapters, o.Editions, o.Seed)
	if err := writeHugoSkeleton(dir, o.Langs, editionID(o.Editions-1), comment); err != nil {
		return err
	}
	n := 0
	return generate(o, func(e *edition, first bool) error {
		n++
		return writeHugoEdition(dir, e, o.Editions-n+1, func(k int) []byte {
			_, notes, _ := splitFile(editionFile(e, k, o.Chapters, first))
			return []byte(notes)
		})
	})
}

// ConvertHugo writes the handbook under src (any handbook in our content
// format, such as one Generate wrote) as a Hugo site under dst, the way
// GenerateHugo does.
func ConvertHugo(src, dst string) error {
	content := filepath.Join(src, "content")
	eds, err := listEditions(content)
	if err != nil {
		return err
	}
	if len(eds) == 0 {
		return fmt.Errorf("convert to hugo: no edition in %s", content)
	}
	langs := handbookLangs(content, eds[len(eds)-1].langs)
	if err := writeHugoSkeleton(dst, langs, eds[len(eds)-1].id, "converted from "+src); err != nil {
		return err
	}
	for i, ed := range eds {
		e, err := readEdition(content, ed.id, langs)
		if err != nil {
			return err
		}
		e.date = ed.date
		err = writeHugoEdition(dst, e, len(eds)-i, func(k int) []byte {
			data, _ := os.ReadFile(filepath.Join(content, ed.id, "_edition."+langs[k]+".md"))
			_, notes, _ := splitFile(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")))
			return []byte(notes)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// writeHugoSkeleton writes the configuration, the templates and the home
// page of each language.
func writeHugoSkeleton(dir string, langs []string, current, comment string) error {
	if _, err := os.Stat(filepath.Join(dir, "hugo.toml")); err == nil {
		return fmt.Errorf("generate hugo: %s already exists", filepath.Join(dir, "hugo.toml"))
	}
	files := map[string][]byte{"hugo.toml": hugoConfig(langs, current, comment)}
	for name, text := range hugoLayouts() {
		files[name] = []byte(text)
	}
	for _, l := range langs {
		files[filepath.Join("content", l, "_index.md")] = []byte("---\ntitle: " + quote(siteTitle[variant(l)]) + "\n---\n")
	}
	for name, data := range files {
		if err := writeFile(filepath.Join(dir, name), data); err != nil {
			return fmt.Errorf("generate hugo: %w", err)
		}
	}
	return nil
}

func writeFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, data, 0o644)
}

// writeHugoEdition writes one edition: a section per language (its
// _index.md holds the release notes, newest editions weigh least) and a
// page per chapter.
func writeHugoEdition(dir string, e *edition, weight int, notes func(k int) []byte) error {
	for k, l := range e.langs {
		sec := filepath.Join(dir, "content", l, e.id)
		if err := os.MkdirAll(sec, 0o755); err != nil {
			return fmt.Errorf("generate hugo: %w", err)
		}
		title := pair{"Édition " + e.id, e.id + " edition"}[variant(l)]
		index := fmt.Sprintf("---\ntitle: %s\ndate: %s\nweight: %d\n---\n%s", quote(title), e.date.Format("2006-01-02"), weight, notes(k))
		if err := os.WriteFile(filepath.Join(sec, "_index.md"), []byte(index), 0o644); err != nil {
			return fmt.Errorf("generate hugo: %w", err)
		}
	}
	return parallel(len(e.chapters), func(i int) error {
		c := e.chapters[i]
		for k, l := range e.langs {
			if c.names[k] == "" {
				continue
			}
			data := hugoPage(c.data[k], i+1)
			if err := os.WriteFile(filepath.Join(dir, "content", l, e.id, c.slug+".md"), data, 0o644); err != nil {
				return fmt.Errorf("generate hugo: %w", err)
			}
		}
		return nil
	})
}

// hugoLink matches a link to a chapter file; Hugo gets the page's URL,
// relative like ours.
var hugoLink = regexp.MustCompile(`\]\([0-9]+-([a-z][a-z0-9-]*)\.[a-z]{2,3}(?:-[a-z0-9]+)?\.md(#[^)\s]*)?\)`)

// hugoPage turns one of our chapter files into a Hugo page: the effective
// date becomes date, the number weight, the other keys stay (Hugo makes
// them params); links to chapter files become links to their pages.
func hugoPage(data []byte, weight int) []byte {
	fm, body, ok := splitFile(data)
	if !ok {
		return data
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	for l := range strings.SplitSeq(strings.TrimSuffix(fm, "\n"), "\n") {
		if v, ok := strings.CutPrefix(l, "effective:"); ok {
			l = "date:" + v
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "weight: %d\n---\n", weight)
	b.Write(hugoLink.ReplaceAll([]byte(body), []byte("](../$1/$2)")))
	return b.Bytes()
}

func hugoConfig(langs []string, current, comment string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# The handbook-bench corpus as a Hugo site: %s.\n", comment)
	fmt.Fprintf(&b, "baseURL = %s\n", quote(baseURL))
	fmt.Fprintf(&b, "defaultContentLanguage = %s\n", quote(langs[0]))
	b.WriteString("defaultContentLanguageInSubdir = true\n\n")
	fmt.Fprintf(&b, "[params]\ncurrentEdition = %s\n\n", quote(current))
	b.WriteString("[taxonomies]\ntag = \"tags\"\n\n")
	b.WriteString("[outputs]\nhome = [\"HTML\", \"RSS\"]\nsection = [\"HTML\", \"RSS\"]\ntaxonomy = [\"HTML\", \"RSS\"]\nterm = [\"HTML\", \"RSS\"]\npage = [\"HTML\"]\n\n")
	b.WriteString("[markup.tableOfContents]\nstartLevel = 2\nendLevel = 3\n\n")
	for i, l := range langs {
		v := variant(l)
		fmt.Fprintf(&b, "[languages.%s]\n", l)
		fmt.Fprintf(&b, "languageName = %s\n", quote(pair{"Français", "English"}[v]))
		fmt.Fprintf(&b, "title = %s\n", quote(siteTitle[v]))
		fmt.Fprintf(&b, "weight = %d\n", i+1)
		fmt.Fprintf(&b, "contentDir = %s\n\n", quote("content/"+l))
	}
	return b.Bytes()
}

// hugoLayouts are the site's templates: as little as gives pages
// comparable to ours.
func hugoLayouts() map[string]string {
	return map[string]string{
		"layouts/_default/baseof.html": `<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ .Site.Title }}</title>
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}" title="{{ $.Site.Title }}">{{ end }}
{{ range .Translations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}
</head>
<body>
<header>
<a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav>{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a>{{ end }}</nav>
</header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer><a href="{{ "tags/" | relLangURL }}">Tags</a></footer>
</body>
</html>
`,
		"layouts/_default/single.html": `{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
<dl class="meta">
<dt>Owner</dt><dd>{{ .Params.owner }}</dd>
{{ with .Params.approved_by }}<dt>Approved by</dt><dd>{{ . }}</dd>{{ end }}
<dt>Effective</dt><dd>{{ .Date.Format "2006-01-02" }}</dd>
{{ with .Params.audience }}<dt>Audience</dt><dd>{{ delimit . ", " }}</dd>{{ end }}
</dl>
{{ with .Params.change }}<p class="change">{{ . }}</p>{{ end }}
<nav class="toc">{{ .TableOfContents }}</nav>
{{ .Content }}
{{ with .GetTerms "tags" }}<ul class="tags">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
<nav class="pager">
{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</nav>
</article>
{{ end }}
`,
		"layouts/_default/list.html": `{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ol class="contents">
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>
{{ end }}
</ol>
{{ end }}
`,
		"layouts/_default/taxonomy.html": `{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="tags">
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></li>
{{ end }}
</ul>
{{ end }}
`,
		"layouts/_default/term.html": `{{ define "main" }}
<h1>{{ .Title }}</h1>
<ol class="contents">
{{ range where .Pages "Section" site.Params.currentEdition }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>
{{ end }}
</ol>
{{ end }}
`,
		"static/style.css": `body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:0 auto;padding:1rem}
header,footer{display:flex;justify-content:space-between;gap:1rem}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem}
blockquote{border-left:4px solid #888;margin-left:0;padding-left:1rem}
.toc{font-size:.9rem}.meta dt{font-weight:bold}
`,
	}
}
