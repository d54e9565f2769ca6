package bench

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Editions after the first: a copy of the previous edition in which a
// fixed share of chapters change by a few sentences (with a change line),
// and the others keep their bodies byte for byte (their change lines
// removed). The same step adds an edition to a handbook on disk
// (AddEdition), so it works on the text of the files, not on a model.

// edition is one edition in memory.
type edition struct {
	id       string
	date     time.Time
	langs    []string
	chapters []*chapterFiles
	// changed lists the indices of the chapters changed since the previous
	// edition, with their change lines per language.
	changed []int
	changes [][]string
	// images is the edition's images/ folder on disk, copied along when an
	// edition is added to a handbook on disk; empty for generated ones.
	images string
}

// nextEdition derives the edition after prev: number idx (0-based), with
// id and date given. It draws from the edition's own random stream.
func nextEdition(prev *edition, seed int64, idx int, id string, date time.Time, fraction float64) *edition {
	r := newRand(seed, streamEdition|uint64(idx))
	n := len(prev.chapters)
	chosen := r.Perm(n)[:changedCount(n, fraction)]
	slices.Sort(chosen)
	next := &edition{id: id, date: date, langs: prev.langs, changed: chosen}
	next.chapters = make([]*chapterFiles, n)
	for i, c := range prev.chapters {
		if _, ok := slices.BinarySearch(chosen, i); ok {
			nc, lines := changeChapter(r, c, prev.langs, date)
			next.chapters[i] = nc
			next.changes = append(next.changes, lines)
			continue
		}
		next.chapters[i] = carryChapter(c)
	}
	return next
}

// carryChapter copies c into the next edition unchanged: only its change
// and renamed_from lines go.
func carryChapter(c *chapterFiles) *chapterFiles {
	out := &chapterFiles{slug: c.slug, title: c.title, names: c.names, data: make([][]byte, len(c.data))}
	for k, data := range c.data {
		fm, body, ok := splitFile(data)
		if !ok {
			out.data[k] = data
			continue
		}
		lines := strings.SplitAfter(fm, "\n")
		kept := slices.DeleteFunc(slices.Clone(lines), func(l string) bool {
			return strings.HasPrefix(l, "change:") || strings.HasPrefix(l, "renamed_from:")
		})
		if len(kept) == len(lines) {
			out.data[k] = data
			continue
		}
		out.data[k] = join(strings.Join(kept, ""), body)
	}
	return out
}

// changeChapter changes a few sentences of c: in one paragraph a sentence
// is replaced and one added; half of the time a sentence is added to a
// second paragraph. Every language gets the same change (the draws are
// made once). It sets the change line and the effective date, and returns
// the change line per language.
func changeChapter(r *rand.Rand, c *chapterFiles, langs []string, date time.Time) (*chapterFiles, []string) {
	d := newDoc(langs, nil)
	p1, at := r.Uint64(), r.Uint64()
	// Three candidates for the replaced sentence: the first that differs
	// from the sentence it replaces is used.
	replace := [3]pair{d.sentence(r), d.sentence(r), d.sentence(r)}
	added := d.sentence(r)
	second := r.IntN(2) == 0
	p2 := r.Uint64()
	extra := d.sentence(r)
	reason := changeReasons[r.IntN(len(changeReasons))]

	out := &chapterFiles{slug: c.slug, title: c.title, names: c.names, data: make([][]byte, len(c.data))}
	lines := make([]string, len(c.data))
	for k, data := range c.data {
		v := variant(langs[k])
		fm, body, ok := splitFile(data)
		if !ok {
			out.data[k] = data
			continue
		}
		bl := strings.Split(body, "\n")
		paras := proseLines(bl)
		section := ""
		if len(paras) == 0 {
			bl = append(bl[:len(bl)-1], "", replace[0][v]+" "+added[v], "")
		} else {
			i := paras[p1%uint64(len(paras))]
			bl[i] = editParagraph(bl[i], at, [3]string{replace[0][v], replace[1][v], replace[2][v]}, added[v])
			if second {
				j := paras[p2%uint64(len(paras))]
				bl[j] += " " + extra[v]
			}
			section = sectionOf(bl, i)
		}
		line := capital(reason)[v] + "."
		if section != "" {
			line = "Section " + section + pair{" : ", ": "}[v] + reason[v] + "."
		}
		lines[k] = line
		fm = setKey(fm, "change", quote(line))
		fm = setKey(fm, "effective", date.Format(time.DateOnly))
		out.data[k] = join(fm, strings.Join(bl, "\n"))
	}
	return out, lines
}

// splitFile splits a chapter file into its front matter lines (without the
// --- lines, each ending with a newline) and its body.
func splitFile(data []byte) (fm, body string, ok bool) {
	s := string(data)
	if !strings.HasPrefix(s, "---\n") {
		return "", "", false
	}
	end := strings.Index(s[4:], "\n---\n")
	if end < 0 {
		return "", "", false
	}
	return s[4 : 4+end+1], s[4+end+5:], true
}

func join(fm, body string) []byte {
	return []byte("---\n" + fm + "---\n" + body)
}

// setKey sets key to value in front matter lines: replaced where it
// stands, else added at the end.
func setKey(fm, key, value string) string {
	lines := strings.SplitAfter(fm, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, key+":") {
			lines[i] = key + ": " + value + "\n"
			return strings.Join(lines, "")
		}
	}
	return fm + key + ": " + value + "\n"
}

