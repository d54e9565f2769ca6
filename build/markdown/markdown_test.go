package markdown

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// lineOfFile returns line n (1-based) of body, which starts at file line
// first.
func lineOfFile(body string, first, n int) string {
	lines := strings.Split(body, "\n")
	i := n - first
	if i < 0 || i >= len(lines) {
		return ""
	}
	return lines[i]
}

// TestRefLines checks that every Ref and every link diagnostic names the
// line that holds the link, wherever the link sits: a property checked on
// bodies where every target is written inline, so the line must contain
// it.
func TestRefLines(t *testing.T) {
	bodies := []struct {
		name string
		body string
	}{
		{"paragraphs", "Intro.\n\nUn [a](01-a.fr.md) et\nsuite [b](02-b.fr.md#x).\n"},
		{"nested lists", "- un\n  - deux\n    - trois [a](01-a.fr.md)\n\n      encore [b](02-b.fr.md)\n- [c](03-c.fr.md)\n"},
		{"ordered list lazy line", "1. item\nlazy [a](01-a.fr.md)\n2. item\n   ![i](images/x.png)\n"},
		{"table", "| a | b |\n|---|---|\n| [a](01-a.fr.md) | x |\n| y | [b](02-b.fr.md) |\n| [c](/root) | z |\n"},
		{"quote and admonition", "> q\n> [a](01-a.fr.md)\n\n> [!NOTE] Titre [b](02-b.fr.md)\n> corps [c](03-c.fr.md)\n>\n> > [d](04-d.fr.md)\n"},
		{"footnotes", "Texte[^1] et[^2].\n\n[^1]: Note\n    suite [a](01-a.fr.md).\n[^2]: - liste\n\n    [b](../bad.md)\n"},
		{"headings", "# [a](01-a.fr.md)\n\nSetext [b](02-b.fr.md)\n---\n\n## x [c](#c)\n"},
		{"emphasis across lines", "*début\n[a](01-a.fr.md) fin*\n**gras [b](02-b.fr.md)\nsuite**\n"},
		{"image inside link", "[![logo](images/logo.png)](05-e.fr.md)\n"},
		{"after long code block", "```\n" + strings.Repeat("code\n", 50) + "```\n\n[a](01-a.fr.md)\n"},
		{"errors", "[a](/abs)\n\n- [b](//proto)\n\n| [c](x.html) |\n|---|\n"},
		{"crlf", "Un\r\n\r\n- [a](01-a.fr.md)\r\n- [b](02-b.fr.md)\r\n"},
	}
	r := New(Options{Lang: "fr"})
	for _, b := range bodies {
		for _, first := range []int{1, 8} {
			t.Run(fmt.Sprintf("%s/body line %d", b.name, first), func(t *testing.T) {
				doc := r.Render([]byte(b.body), RenderOptions{Path: "content/x/01-a.fr.md", BodyLine: first})
				if len(doc.Refs) == 0 && len(doc.Diagnostics) == 0 {
					t.Fatal("no refs and no diagnostics: the case tests nothing")
				}
				for _, ref := range doc.Refs {
					if l := lineOfFile(b.body, first, ref.Line); !strings.Contains(l, "("+ref.Target+")") {
						t.Errorf("ref %q at line %d, which is %q", ref.Target, ref.Line, l)
					}
				}
				for _, d := range doc.Diagnostics {
					if d.Warning {
						continue
					}
					target := regexp.MustCompile(`"([^"]*)"`).FindStringSubmatch(d.Message)
					if target == nil {
						t.Fatalf("diagnostic without target: %s", d)
					}
					if l := lineOfFile(b.body, first, d.Line); !strings.Contains(l, "("+target[1]+")") {
						t.Errorf("%s: line is %q", d, l)
					}
				}
			})
		}
	}
}

// deep builds a body nested depth levels deep, on one line or one level
// per line.
func deep(marker string, depth int, perLine bool) string {
	if !perLine {
		return strings.Repeat(marker, depth) + "x\n"
	}
	var b strings.Builder
	for i := 1; i <= depth; i++ {
		if marker == "> " {
			b.WriteString(strings.Repeat("> ", i) + "x\n")
		} else {
			b.WriteString(strings.Repeat("  ", i-1) + marker + "x\n")
		}
	}
	return b.String()
}

