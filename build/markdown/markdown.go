// Package markdown renders the Markdown body of a chapter to HTML the way
// the handbook needs it: GitHub-flavoured Markdown (tables, strikethrough,
// autolinks, footnotes), heading ids folded from the heading text, French
// typography, admonitions, and links between chapters left as slots that
// each page fills with its own relative URL.
//
// Each feature is a goldmark extension in its own file, the way goldmark's
// own extensions are written: AST node kinds, transformers with
// priorities, renderers registered by kind. A Renderer holds one
// goldmark.Markdown per language, configured once and shared; the state of
// one document lives in its parser.Context.
//
// The HTML it writes carries these classes, for the stylesheet:
// div.table-wrap (a scrolling region around each table),
// div.admonition.admonition-{do,dont,note,warning} with p.admonition-title
// and span.admonition-kind (the kind before a custom title),
// div.footnotes, a.footnote-ref, a.footnote-backref. Table cell alignment
// is a style attribute (text-align), as goldmark writes it.
package markdown

import (
	"bytes"
	"path"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"example.com/handbook/build/slug"
)

// Options configures a Renderer.
type Options struct {
	// Lang is the language of the documents ("fr", "en"): it selects the
	// typography and the words the renderer writes itself.
	Lang string
	// UnsafeHTML keeps the raw HTML written in Markdown (handbook.yaml
	// unsafe_html); otherwise it is dropped with a warning.
	UnsafeHTML bool
}

// Renderer renders Markdown bodies of one language. It is safe for
// concurrent use: build one per (language, UnsafeHTML) and share it.
type Renderer struct {
	opts Options
	md   goldmark.Markdown
}

// Priorities of the AST transformers (lower runs first). goldmark's
// footnote transformer runs at 999 and gathers the footnotes at the end of
// the document; ours run after it, in this order.
const (
	prioFootnoteIDs = 1000 + iota*10
	prioAdmonitions
	prioHeadings
	prioTypography
	prioTables
	prioLinks
	prioRawHTML
)

// prioQuizParser places the "::: quiz" block parser among goldmark's
// (fenced code is 700, paragraphs 1000); only paragraphs share its
// trigger byte.
const prioQuizParser = 650

// prioRenderer is the priority of our node renderers: below goldmark's
// (1000 for core nodes, 500 for extensions), so that ours win where both
// render a kind.
const prioRenderer = 100

// New returns a Renderer for one language.
func New(opts Options) *Renderer {
	loc := localeFor(opts.Lang)
	var rendererOptions []goldmark.Option
	if opts.UnsafeHTML {
		rendererOptions = append(rendererOptions, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	md := goldmark.New(append(rendererOptions,
		goldmark.WithExtensions(
			gfm{},
			&footnotes{loc: loc},
			admonitions{loc: loc},
			quizzes{loc: loc},
			headings{},
			typography{french: loc.french},
			tableRegions{loc: loc},
			links{unsafe: opts.UnsafeHTML},
			rawHTML{unsafe: opts.UnsafeHTML},
		),
	)...)
	return &Renderer{opts: opts, md: md}
}

// RenderOptions says where a body comes from and how its ids are written.
type RenderOptions struct {
	// Path is the file path for diagnostics, relative to the source folder
	// ("content/2024.1/04-netiquette.fr.md").
	Path string
	// BodyLine is the 1-based line of the file where the body starts: the
	// line of a diagnostic is BodyLine + line within the body - 1.
	BodyLine int
	// IDPrefix is prefixed to every heading id and footnote id
	// ("netiquette--"), for pages that show several chapters (print).
	IDPrefix string
	// FootnotePrefix makes footnote ids unique per document even without
	// IDPrefix: "netiquette-" gives fn-netiquette-1 and fnref-netiquette-1.
	// When empty, it is derived from the slug in Path.
	FootnotePrefix string
	// HeadingShift lowers every heading by that many levels (at most h6),
	// for pages where the chapter title itself is an h2 (print).
	HeadingShift int
	// HTMLOnly leaves out the plain text (Headings, Sections and PlainText
	// stay empty), for pages that show only the HTML (print): the text of
	// a whole chapter is a third of what a Doc weighs.
	HTMLOnly bool
	// NoPlainText leaves out PlainText only, for a builder that shows no
	// page of it (the search takes Sections): it would repeat every
	// section's text, a fifth of what a Doc weighs.
	NoPlainText bool
}

// Render renders one Markdown body. Faults of the source are reported in
// Doc.Diagnostics, located in the file; Render itself never fails.
func (r *Renderer) Render(src []byte, o RenderOptions) *Doc {
	src = replaceNUL(src)
	st := &docState{
		path:     o.Path,
		lines:    newLineIndex(src, o.BodyLine),
		fnPrefix: o.FootnotePrefix,
		idPrefix: o.IDPrefix,
		shift:    o.HeadingShift,
	}
	if st.fnPrefix == "" {
		st.fnPrefix = footnotePrefixFromPath(o.Path)
	}
	body := src
	if line := tooDeep(src); line >= 0 {
		fileLine := st.lines.first + line
		st.errorf(fileLine, "nesting deeper than %d levels", MaxNesting)
		// Render what comes before: the build fails on the error anyway,
		// and the rest would cost time for nothing.
		body = src[:st.lines.lineStart(fileLine)]
	}

	pc := parser.NewContext(parser.WithIDs(newHeadingIDs(o.IDPrefix)))
	pc.Set(stateKey, st)
	root := r.md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))

	var buf bytes.Buffer
	if err := r.md.Renderer().Render(&buf, body, root); err != nil {
		// Rendering to memory fails only on a renderer bug; report it
		// where the author will see it rather than panic.
		st.errorf(0, "render: %v", err)
	}
	doc := &Doc{Refs: st.refs}
	doc.html, doc.slots = cutSlots(buf.Bytes(), len(st.refs))
	if o.HTMLOnly {
		doc.Diagnostics = st.diags.Sort()
		return doc
	}
	c := newCollector(body, st)
	c.collect(root)
	doc.Headings, doc.Sections = c.headings, c.sectionList()
	if !o.NoPlainText {
		doc.text = collapseSpace(c.all.String())
	}
	doc.Diagnostics = st.diags.Sort()
	return doc
}

// replaceNUL returns src with every NUL replaced by U+FFFD (CommonMark
// requires it; the slots of the output rely on it). src is copied only when
// it holds a NUL.
func replaceNUL(src []byte) []byte {
	if bytes.IndexByte(src, 0) < 0 {
		return src
	}
	return bytes.ReplaceAll(src, []byte{0}, []byte("\ufffd"))
}

// footnotePrefixFromPath derives a footnote prefix from a chapter path:
// "content/2024.1/04-netiquette.fr.md" gives "netiquette-".
func footnotePrefixFromPath(p string) string {
	name := path.Base(p)
	if s, _, ok := parseChapterFile(name); ok {
		return s + "-"
	}
	name = strings.TrimSuffix(name, path.Ext(name))
	if s := slug.Fold(name); s != "" {
		return s + "-"
	}
	return ""
}