// proseLines returns the indices of the body lines that are whole
// paragraphs of prose: one line between blank lines, not a heading, list,
// table, quote, footnote, code or HTML, long enough to hold sentences and
// ending like a sentence.
func proseLines(lines []string) []int {
	var out []int
	fence := false
	for i, l := range lines {
		if strings.HasPrefix(l, "```") || strings.HasPrefix(l, "~~~") {
			fence = !fence
			continue
		}
		if fence || len(l) < 40 {
			continue
		}
		if (i > 0 && lines[i-1] != "") || (i+1 < len(lines) && lines[i+1] != "") {
			continue
		}
		if strings.ContainsRune("#-+*_|>[<`!~ \t=", rune(l[0])) {
			continue
		}
		if last, _ := utf8.DecodeLastRuneInString(l); !strings.ContainsRune(".!?»”)]", last) {
			continue // a list's introduction ("... :"), a table without pipes
		}
		if j := strings.IndexFunc(l, func(r rune) bool { return r < '0' || r > '9' }); j > 0 && (l[j] == '.' || l[j] == ')') {
			continue // ordered list item
		}
		out = append(out, i)
	}
	return out
}

// editParagraph replaces one sentence of line that holds no link or
// footnote (the at-th such sentence, modulo their number) with the first
// candidate that differs from it, and appends added.
func editParagraph(line string, at uint64, candidates [3]string, added string) string {
	ss := splitSentences(line)
	var plain []int
	for i, s := range ss {
		if !strings.ContainsAny(s, "[]*`") {
			plain = append(plain, i)
		}
	}
	if len(plain) > 0 {
		i := plain[at%uint64(len(plain))]
		for _, c := range candidates {
			if c != ss[i] {
				ss[i] = c
				break
			}
		}
	}
	return strings.Join(ss, " ") + " " + added
}

// splitSentences splits a paragraph after ".", "!" or "?" (and the closing
// quotes, parentheses or footnote references right after them) followed by
// a space and an upper-case letter or an opening quote.
func splitSentences(p string) []string {
	var out []string
	start := 0
	for i := 0; i < len(p); i++ {
		if p[i] != '.' && p[i] != '!' && p[i] != '?' {
			continue
		}
		j := i + 1
		for j < len(p) {
			if strings.HasPrefix(p[j:], " »") || strings.HasPrefix(p[j:], "\u00a0»") || strings.HasPrefix(p[j:], "\u202f»") {
				j += strings.IndexRune(p[j:], '»') + len("»")
				continue
			}
			if strings.HasPrefix(p[j:], "[^") {
				if k := strings.IndexByte(p[j:], ']'); k > 0 {
					j += k + 1 // a footnote reference stays with its sentence
					continue
				}
			}
			r, n := utf8.DecodeRuneInString(p[j:])
			if r != '»' && r != '”' && r != ')' && r != '*' {
				break
			}
			j += n
		}
		if j+1 >= len(p) || p[j] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(p[j+1:])
		if !unicode.IsUpper(next) && next != '«' && next != '“' {
			continue
		}
		out = append(out, p[start:j])
		start = j + 1
		i = j
	}
	return append(out, p[start:])
}

// sectionOf returns the number of the "## N." section that holds line i,
// or "".
func sectionOf(lines []string, i int) string {
	for ; i >= 0; i-- {
		if rest, ok := strings.CutPrefix(lines[i], "## "); ok {
			n := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' })
			if n > 0 && rest[n] == '.' {
				return rest[:n]
			}
			return ""
		}
	}
	return ""
}

// editionFile is the text of _edition.LANG.md: date, released, a title,
// and release notes that list the changed chapters with their change line.
func editionFile(e *edition, k, total int, first bool) []byte {
	v := variant(e.langs[k])
	var b bytes.Buffer
	b.WriteString("---\n")
	fmt.Fprintf(&b, "date: %s\n", e.date.Format(time.DateOnly))
	b.WriteString("draft: false\n")
	title := pair{"Édition " + e.id, e.id + " edition"}
	fmt.Fprintf(&b, "title: %s\n", quote(title[v]))
	b.WriteString("---\n\n")
	switch {
	case first:
		fmt.Fprintf(&b, pair{"Première édition de la charte : %d chapitres.\n", "First edition of the policy: %d chapters.\n"}[v], total)
	case len(e.changed) == 0:
		b.WriteString(pair{"Cette édition ne modifie aucun chapitre.\n", "This edition changes no chapter.\n"}[v])
	default:
		fmt.Fprintf(&b, pair{"Cette édition modifie %d chapitres sur %d.\n\n", "This edition changes %d of %d chapters.\n\n"}[v], len(e.changed), total)
		for n, i := range e.changed {
			fmt.Fprintf(&b, "- **%s**%s%s\n", e.chapters[i].title[k], pair{" : ", ": "}[v], e.changes[n][k])
		}
	}
	return b.Bytes()
}

// nextID returns an edition id for date that is not in taken: "YYYY.1",
// else "YYYY.2", and so on.
func nextID(date time.Time, taken func(string) bool) string {
	for n := 1; ; n++ {
		id := strconv.Itoa(date.Year()) + "." + strconv.Itoa(n)
		if !taken(id) {
			return id
		}
	}
}