func TestNesting(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		wantLine int // 0: no error
	}{
		{"quotes 5000 one line", deep("> ", 5000, false), 3},
		{"lists 5000 one line", deep("- ", 5000, false), 3},
		{"ordered lists 5000 one line", deep("1. ", 5000, false), 3},
		{"mixed 5000 one line", strings.Repeat("> - ", 2500) + "x\n", 3},
		{"quotes 5000 lines", deep("> ", 5000, true), 3 + MaxNesting},
		{"lists 5000 lines", deep("- ", 5000, true), 3 + MaxNesting},
		{"quotes at the limit", deep("> ", MaxNesting, true), 0},
		{"lists at the limit", deep("- ", MaxNesting, true), 0},
		{"deep indentation without markers is code", strings.Repeat(" ", 500) + "x\n", 0},
		{"thematic breaks", "* * *\n- - -\n", 0},
	}
	r := New(Options{Lang: "fr"})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			doc := r.Render([]byte(tc.body), RenderOptions{Path: "content/x/01-a.fr.md", BodyLine: 3})
			_ = doc.HTML(nil)
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v", d)
			}
			var got []string
			for _, d := range doc.Diagnostics {
				got = append(got, d.String())
			}
			if tc.wantLine == 0 {
				if len(got) > 0 {
					t.Errorf("unexpected diagnostics: %q", got)
				}
				return
			}
			want := fmt.Sprintf("content/x/01-a.fr.md:%d: nesting deeper than %d levels", tc.wantLine, MaxNesting)
			if len(got) != 1 || got[0] != want {
				t.Errorf("diagnostics = %q, want [%q]", got, want)
			}
		})
	}
}

// TestDepthEstimate checks that the estimate of tooDeep never falls below
// the nesting goldmark builds, by counting the nested elements it renders.
func TestDepthEstimate(t *testing.T) {
	r := New(Options{Lang: "fr"})
	open := regexp.MustCompile(`<(blockquote|ul|ol)>`)
	for _, body := range []string{
		deep("> ", 30, true),
		deep("- ", 30, true),
		deep("1. ", 20, true),
		"- a\n  > b\n  > - c\n  >   > d\n",
		"1. a\n\n   1. b\n\n      1. c\n",
		"-\ta\n\t-\tb\n\t\t-\tc\n",
	} {
		est := 0
		for _, l := range strings.Split(body, "\n") {
			est = max(est, lineDepth([]byte(l)))
		}
		html := string(r.Render([]byte(body), RenderOptions{}).HTML(nil))
		// Depth of nesting in the output: track open and close tags.
		depth, maxDepth := 0, 0
		for _, m := range regexp.MustCompile(`</?(blockquote|ul|ol)>`).FindAllString(html, -1) {
			if open.MatchString(m) {
				depth++
				maxDepth = max(maxDepth, depth)
			} else {
				depth--
			}
		}
		// A list is two levels (list, item) for one marker; count lists
		// and quotes only.
		if maxDepth > est {
			t.Errorf("estimate %d below real depth %d for\n%s", est, maxDepth, body)
		}
	}
}

func TestLargeBody(t *testing.T) {
	if testing.Short() {
		t.Skip("10 MB body: skipped with -short")
	}
	chapter := frenchChapter()
	var b strings.Builder
	for b.Len() < 10<<20 {
		b.WriteString(chapter)
		b.WriteString("\n\n")
	}
	r := New(Options{Lang: "fr"})
	start := time.Now()
	doc := r.Render([]byte(b.String()), RenderOptions{Path: "content/x/01-a.fr.md", BodyLine: 1})
	html := doc.HTML(func(Ref) string { return "x" })
	d := time.Since(start)
	t.Logf("10 MB: %d bytes of HTML, %d refs, %d headings in %v", len(html), len(doc.Refs), len(doc.Headings), d)
	if len(doc.Headings) < 100 || len(html) < 10<<20 {
		t.Errorf("output too small: %d headings, %d bytes", len(doc.Headings), len(html))
	}
}

