package bench

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Composing the chapters of the first edition: front matter and a body of
// about a thousand words, in every language at once from the same random
// draws, so that translations match sentence for sentence.

// targetWords is the length of a chapter body, in words of the reference
// language.
const targetWords = 1000

// Random streams: each chapter's first text and each edition's changes draw
// from their own stream, so that one does not shift the others.
const (
	streamChapter = 1 << 32
	streamEdition = 2 << 32
)

func newRand(seed int64, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), stream))
}

// chapterInfo is what other chapters need to know of a chapter: its
// number, slug and title, for links.
type chapterInfo struct {
	number int
	slug   string
	title  pair
	topic  *topic
	width  int // digits of the number in file names
}

// file is the chapter's file name in lang.
func (c *chapterInfo) file(lang string) string {
	return fmt.Sprintf("%0*d-%s.%s.md", c.width, c.number, c.slug, lang)
}

// chapterInfos names the n chapters: topic and aspect from the tables, a
// part number once they are used up, and the chapter number in the slug so
// that slugs are unique.
func chapterInfos(n int) []chapterInfo {
	out := make([]chapterInfo, n)
	w := numberWidth(n)
	for i := range out {
		t := &topics[i%len(topics)]
		a := aspects[(i/len(topics))%len(aspects)]
		part := i / (len(topics) * len(aspects))
		title := pair{t.name[0] + " : " + a.name[0], t.name[1] + ": " + a.name[1]}
		if part > 0 {
			title[0] += fmt.Sprintf(" (partie %d)", part+1)
			title[1] += fmt.Sprintf(" (part %d)", part+1)
		}
		out[i] = chapterInfo{number: i + 1, slug: fmt.Sprintf("%s-%s-%d", t.slug, a.slug, i+1), title: title, topic: t, width: w}
	}
	return out
}

// chapterFiles is one chapter of an edition in every language: file names
// and contents, in the order of the handbook's languages.
type chapterFiles struct {
	slug  string
	title []string
	names []string
	data  [][]byte
}

// composeChapter writes chapter i of the first edition in every language.
func composeChapter(o GenOptions, infos []chapterInfo, i int, date time.Time) *chapterFiles {
	r := newRand(o.Seed, streamChapter|uint64(i))
	c := &infos[i]
	d := newDoc(o.Langs, c.topic)

	// Front matter, drawn before the body.
	owner := owners[c.topic.owner]
	approver := approvers[r.IntN(len(approvers))]
	approved := date.AddDate(0, 0, -14-r.IntN(30))
	review := Today(o).AddDate(1, 0, r.IntN(300))
	audience := pick(r, len(audiences), 1+r.IntN(3))
	tagIdx := pick(r, len(tags), 2+r.IntN(2))
	summary := d.expand(r, summaries[r.IntN(len(summaries))])

	d.body(r, c, infos)

	out := &chapterFiles{slug: c.slug}
	for k, lang := range o.Langs {
		v := variant(lang)
		var b bytes.Buffer
		b.WriteString("---\n")
		fmt.Fprintf(&b, "title: %s\n", quote(c.title[v]))
		fmt.Fprintf(&b, "summary: %s\n", quote(summary[v]))
		fmt.Fprintf(&b, "owner: %s\n", quote(owner[v]))
		fmt.Fprintf(&b, "approved_by: %s\n", quote(approver[v]+", "+approved.Format(time.DateOnly)))
		fmt.Fprintf(&b, "effective: %s\n", date.Format(time.DateOnly))
		fmt.Fprintf(&b, "review_by: %s\n", review.Format(time.DateOnly))
		fmt.Fprintf(&b, "audience: %s\n", quoteList(audiences[:], audience, v))
		fmt.Fprintf(&b, "tags: %s\n", quoteList(tags[:], tagIdx, v))
		b.WriteString("---\n\n")
		b.Write(d.out[k].Bytes())
		out.title = append(out.title, c.title[v])
		out.names = append(out.names, c.file(lang))
		out.data = append(out.data, b.Bytes())
	}
	return out
}

