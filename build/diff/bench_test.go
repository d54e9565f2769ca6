package diff

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// chapter generates a chapter of about words words: sections with a
// heading, paragraphs and a list. edit is the share of sentences edited
// (a word replaced, inserted or deleted); seed picks the text.
func chapter(seed uint64, words int, edit float64, editSeed uint64) string {
	rng := rand.New(rand.NewPCG(seed, 7))
	erng := rand.New(rand.NewPCG(editSeed, 11))
	vocab := vocabulary(rand.New(rand.NewPCG(seed, 13)), 2000)
	word := func() string { return vocab[rng.IntN(len(vocab))] }
	sentence := func() string {
		n := 8 + rng.IntN(14)
		ws := make([]string, n)
		for i := range ws {
			ws[i] = word()
		}
		if erng.Float64() < edit {
			i := erng.IntN(n)
			switch erng.IntN(3) {
			case 0:
				ws[i] = vocab[erng.IntN(len(vocab))]
			case 1:
				ws = append(ws[:i], append([]string{vocab[erng.IntN(len(vocab))]}, ws[i:]...)...)
			default:
				ws = append(ws[:i], ws[i+1:]...)
			}
		}
		s := strings.Join(ws, " ")
		return strings.ToUpper(s[:1]) + s[1:] + "."
	}
	var b strings.Builder
	count := 0
	for section := 1; count < words; section++ {
		fmt.Fprintf(&b, "<h2 id=\"s%d\">Section %d %s</h2>\n", section, section, word())
		for range 4 {
			b.WriteString("<p>")
			for k := range 5 {
				if k > 0 {
					b.WriteByte(' ')
				}
				s := sentence()
				count += strings.Count(s, " ") + 1
				b.WriteString(s)
			}
			b.WriteString("</p>\n")
		}
		b.WriteString("<ul>\n")
		for range 3 {
			s := sentence()
			count += strings.Count(s, " ") + 1
			fmt.Fprintf(&b, "<li>%s</li>\n", s)
		}
		b.WriteString("</ul>\n")
	}
	return b.String()
}

// vocabulary makes n pseudo-words from French-looking syllables.
func vocabulary(rng *rand.Rand, n int) []string {
	syl := []string{"la", "te", "ri", "mon", "ca", "pé", "dé", "tion", "po", "li", "que", "ver", "sa", "ble", "nu", "mé", "ré", "seau", "so", "cial"}
	out := make([]string, n)
	for i := range out {
		k := 1 + rng.IntN(3)
		var w strings.Builder
		for range k {
			w.WriteString(syl[rng.IntN(len(syl))])
		}
		out[i] = w.String()
	}
	return out
}

func BenchmarkRedline(b *testing.B) {
	base := chapter(1, 5000, 0, 0)
	cases := []struct {
		name     string
		old, new string
	}{
		{"chapter-2pct-edited", base, chapter(1, 5000, 0.02, 5)},
		{"unrelated", base, chapter(2, 5000, 0, 0)},
		{"unrelated-one-block", "<p>" + strings.Join(strings.Fields(stripTags(base)), " ") + "</p>",
			"<p>" + strings.Join(strings.Fields(stripTags(chapter(2, 5000, 0, 0))), " ") + "</p>"},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			o, n := []byte(tc.old), []byte(tc.new)
			b.SetBytes(int64(len(o) + len(n)))
			for b.Loop() {
				Redline(o, n, Options{Lang: "fr"})
			}
		})
	}
}

// stripTags drops the markup of generated text (it has no < in its text).
func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
			b.WriteByte(' ')
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TestGeneratedChapter checks the benchmark's inputs: the edited chapter
// differs in a few places only, and both redlines hold their properties.
func TestGeneratedChapter(t *testing.T) {
	base := chapter(1, 5000, 0, 0)
	edited := chapter(1, 5000, 0.02, 5)
	if n := len(strings.Fields(stripTags(base))); n < 5000 || n > 5600 {
		t.Fatalf("chapter has %d words", n)
	}
	r := Redline([]byte(base), []byte(edited), Options{Lang: "fr"})
	if r.Equal || r.Added == 0 || r.Added > 60 || r.Removed > 60 {
		t.Errorf("2%% edit: %s", resultLine(r))
	}
	checkRedline(t, []byte(base), []byte(edited), r, "fr")
	u := Redline([]byte(base), []byte(chapter(2, 5000, 0, 0)), Options{Lang: "fr"})
	checkRedline(t, []byte(base), []byte(chapter(2, 5000, 0, 0)), u, "fr")
}