// TestSlots checks that resolve is called once per Ref in order, that its
// result is escaped, and that no source (NUL bytes, raw HTML) can forge a
// slot.
func TestSlots(t *testing.T) {
	src := "[a](01-a.fr.md) \x00" + "0\x00 `\x001\x00` ![b](images/b.png)\n\n<p>\x000\x00</p>\n\n[c](#c) &#0;1&#0;\n"
	for _, unsafe := range []bool{false, true} {
		t.Run(fmt.Sprintf("unsafe=%v", unsafe), func(t *testing.T) {
			doc := New(Options{Lang: "en", UnsafeHTML: unsafe}).Render([]byte(src), RenderOptions{})
			var calls []string
			html := doc.HTML(func(r Ref) string {
				calls = append(calls, r.Target)
				return `"<` + r.Target + `>`
			})
			want := []string{"01-a.fr.md", "images/b.png", "#c"}
			if fmt.Sprint(calls) != fmt.Sprint(want) {
				t.Errorf("resolve calls = %q, want %q", calls, want)
			}
			if bytes.IndexByte(html, 0) >= 0 {
				t.Errorf("NUL in output: %q", html)
			}
			for _, w := range want {
				if !bytes.Contains(html, []byte(`"&#34;&lt;`+w+`&gt;"`)) {
					t.Errorf("target %q not filled and escaped in %s", w, html)
				}
			}
			if n := bytes.Count(html, []byte("&lt;")); n != 3 {
				t.Errorf("%d filled slots, want 3, in %s", n, html)
			}
		})
	}
}

// TestConcurrent renders with one shared Renderer from several goroutines
// (run with -race) and compares with sequential results.
func TestConcurrent(t *testing.T) {
	r := New(Options{Lang: "fr"})
	bodies := []string{frenchChapter(), "## Un\n\nTexte[^1].\n\n[^1]: Note.", "> [!FAIRE] x\n> y", "| a |\n|---|\n| b |"}
	want := make([]string, len(bodies))
	for i, b := range bodies {
		want[i] = string(r.Render([]byte(b), RenderOptions{IDPrefix: fmt.Sprint(i)}).HTML(nil))
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 5; k++ {
				for i, b := range bodies {
					got := string(r.Render([]byte(b), RenderOptions{IDPrefix: fmt.Sprint(i)}).HTML(nil))
					if got != want[i] {
						t.Errorf("body %d rendered differently in parallel", i)
					}
				}
			}
		}()
	}
	wg.Wait()
}

func TestFootnotePrefixFromPath(t *testing.T) {
	tests := []struct{ path, want string }{
		{"content/2024.1/04-netiquette.fr.md", "netiquette-"},
		{"content/2024.1/_edition.fr.md", "edition-fr-"},
		{"", ""},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			if got := footnotePrefixFromPath(tc.path); got != tc.want {
				t.Errorf("footnotePrefixFromPath(%q) = %q, want %q", tc.path, got, tc.want)
			}
		})
	}
}

// allowedTags are the elements the renderer writes itself; with raw HTML
// off, nothing else may appear.
var allowedTags = map[string]bool{
	"p": true, "a": true, "img": true, "em": true, "strong": true, "del": true, "code": true, "pre": true,
	"h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "ul": true, "ol": true, "li": true,
	"blockquote": true, "table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true,
	"div": true, "hr": true, "br": true, "sup": true, "span": true,
	// Self-check questions.
	"fieldset": true, "legend": true, "input": true, "label": true, "button": true, "details": true, "summary": true,
}

var tagPattern = regexp.MustCompile(`<(/?)([^\s>/]*)`)

