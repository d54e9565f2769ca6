package markdown

import (
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// links classifies the target of every link and image. Links to other
// sites stay as written; links to a chapter file (04-netiquette.fr.md),
// to a heading of the page (#exemples) and to the edition's images become
// slots, filled per page by Doc.HTML since the URL depends on where the
// page sits; anything else is reported with its line.
type links struct {
	unsafe bool
}

func (e links) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(
		util.Prioritized(linkTransformer(e), prioLinks),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(linkRenderer(e), prioRenderer),
	))
}

// attrSlot holds, on a link or image node, the index of its Ref.
const attrSlot = "slot"

type linkTransformer struct {
	unsafe bool
}

func (t linkTransformer) Transform(doc *gast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	st := stateOf(pc)
	if st == nil {
		return
	}
	_ = gast.Walk(doc, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		if !entering {
			return gast.WalkContinue, nil
		}
		var dest []byte
		image := false
		switch n := n.(type) {
		case *gast.Link:
			dest = n.Destination
		case *gast.Image:
			dest, image = n.Destination, true
		default:
			return gast.WalkContinue, nil
		}
		line := st.lineOf(n)
		if !image && plainText(n, src) == "" && !hasImage(n) {
			st.warnf(line, "link to %q has no text: screen readers cannot say where it goes", dest)
		}
		ref, slot, problem := classify(string(dest), image)
		switch {
		case problem != "":
			st.errorf(line, "%s", problem)
		case slot:
			ref.Line = line
			n.SetAttributeString(attrSlot, len(st.refs))
			st.refs = append(st.refs, ref)
		case !t.unsafe && html.IsDangerousURL(util.URLEscape(dest, true)):
			st.errorf(line, "link target %q is dropped: javascript:, vbscript:, file: and data: URLs need unsafe_html: true in handbook.yaml", ref.Target)
		case image:
			st.warnf(line, "external image %q makes readers' browsers contact another site; put the file under images/", ref.Target)
		}
		return gast.WalkContinue, nil
	})
}

// classify sorts a link or image target. It returns the Ref of a slot
// (slot true), or a problem to report; external targets return neither.
func classify(target string, image bool) (ref Ref, slot bool, problem string) {
	ref.Target = target
	notLocal := "link target " + strconv.Quote(target) + " is not a chapter file (NN-slug.LANG.md), an image under images/ or an external URL"
	switch {
	case strings.HasPrefix(target, "//"):
		return ref, false, "protocol-relative link " + strconv.Quote(target) + " depends on how the site is served; write the full URL (https://...)"
	case strings.HasPrefix(target, "/"):
		return ref, false, "root-absolute link " + strconv.Quote(target) + " breaks under a sub-path; link to the chapter file instead"
	case hasScheme(target):
		return ref, false, ""
	case strings.HasPrefix(target, "#"):
		if image || len(target) == 1 {
			return ref, false, notLocal
		}
		ref.Kind, ref.Fragment = AnchorLink, target[1:]
		return ref, true, ""
	}
	file, frag, _ := strings.Cut(target, "#")
	ref.Fragment = frag
	file = strings.TrimPrefix(file, "./")
	if f, err := url.PathUnescape(file); err == nil {
		file = f
	}
	if s, lang, ok := parseChapterFile(file); ok && !image {
		ref.Kind, ref.File, ref.Slug, ref.Lang = ChapterLink, file, s, lang
		return ref, true, ""
	}
	if strings.HasPrefix(file, "images/") && len(file) > len("images/") && path.Clean(file) == file && !strings.ContainsAny(file, "?\\") {
		ref.Kind, ref.File = ImageRef, file
		return ref, true, ""
	}
	return ref, false, notLocal
}

// hasScheme reports whether target starts with a URL scheme ("https:",
// "mailto:", "tel:").
func hasScheme(target string) bool {
	for i := 0; i < len(target); i++ {
		c := target[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// parseChapterFile splits a chapter file name "04-netiquette.fr.md" into
// its slug and language.
func parseChapterFile(name string) (slug, lang string, ok bool) {
	base, ok := strings.CutSuffix(name, ".md")
	if !ok {
		return "", "", false
	}
	dot := strings.LastIndexByte(base, '.')
	if dot < 0 {
		return "", "", false
	}
	stem, lang := base[:dot], base[dot+1:]
	num, slug, ok := strings.Cut(stem, "-")
	if !ok || !isDigits(num) || !isSlug(slug) || !isLang(lang) {
		return "", "", false
	}
	return slug, lang, true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// isSlug: lowercase ASCII letters, digits and hyphens, starting with a
// letter.
func isSlug(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// isLang: a lowercase language tag such as "fr", "en", "pt-br".
func isLang(s string) bool {
	primary, rest, _ := strings.Cut(s, "-")
	if len(primary) < 2 || len(primary) > 3 {
		return false
	}
	for i := 0; i < len(primary); i++ {
		if primary[i] < 'a' || primary[i] > 'z' {
			return false
		}
	}
	return rest == "" || isSlug("x"+rest)
}

// linkRenderer writes links and images, with a slot where the target is
// filled per page.
type linkRenderer struct {
	unsafe bool
}

func (r linkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(gast.KindLink, r.renderLink)
	reg.Register(gast.KindImage, r.renderImage)
}

// writeTarget writes the URL of n: a slot, or the escaped destination.
func (r linkRenderer) writeTarget(w util.BufWriter, n gast.Node, dest []byte) {
	if v, ok := n.AttributeString(attrSlot); ok {
		if i, ok := v.(int); ok {
			writeSlot(w, i)
			return
		}
	}
	u := util.URLEscape(dest, true)
	if r.unsafe || !html.IsDangerousURL(u) {
		_, _ = w.Write(util.EscapeHTML(u))
	}
}

func writeTitle(w util.BufWriter, title []byte) {
	if title != nil {
		_, _ = w.WriteString(` title="`)
		html.DefaultWriter.Write(w, title)
		_ = w.WriteByte('"')
	}
}

func (r linkRenderer) renderLink(w util.BufWriter, _ []byte, node gast.Node, entering bool) (gast.WalkStatus, error) {
	n := node.(*gast.Link)
	if !entering {
		_, _ = w.WriteString("</a>")
		return gast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	r.writeTarget(w, n, n.Destination)
	_ = w.WriteByte('"')
	writeTitle(w, n.Title)
	_ = w.WriteByte('>')
	return gast.WalkContinue, nil
}

func (r linkRenderer) renderImage(w util.BufWriter, source []byte, node gast.Node, entering bool) (gast.WalkStatus, error) {
	if !entering {
		return gast.WalkContinue, nil
	}
	n := node.(*gast.Image)
	_, _ = w.WriteString(`<img src="`)
	r.writeTarget(w, n, n.Destination)
	_, _ = w.WriteString(`" alt="`)
	_, _ = w.Write(util.EscapeHTML([]byte(plainText(n, source))))
	_ = w.WriteByte('"')
	writeTitle(w, n.Title)
	_ = w.WriteByte('>')
	return gast.WalkSkipChildren, nil
}
