package search

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
)

// synthCorpus returns n French chapters made of a Zipf-distributed
// vocabulary of policy words and generated words, with stop words at the
// rate of French prose (about 4 in 10), 6 to 9 sections of 90 to 170 words
// each: about 1,100 words per chapter, like the real chapters.
func synthCorpus(n int, seed uint64) []Doc {
	rng := rand.New(rand.NewPCG(seed, 1))
	base := strings.Fields(`politique réseau réseaux social sociaux compte comptes publication publications
		employé employés client clients message messages règle règles média médias information informations
		communication communications porte-parole critique critiques commentaire commentaires réponse réponses
		sécurité confidentialité renseignements personnels consentement photo photos vidéo vidéos image images
		droit droits auteur formation accréditation crise calendrier éditorial approbation nétiquette humour ton
		courtoisie modération plainte délai délais privé public officiel officielle officiels gestionnaire
		communauté directeur direction juridique influenceur influenceurs partenariat divulgation contrat lien
		liens affiliation usage personnel opinion opinions travail heures mot passe authentification facteurs
		piratage piraté incident registre accès trimestre licence musique banque plateforme plateformes`)
	syll := strings.Fields(`ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge gi go la le li lo lu
		ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo
		tion ment ré pré é è con com pro dé ex in per ter par por sion té que gue eur euse ance ence al el ou
		oi an en on un ar er ir or ur ai au eau ch tr pl br cr gr fl bl st sp`)
	seen := map[string]bool{}
	vocab := []string{}
	for _, w := range base {
		if !seen[w] {
			seen[w] = true
			vocab = append(vocab, w)
		}
	}
	for len(vocab) < 40000 {
		k := 2 + rng.IntN(3)
		var b strings.Builder
		for range k {
			b.WriteString(syll[rng.IntN(len(syll))])
		}
		w := b.String()
		if rng.IntN(4) == 0 {
			w += "s"
		}
		if !seen[w] {
			seen[w] = true
			vocab = append(vocab, w)
		}
	}
	// The policy words take random ranks among the first 500, and the most
	// frequent word makes about 0.8% of the content words, as in French
	// prose once stop words are set apart.
	for i := range base {
		j := rng.IntN(500)
		vocab[i], vocab[j] = vocab[j], vocab[i]
	}
	stops := DefaultRules().Langs["fr"].Stop
	zipf := rand.NewZipf(rng, 1.07, 20, uint64(len(vocab)-1))
	words := func(k int) string {
		var b strings.Builder
		for i := range k {
			if i > 0 {
				b.WriteByte(' ')
			}
			if rng.IntN(10) < 4 {
				b.WriteString(stops[rng.IntN(len(stops))])
			} else {
				b.WriteString(vocab[zipf.Uint64()])
			}
		}
		return b.String()
	}
	tags := make([]string, 60)
	for i := range tags {
		tags[i] = vocab[10+i*7]
	}
	docs := make([]Doc, n)
	for i := range docs {
		slug := fmt.Sprintf("chapitre-%d", i+1)
		d := Doc{Slug: slug, Title: words(2 + rng.IntN(4)), Summary: words(12 + rng.IntN(9)), URL: "fr/" + slug + "/"}
		for range 2 + rng.IntN(3) {
			d.Tags = append(d.Tags, tags[rng.IntN(len(tags))])
		}
		d.Sections = append(d.Sections, Section{Text: words(40 + rng.IntN(40))})
		for k := range 6 + rng.IntN(4) {
			h := fmt.Sprintf("%d. %s", k+1, words(2+rng.IntN(4)))
			d.Sections = append(d.Sections, Section{Anchor: anchorID(h), Heading: h, Text: words(90 + rng.IntN(81))})
		}
		docs[i] = d
	}
	return docs
}

func BenchmarkBuildIndex(b *testing.B) {
	docs := synthCorpus(2000, 1)
	b.ResetTimer()
	for b.Loop() {
		Build("fr", "bench", docs)
	}
}

// queryBytes runs query on files as the browser does on a first visit and
// returns the files it fetched (directory, shards, and the pack for the
// heads and texts of the first `shown` results) with their total size, raw
// and gzipped: the pack's part is the bytes of its ranges, which are sent
// as they are.
func queryBytes(t testing.TB, files map[string][]byte, query string, shown int) (names []string, raw, gz int) {
	t.Helper()
	ix, err := openRef(files)
	if err != nil {
		t.Fatal(err)
	}
	res, err := ix.search(query)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res[:min(shown, len(res))] {
		if _, _, err := ix.text(r.doc, r.section); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range ix.fetched {
		if strings.HasSuffix(name, "/"+packName) {
			continue
		}
		raw += len(files[name])
		gz += gzipLen(files[name])
	}
	return ix.fetched, raw + ix.ranged, gz + ix.ranged
}

func gzipLen(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, 6)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// indexStats sums the sizes of the files by kind.
func indexStats(files map[string][]byte) string {
	var dir, dirGz, shards, texts, nShards, nTexts int
	for name, b := range files {
		switch {
		case strings.HasSuffix(name, "/index.json"):
			dir, dirGz = len(b), gzipLen(b)
		case strings.Contains(name, "/s/"):
			shards += len(b)
			nShards++
		default:
			texts += len(b)
			nTexts++
		}
	}
	return fmt.Sprintf("directory %d B (%d gz), %d shards %d KB, %d texts %d KB", dir, dirGz, nShards, shards>>10, nTexts, texts>>10)
}

// TestFirstQueryBytes reports what a first query fetches (the directory,
// the shards of its words, the texts of the 10 results a page shows) on the
// fixture and on a synthetic 2,000-chapter handbook, and holds the latter
// to half of Pagefind's 205 KB gzipped.
func TestFirstQueryBytes(t *testing.T) {
	type corpus struct {
		name    string
		lang    string
		docs    []Doc
		queries []string
	}
	corpora := []corpus{
		{"fixture fr", "fr", loadFixture(t, "fr"), []string{"netiq", "renseignements personnels", "mot de passe"}},
		{"fixture en", "en", loadFixture(t, "en"), []string{"netiq", "personal information", "password"}},
	}
	if !testing.Short() {
		docs := synthCorpus(2000, 1)
		corpora = append(corpora, corpus{"synthetic 2000 fr", "fr", docs, []string{"réseaux", "netiq", "politique de confidentialité", "communication", "publications employés", "gestionnaire communauté"}})
	}
	for _, c := range corpora {
		files := Build(c.lang, "x", c.docs).Files()
		t.Logf("%s: %s", c.name, indexStats(files))
		for _, q := range c.queries {
			names, raw, gz := queryBytes(t, files, q, 10)
			shards := 0
			for _, n := range names {
				if strings.Contains(n, "/s/") {
					shards++
				}
			}
			t.Logf("  %-32q %2d files (%d shards): %6d B raw, %6d B gzipped", q, len(names), shards, raw, gz)
			if gz > 205_000/2 {
				t.Errorf("%s %q: %d B gzipped, more than half of Pagefind's 205 KB", c.name, q, gz)
			}
		}
	}
}

func TestSynthCorpusDeterministic(t *testing.T) {
	a, b := Build("fr", "x", synthCorpus(50, 7)).Files(), Build("fr", "x", synthCorpus(50, 7)).Files()
	names := make([]string, 0, len(a))
	for k := range a {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if !bytes.Equal(a[k], b[k]) {
			t.Fatalf("%s differs between two builds of the same chapters", k)
		}
	}
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
}