func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"", "# T\n\n## A\n\nL'x : « y » !", "[a](01-a.fr.md#b) ![c](images/d.png) [e](#f) [g](/h)",
		"> [!FAIRE] t\n> x", "| a |\n|---|\n| [b](02-b.en.md) |", "x[^1]\n\n[^1]: y [z](03-z.fr.md)",
		"<script>alert(1)</script>", "\x00\x00",
		"::: quiz\n? q\n- [x] a\n- [ ] b\n> e\n:::", "::: quiz\n?\n- [x]\n>\n\tx\n", "> ::: quiz\n> ? q\n- [ ] a", "- - - - x", "a\r\nb\r\n", "`x`'y'\\'",
	} {
		for _, lang := range []bool{true, false} {
			f.Add([]byte(s), lang, false)
		}
	}
	// Every golden case is a seed too.
	files, _ := filepath.Glob("testdata/*.txt")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, c := range parseGolden(f, file, data) {
			f.Add([]byte(invisibleSpaces.Replace(c.markdown)), !strings.Contains(c.options, `"lang":"en"`), strings.Contains(c.options, `"unsafe":true`))
		}
	}
	renderers := map[[2]bool]*Renderer{}
	for _, fr := range []bool{true, false} {
		for _, unsafe := range []bool{true, false} {
			lang := "en"
			if fr {
				lang = "fr"
			}
			renderers[[2]bool{fr, unsafe}] = New(Options{Lang: lang, UnsafeHTML: unsafe})
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, french, unsafe bool) {
		const first = 5
		doc := renderers[[2]bool{french, unsafe}].Render(src, RenderOptions{Path: "content/x/01-a.fr.md", BodyLine: first})
		last := first + bytes.Count(src, []byte("\n"))
		calls := 0
		html := doc.HTML(func(r Ref) string {
			calls++
			return "u"
		})
		if calls != len(doc.Refs) {
			t.Fatalf("resolve called %d times for %d refs", calls, len(doc.Refs))
		}
		for _, r := range doc.Refs {
			if r.Line < first || r.Line > last {
				t.Fatalf("ref %+v: line outside %d..%d", r, first, last)
			}
		}
		for _, d := range doc.Diagnostics {
			if d.Line < first || d.Line > last {
				t.Fatalf("diagnostic %s: line outside %d..%d", d, first, last)
			}
		}
		for _, h := range doc.Headings {
			if h.Line < first || h.Line > last || h.Level < 2 || h.Level > 6 {
				t.Fatalf("heading %+v out of range", h)
			}
		}
		if bytes.IndexByte(html, 0) >= 0 {
			t.Fatalf("NUL in output %q", html)
		}
		if utf8.Valid(src) {
			if !utf8.Valid(html) || !utf8.ValidString(doc.PlainText()) {
				t.Fatalf("invalid UTF-8 in output of valid input")
			}
			for _, s := range doc.Sections {
				if !utf8.ValidString(s.Text) || !utf8.ValidString(s.Heading) {
					t.Fatalf("invalid UTF-8 in section %+v", s)
				}
			}
		}
		if !unsafe {
			for _, m := range tagPattern.FindAllSubmatch(html, -1) {
				if !allowedTags[string(m[2])] {
					t.Fatalf("tag <%s%s> in output without unsafe_html:\n%s", m[1], m[2], html)
				}
			}
		}
		// What the build cache keeps reads back as the same Doc.
		enc, err := doc.AppendBinary(nil)
		if err != nil {
			t.Fatal(err)
		}
		var back Doc
		if err := back.UnmarshalBinary(enc); err != nil {
			t.Fatalf("decoding an encoded Doc: %v", err)
		}
		if !reflect.DeepEqual(normalDoc(back), normalDoc(*doc)) {
			t.Fatalf("Doc changed through its encoding:\n%+v\n%+v", back, *doc)
		}
	})
}

// normalDoc makes empty and nil slices equal, as the encoding does not
// tell them apart.
func normalDoc(d Doc) Doc {
	if len(d.Headings) == 0 {
		d.Headings = nil
	}
	if len(d.Sections) == 0 {
		d.Sections = nil
	}
	if len(d.Refs) == 0 {
		d.Refs = nil
	}
	if len(d.Diagnostics) == 0 {
		d.Diagnostics = nil
	}
	if len(d.html) == 0 {
		d.html = nil
	}
	if len(d.slots) == 0 {
		d.slots = nil
	}
	return d
}

// TestDocEncodingRoundTrip encodes a long chapter with every feature, and
// checks that damaged encodings are refused, never half read.
func TestDocEncodingRoundTrip(t *testing.T) {
	doc := New(Options{Lang: "fr"}).Render([]byte(frenchChapter()+"\n[cassé](99-absent.fr.md)\n"), RenderOptions{Path: "content/x/01-a.fr.md", BodyLine: 5})
	if len(doc.Refs) == 0 || len(doc.Headings) == 0 || len(doc.Sections) == 0 {
		t.Fatalf("the chapter lacks refs, headings or sections: %+v", doc)
	}
	enc, err := doc.AppendBinary([]byte("prefix"))
	if err != nil {
		t.Fatal(err)
	}
	enc = enc[len("prefix"):]
	var back Doc
	if err := back.UnmarshalBinary(enc); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(normalDoc(back), normalDoc(*doc)) {
		t.Fatal("Doc changed through its encoding")
	}
	resolve := func(r Ref) string { return "u/" + r.Target }
	if !bytes.Equal(back.HTML(resolve), doc.HTML(resolve)) {
		t.Error("HTML differs after decoding")
	}
	for _, cut := range []int{0, 1, len(enc) / 2, len(enc) - 1} {
		var d Doc
		if err := d.UnmarshalBinary(enc[:cut]); err == nil {
			t.Errorf("encoding cut at %d of %d accepted", cut, len(enc))
		}
	}
	if err := new(Doc).UnmarshalBinary(append(slices.Clone(enc), 0)); err == nil {
		t.Error("trailing byte accepted")
	}
}