// pick returns k distinct indices below n, in increasing order.
func pick(r *rand.Rand, n, k int) []int {
	p := r.Perm(n)[:min(k, n)]
	idx := make([]int, len(p))
	copy(idx, p)
	for i := 1; i < len(idx); i++ {
		for j := i; j > 0 && idx[j] < idx[j-1]; j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
	return idx
}

// quote writes s as a YAML double-quoted string.
func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func quoteList(table []pair, idx []int, v int) string {
	parts := make([]string, len(idx))
	for i, k := range idx {
		parts[i] = quote(table[k][v])
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// doc accumulates a body in every language.
type doc struct {
	langs []string
	vars  []int
	out   []bytes.Buffer
	topic *topic
	words int // words written so far in the reference language
	notes []pair
}

func newDoc(langs []string, t *topic) *doc {
	d := &doc{langs: langs, out: make([]bytes.Buffer, len(langs)), topic: t}
	for _, l := range langs {
		d.vars = append(d.vars, variant(l))
	}
	return d
}

// text appends p in every language.
func (d *doc) text(p pair) {
	for k := range d.out {
		d.out[k].WriteString(p[d.vars[k]])
	}
	d.words += len(strings.Fields(p[d.vars[0]]))
}

// raw appends s, the same in every language.
func (d *doc) raw(s string) { d.text(pair{s, s}) }

// expand fills the slots of t. It draws one filler for every slot name,
// whether t uses it or not, so that the number of draws does not depend on
// the template; both languages get the same fillers.
func (d *doc) expand(r *rand.Rand, t pair) pair {
	var choice [len(slotNames)]int
	for k := range slotNames {
		if n := len(slotFillers[k]); n > 0 {
			choice[k] = r.IntN(n)
		}
	}
	var out pair
	for v := range out {
		out[v] = fill(t[v], v, &choice, d.topic)
	}
	return out
}

// fill replaces each {slot} of s with its filler in variant v.
func fill(s string, v int, choice *[len(slotNames)]int, t *topic) string {
	if !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		name := s[i+1 : i+j]
		b.WriteString(slotValue(name, v, choice, t))
		s = s[i+j+1:]
	}
}

func slotValue(name string, v int, choice *[len(slotNames)]int, t *topic) string {
	if name == "topic" && t != nil {
		return t.phrase[v]
	}
	for k, n := range slotNames {
		if n == name && len(slotFillers[k]) > 0 {
			return slotFillers[k][choice[k]][v]
		}
	}
	return "{" + name + "}" // {link}, filled by the caller
}

// capital upper-cases the first letter of each variant.
func capital(p pair) pair {
	for v, s := range p {
		r, n := utf8.DecodeRuneInString(s)
		if n > 0 {
			p[v] = string(unicode.ToUpper(r)) + s[n:]
		}
	}
	return p
}

// sentence draws one body sentence.
func (d *doc) sentence(r *rand.Rand) pair {
	return capital(d.expand(r, sentences[r.IntN(len(sentences))]))
}

// body writes the chapter body: an introduction, then numbered sections
// until the text reaches targetWords; some sections hold subsections,
// lists, a table, do/don't boxes; some sentences link to other chapters
// or cite footnotes, defined at the end.
func (d *doc) body(r *rand.Rand, c *chapterInfo, infos []chapterInfo) {
	d.paragraph(r, c, infos, capital(d.expand(r, intros[r.IntN(len(intros))])), 2+r.IntN(2))
	table := -1
	if r.IntN(3) == 0 {
		table = 1 + r.IntN(3)
	}
	order2 := r.Perm(len(headings2))
	order3 := r.Perm(len(headings3))
	n3 := 0
	for sec := 1; d.words < targetWords; sec++ {
		d.heading(2, strconv.Itoa(sec)+". ", headings2[order2[(sec-1)%len(order2)]])
		d.paragraph(r, c, infos, pair{}, 2+r.IntN(3))
		kind := r.IntN(6)
		if sec == table {
			kind = 5
		}
		switch kind {
		case 0:
			d.list(r)
			d.paragraph(r, c, infos, pair{}, 2+r.IntN(2))
		case 1:
			for sub := 1; sub <= 2; sub++ {
				d.heading(3, fmt.Sprintf("%d.%d ", sec, sub), headings3[order3[n3%len(order3)]])
				n3++
				d.paragraph(r, c, infos, pair{}, 2+r.IntN(3))
				if r.IntN(2) == 0 {
					d.list(r)
				}
			}
		case 2:
			d.steps(r)
		case 3:
			d.boxes(r)
			d.paragraph(r, c, infos, pair{}, 1+r.IntN(2))
		case 4:
			d.paragraph(r, c, infos, pair{}, 3+r.IntN(3))
		case 5:
			if sec == table {
				d.table(r)
			} else {
				d.list(r)
			}
		}
	}
	for i, n := range d.notes {
		d.raw(fmt.Sprintf("[^%d]: ", i+1))
		d.text(n)
		d.raw("\n")
		if i < len(d.notes)-1 {
			d.raw("\n")
		}
	}
	// A body ends with exactly one newline, as the loader normalises it.
	for k := range d.out {
		b := bytes.TrimRight(d.out[k].Bytes(), "\n")
		d.out[k].Truncate(len(b))
		d.out[k].WriteByte('\n')
	}
}

func (d *doc) heading(level int, number string, h pair) {
	d.raw(strings.Repeat("#", level) + " " + number)
	d.text(h)
	d.raw("\n\n")
}

// paragraph writes n sentences (after first, when given) on one line;
// now and then a sentence that links to another chapter, or a footnote.
func (d *doc) paragraph(r *rand.Rand, c *chapterInfo, infos []chapterInfo, first pair, n int) {
	var parts []pair
	if first[0] != "" {
		parts = append(parts, first)
	}
	for range n {
		parts = append(parts, d.sentence(r))
	}
	link := len(infos) > 1 && r.IntN(4) == 0
	var target *chapterInfo
	var lt pair
	if link {
		k := r.IntN(len(infos) - 1)
		if k >= c.number-1 {
			k++ // not itself
		}
		target = &infos[k]
		lt = linkSentences[r.IntN(len(linkSentences))]
	}
	note := len(d.notes) < 3 && r.IntN(6) == 0
	var noteAt int
	if note {
		noteAt = r.IntN(len(parts))
		d.notes = append(d.notes, footnotes[r.IntN(len(footnotes))])
	}
	for i, p := range parts {
		if i > 0 {
			d.raw(" ")
		}
		d.text(p)
		if note && i == noteAt {
			d.raw(fmt.Sprintf("[^%d]", len(d.notes)))
		}
	}
	if link {
		d.raw(" ")
		for k, lang := range d.langs {
			v := d.vars[k]
			md := "[" + target.title[v] + "](" + target.file(lang) + ")"
			d.out[k].WriteString(strings.Replace(lt[v], "{link}", md, 1))
		}
		d.words += len(strings.Fields(lt[d.vars[0]])) + len(strings.Fields(target.title[d.vars[0]]))
	}
	d.raw("\n\n")
}

// list writes an introduced bullet list of 4 to 6 items; the last item
// ends with a full stop.
func (d *doc) list(r *rand.Rand) {
	d.text(capital(d.expand(r, listIntros[r.IntN(len(listIntros)-1)])))
	d.raw("\n\n")
	items := pick(r, len(listItems), 4+r.IntN(3))
	r.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
	for i, k := range items {
		it := d.expand(r, listItems[k])
		if i == len(items)-1 {
			for v := range it {
				it[v] = strings.TrimRight(strings.TrimSuffix(it[v], ";"), " ") + "."
			}
		}
		d.raw("- ")
		d.text(it)
		d.raw("\n")
	}
	d.raw("\n")
}

// steps writes a numbered list of whole sentences.
func (d *doc) steps(r *rand.Rand) {
	d.text(capital(d.expand(r, listIntros[5])))
	d.raw("\n\n")
	for i := range 3 + r.IntN(3) {
		d.raw(strconv.Itoa(i+1) + ". ")
		d.text(d.sentence(r))
		d.raw("\n")
	}
	d.raw("\n")
}

// boxes writes a do box and a don't box, with an example and a comment.
func (d *doc) boxes(r *rand.Rand) {
	box := func(marker pair, title, quote, comment pair) {
		d.raw("> ")
		d.text(marker)
		d.raw(" ")
		d.text(title)
		d.raw("\n> *")
		d.text(quote)
		d.raw("*\n>\n> ")
		d.text(comment)
		d.raw("\n\n")
	}
	box(pair{"[!FAIRE]", "[!DO]"}, boxDo[r.IntN(len(boxDo))], boxQuotesDo[r.IntN(len(boxQuotesDo))], boxComments[r.IntN(3)])
	box(pair{"[!EVITER]", "[!DONT]"}, boxDont[r.IntN(len(boxDont))], boxQuotesDont[r.IntN(len(boxQuotesDont))], boxComments[3+r.IntN(3)])
}

// table writes one of the GFM tables, with at least three of its rows.
func (d *doc) table(r *rand.Rand) {
	t := &tables[r.IntN(len(tables))]
	d.text(t.intro)
	d.raw("\n\n|")
	for _, h := range t.header {
		d.raw(" ")
		d.text(h)
		d.raw(" |")
	}
	d.raw("\n|---|---|---|\n")
	keep := 3 + r.IntN(len(t.rows)-2)
	for _, row := range t.rows[:keep] {
		d.raw("|")
		for _, cell := range row {
			d.raw(" ")
			d.text(cell)
			d.raw(" |")
		}
		d.raw("\n")
	}
	d.raw("\n")
}