// FuzzUnmarshalDoc checks that no bytes make decoding, or using what it
// decoded, panic.
func FuzzUnmarshalDoc(f *testing.F) {
	for _, src := range []string{"", "# T\n\n## A\n\n[a](01-a.fr.md#b) x[^1]\n\n[^1]: y"} {
		enc, _ := New(Options{Lang: "fr"}).Render([]byte(src), RenderOptions{BodyLine: 1}).AppendBinary(nil)
		f.Add(enc)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var d Doc
		if d.UnmarshalBinary(data) != nil {
			return
		}
		d.HTML(func(r Ref) string { return r.Target })
		_ = d.PlainText()
	})
}

// frenchChapter returns a chapter of about 1,500 words with the features
// the renderer handles.
func frenchChapter() string {
	var b strings.Builder
	b.WriteString("Cette charte s'applique à tout le personnel : elle précise les règles d'utilisation des médias sociaux.\n\n")
	for s := 1; s <= 6; s++ {
		fmt.Fprintf(&b, "## %d. Règles d'usage numéro %d\n\n", s, s)
		b.WriteString("Chaque employé représente l'organisation lorsqu'il publie ; il doit donc faire preuve de jugement, de courtoisie et de discrétion. ")
		b.WriteString("Avant de publier, demandez-vous : « Serais-je à l'aise de voir ce message en une d'un journal ? » Si la réponse est non, abstenez-vous !\n")
		fmt.Fprintf(&b, "Voir aussi [la netiquette](04-netiquette.fr.md#exemples) et [la section suivante](#%d-regles-d-usage-numero-%d)[^n%d].\n\n", s+1, s+1, s)
		b.WriteString("- Vérifier les faits avant de partager une information ;\n")
		b.WriteString("- ne jamais divulguer de renseignements personnels ou confidentiels ;\n")
		b.WriteString("  - même dans un groupe privé ou une messagerie ;\n")
		b.WriteString("- signaler toute situation délicate à l'équipe des communications.\n\n")
		b.WriteString("### Exemples concrets\n\n")
		b.WriteString("| Situation | À faire | À éviter |\n|---|---|---|\n")
		b.WriteString("| Critique d'un client | Répondre poliment, rediriger vers le service | Argumenter publiquement |\n")
		b.WriteString("| Rumeur en ligne | Informer les communications | Commenter sans vérifier |\n")
		b.WriteString("| Question d'un journaliste | Orienter vers un porte-parole accrédité | Répondre au nom de l'organisation |\n\n")
		b.WriteString("> [!FAIRE] Bonne pratique\n> Prenez le temps de relire votre message ; la précipitation mène souvent à l'erreur.\n\n")
		b.WriteString("> [!EVITER]\n> Publier sous le coup de l'émotion, surtout en réponse à une critique.\n\n")
		b.WriteString("Les employés qui ont des doutes peuvent consulter le guide complet ![schéma](images/schema.svg) ou écrire à communications@example.com. ")
		b.WriteString("Les règles s'appliquent en tout temps, y compris en dehors des heures de travail, lorsque le lien avec l'employeur est apparent. ")
		b.WriteString("Les comptes officiels sont gérés exclusivement par les personnes désignées : aucune autre personne ne peut s'exprimer en leur nom. ")
		b.WriteString("En cas de crise, seules les déclarations approuvées sont diffusées, et elles le sont par les canaux prévus à cette fin.\n\n")
		fmt.Fprintf(&b, "[^n%d]: Référence interne %d, mise à jour selon la politique de l'organisation.\n\n", s, s)
	}
	return b.String()
}

func BenchmarkRender(b *testing.B) {
	src := []byte(frenchChapter())
	b.Logf("chapter of %d words", len(strings.Fields(string(src))))
	r := New(Options{Lang: "fr"})
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		doc := r.Render(src, RenderOptions{Path: "content/2024.1/01-usage.fr.md", BodyLine: 8})
		_ = doc.HTML(func(r Ref) string { return "../" + r.Slug + "/" })
	}
}

func TestTypeset(t *testing.T) {
	tests := []struct{ lang, in, want string }{
		{"fr", "Règle : l'agrément ! « test » ; oui ?", "Règle\u00a0: l’agrément\u202f! «\u00a0test\u00a0»\u202f; oui\u202f?"},
		{"fr", "10:30, http://x", "10:30, http://x"},
		{"fr", "«déjà»", "«\u00a0déjà\u00a0»"},
		{"en", "Don't : stop !", "Don’t : stop !"},
		{"fr", "", ""},
	}
	for _, tc := range tests {
		if got := Typeset(tc.lang, tc.in); got != tc.want {
			t.Errorf("Typeset(%q, %q) = %q, want %q", tc.lang, tc.in, got, tc.want)
		}
	}
}

// TestHTMLOnly checks that leaving out the text changes nothing of the HTML
// or the diagnostics.
func TestHTMLOnly(t *testing.T) {
	src := []byte(frenchChapter() + "\n[cassé](99-absent.fr.md)\n")
	r := New(Options{Lang: "fr"})
	o := RenderOptions{Path: "content/x/01-a.fr.md", BodyLine: 5, IDPrefix: "a--", HeadingShift: 1}
	full := r.Render(src, o)
	o.HTMLOnly = true
	lean := r.Render(src, o)
	resolve := func(r Ref) string { return "u/" + r.Target }
	if !bytes.Equal(full.HTML(resolve), lean.HTML(resolve)) {
		t.Error("HTML differs")
	}
	if !reflect.DeepEqual(full.Diagnostics, lean.Diagnostics) || !reflect.DeepEqual(full.Refs, lean.Refs) {
		t.Error("diagnostics or refs differ")
	}
	if lean.PlainText() != "" || lean.Sections != nil || lean.Headings != nil {
		t.Error("text kept with HTMLOnly")
	}
}

// TestNoPlainText checks that leaving out the plain text keeps everything
// else of the Doc: HTML, headings, sections, refs and diagnostics.
func TestNoPlainText(t *testing.T) {
	src := []byte(frenchChapter() + "\n[cassé](99-absent.fr.md)\n")
	r := New(Options{Lang: "fr"})
	o := RenderOptions{Path: "content/x/01-a.fr.md", BodyLine: 5}
	full := r.Render(src, o)
	o.NoPlainText = true
	lean := r.Render(src, o)
	resolve := func(r Ref) string { return "u/" + r.Target }
	if !bytes.Equal(full.HTML(resolve), lean.HTML(resolve)) {
		t.Error("HTML differs")
	}
	if !reflect.DeepEqual(full.Diagnostics, lean.Diagnostics) || !reflect.DeepEqual(full.Refs, lean.Refs) ||
		!reflect.DeepEqual(full.Headings, lean.Headings) || !reflect.DeepEqual(full.Sections, lean.Sections) {
		t.Error("diagnostics, refs, headings or sections differ")
	}
	if full.PlainText() == "" {
		t.Fatal("the chapter has no plain text: the test proves nothing")
	}
	if lean.PlainText() != "" {
		t.Error("plain text kept with NoPlainText")
	}
}

// TestDocSum checks that a Doc's sum stays through its encoding and tells
// apart bodies that fill to other bytes whatever their Refs resolve to:
// another text, a link elsewhere, a slot where there was plain text. (Which
// target each slot takes is the Refs', which a page's key adds.)
func TestDocSum(t *testing.T) {
	r := New(Options{Lang: "fr"})
	render := func(src string) *Doc {
		return r.Render([]byte(src), RenderOptions{Path: "content/x/01-a.fr.md", BodyLine: 1})
	}
	doc := render(frenchChapter())
	if doc.Sum() != render(frenchChapter()).Sum() {
		t.Error("two renderings of one text sum differently")
	}
	enc, err := doc.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	var back Doc
	if err := back.UnmarshalBinary(enc); err != nil {
		t.Fatal(err)
	}
	if back.Sum() != doc.Sum() {
		t.Error("the sum changed through the encoding")
	}
	cases := map[string][2]string{
		"text":         {"Un texte.\n", "Un autre texte.\n"},
		"slot moved":   {"[a](02-b.fr.md) b\n", "a [b](02-b.fr.md)\n"},
		"slot vs text": {"[a](02-b.fr.md)\n", "[a](https://example.com/)\n"},
	}
	for name, c := range cases {
		if render(c[0]).Sum() == render(c[1]).Sum() {
			t.Errorf("%s: %q and %q sum alike", name, c[0], c[1])
		}
	}
}
