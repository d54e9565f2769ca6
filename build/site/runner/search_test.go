package runner

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	handbook "example.com/handbook"
	"example.com/handbook/build/config"
	"example.com/handbook/build/content"
	"example.com/handbook/build/search"
	"example.com/handbook/build/site"
)

// searchToday is the day the real handbook is built as of: 2025.1 is
// current, 2026.1 a draft.
const searchToday = "2026-11-25"

// TestSearchReal builds the real handbook (content/ at the root of the
// repository) with its drafts, as of searchToday, and checks its search
// indexes: ranking, editions, shared texts and the preview server's
// lazy lookup.
func TestSearchReal(t *testing.T) {
	today, err := time.Parse("2006-01-02", searchToday)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	_, dl, err := Build(context.Background(), config.Options{
		Source: "../../..", Out: out, Drafts: true, Today: config.Day(today),
		Layouts: handbook.Layouts(), Static: handbook.Static(),
	})
	if err != nil || dl.HasErrors() {
		t.Fatalf("build the real handbook: %v\n%v", err, dl)
	}
	t.Run("ranking", func(t *testing.T) { testSearchRanking(t, out) })
	t.Run("editions", func(t *testing.T) { testSearchEditions(t, out) })
	t.Run("folders", func(t *testing.T) { testSearchFolders(t, out) })
	t.Run("lookup", func(t *testing.T) { testSearchLookupLazy(t, out, today) })
}

// openSearchIndex opens the index of edition in lang in the site at out.
func openSearchIndex(t *testing.T, out, lang, edition string) *search.Index {
	t.Helper()
	ix, err := search.Open(os.DirFS(out), search.IndexDir(lang, edition))
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// realQueries are everyday queries on the real handbook, typed as people
// type them (no accents, unfinished words, plurals, a typo), with the
// chapters an employee who typed them is looking for, one of which must
// be in the top 3. A case with a reason in known is a known weakness: it
// must still miss the top 3 (the test fails once it passes, so that the
// mark goes).
var realQueries = []struct {
	lang, query string
	want        []string
	known       string
}{
	{"fr", "photo client", []string{"renseignements-personnels"}, ""},
	{"fr", "photos de clients", []string{"renseignements-personnels"}, ""},
	{"fr", "supprimer commentaire", []string{"critiques", "netiquette"}, ""},
	{"fr", "agrement renouvellement", []string{"formation-et-agrement"}, ""},
	{"fr", "suspension de l agrement", []string{"formation-et-agrement"}, ""},
	{"fr", "examen echoue", []string{"formation-et-agrement"}, ""},
	{"fr", "loi 25", []string{"renseignements-personnels"}, ""},
	{"fr", "fuite donnees", []string{"renseignements-personnels"}, ""},
	{"fr", "ecoute sociale", []string{"renseignements-personnels"}, ""},
	{"fr", "personnes en europe", []string{"renseignements-personnels"}, ""},
	{"fr", "renseignement personel", []string{"renseignements-personnels"}, ""},
	{"fr", "crise niveau 3", []string{"crise-et-escalade"}, ""},
	{"fr", "declaration d attente", []string{"crise-et-escalade"}, ""},
	{"fr", "qui appeler", []string{"crise-et-escalade"}, ""},
	{"fr", "porte parole", []string{"formation-et-agrement", "portee-et-roles"}, ""},
	{"fr", "responsable de communaute", []string{"portee-et-roles", "glossaire"}, communityLead},
	{"fr", "usurpation compte officiel", []string{"portee-et-roles"}, ""},
	{"fr", "avertissement linkedin", []string{"usage-personnel"}, ""},
	{"fr", "harcelement", []string{"usage-personnel"}, ""},
	{"fr", "harcelemnt", []string{"usage-personnel"}, ""},
	{"fr", "opinions politiques", []string{"usage-personnel"}, ""},
	{"fr", "quitter l entreprise", []string{"usage-personnel"}, ""},
	{"fr", "conflit d interets", []string{"divulgation"}, ""},
	{"fr", "anonymat", []string{"divulgation"}, ""},
	{"fr", "periode de silence", []string{"divulgation"}, ""},
	{"fr", "createurs de contenu", []string{"divulgation"}, ""},
	{"fr", "netiquette humour", []string{"netiquette"}, ""},
	{"fr", "netiq", []string{"netiquette"}, ""},
	{"fr", "journal de moderation", []string{"netiquette"}, ""},
	{"fr", "client mecontent", []string{"netiquette", "critiques"}, ""},
	{"fr", "delais de reponse", []string{"critiques", "crise-et-escalade"}, ""},
	{"fr", "plaintes", []string{"critiques"}, ""},
	{"fr", "regle des quatre yeux", []string{"politique-editoriale"}, ""},
	{"fr", "concours", []string{"politique-editoriale"}, ""},
	{"fr", "accessibilite", []string{"politique-editoriale"}, ""},
	{"fr", "cinq principes", []string{"etat-d-esprit"}, ""},
	{"fr", "transparence", []string{"etat-d-esprit"}, ""},
	{"fr", "glossaire", []string{"glossaire"}, ""},

	{"en", "disclaimer", []string{"usage-personnel"}, ""},
	{"en", "mindset", []string{"etat-d-esprit"}, ""}, // content/search-synonyms.en.txt: state of mind
	{"en", "linkedin disclaimer", []string{"usage-personnel"}, ""},
	{"en", "personal account", []string{"usage-personnel"}, ""},
	{"en", "harassment", []string{"usage-personnel"}, ""},
	{"en", "leaving the company", []string{"usage-personnel"}, ""},
	{"en", "leak", []string{"renseignements-personnels"}, ""},
	{"en", "law 25", []string{"renseignements-personnels"}, ""},
	{"en", "photos of customers", []string{"renseignements-personnels"}, ""},
	{"en", "social listening", []string{"renseignements-personnels"}, ""},
	{"en", "personal informaton", []string{"renseignements-personnels"}, ""},
	{"en", "community lead", []string{"portee-et-roles", "glossaire"}, communityLead},
	{"en", "impersonation", []string{"portee-et-roles"}, ""},
	{"en", "spokespeople", []string{"formation-et-agrement", "portee-et-roles"}, ""},
	{"en", "accreditation renewal", []string{"formation-et-agrement"}, ""},
	{"en", "exam", []string{"formation-et-agrement"}, ""},
	{"en", "conflicts of interest", []string{"divulgation"}, ""},
	{"en", "quiet period", []string{"divulgation"}, ""},
	{"en", "endorsements", []string{"divulgation"}, ""},
	{"en", "inside information", []string{"divulgation"}, ""},
	{"en", "holding statement", []string{"crise-et-escalade"}, ""},
	{"en", "crisis level 3", []string{"crise-et-escalade"}, ""},
	{"en", "angry customer", []string{"netiquette", "critiques"}, ""},
	{"en", "humor", []string{"netiquette"}, ""},
	{"en", "netiq", []string{"netiquette"}, ""},
	{"en", "moderation log", []string{"netiquette"}, ""},
	{"en", "delete comments", []string{"critiques", "netiquette"}, ""},
	{"en", "response times", []string{"critiques", "crise-et-escalade"}, ""},
	{"en", "four eyes rule", []string{"politique-editoriale"}, ""},
	{"en", "contests", []string{"politique-editoriale"}, ""},
	{"en", "five principles", []string{"etat-d-esprit"}, ""},
	{"en", "glossary", []string{"glossaire"}, ""},
}

// communityLead is why the role's name is not found where it is defined:
// edition 2025.1 renamed "gestionnaire de communauté" / "community
// manager" to "responsable de communauté" / "community lead" in seven
// chapters, and the ranking knows no "definition": the glossary's bold
// term in a long list, and the one row of the roles table, weigh less than
// the chapters that use the words in several sections, or "communauté" in
// a heading ("Les règles de la communauté").
const communityLead = "term used in seven chapters; defined in a glossary list and a table row"

// testSearchRanking runs the query table on the current edition of the
// real handbook, ranked by the Go reader (the browser ranks alike:
// build/search checks it in Chromium).
func testSearchRanking(t *testing.T, out string) {
	langs := map[string]int{}
	for _, q := range realQueries {
		langs[q.lang]++
	}
	for lang, n := range langs {
		if n < 30 {
			t.Errorf("%s: %d queries; want at least 30", lang, n)
		}
	}
	for _, lang := range []string{"fr", "en"} {
		t.Run(lang, func(t *testing.T) {
			ix := openSearchIndex(t, out, lang, "2025.1")
			n, rr := 0, 0.0
			for _, q := range realQueries {
				if q.lang != lang {
					continue
				}
				hits, err := ix.Search(q.query, 10)
				if err != nil {
					t.Fatalf("%q: %v", q.query, err)
				}
				var got []string
				rank := 0
				for i, h := range hits {
					got = append(got, h.Slug)
					if rank == 0 && slices.Contains(q.want, h.Slug) {
						rank = i + 1
					}
				}
				n++
				if rank > 0 {
					rr += 1 / float64(rank)
				}
				top3 := rank > 0 && rank <= 3
				switch {
				case q.known != "" && top3:
					t.Errorf("%s %q: known to miss the top 3 (%s), now %s is number %d: drop the mark", lang, q.query, q.known, got[rank-1], rank)
				case q.known != "":
					t.Logf("%s %q: known miss (%s): %s at rank %d, top 3 %v", lang, q.query, q.known, strings.Join(q.want, " or "), rank, got[:min(3, len(got))])
				case !top3:
					t.Errorf("%s %q: want %s in the top 3, got %v", lang, q.query, strings.Join(q.want, " or "), got[:min(3, len(got))])
				}
			}
			t.Logf("%s 2025.1: %d queries, mean reciprocal rank %.3f", lang, n, rr/float64(n))
		})
	}
}

// testSearchEditions checks that each edition's index holds that
// edition's text and links its URLs: "deepfake" appears only in the 2026.1
// draft; the current edition links stable URLs, older ones permanent URLs.
func testSearchEditions(t *testing.T, out string) {
	for _, tc := range []struct {
		lang, edition, query string
		want                 string // first slug, "" for no result
		url                  string // the first hit's URL, up to the anchor
	}{
		{"fr", "2025.1", "deepfake", "", ""},
		{"en", "2025.1", "deepfake", "", ""},
		{"fr", "2026.1", "deepfake", "divulgation", "fr/2026.1/divulgation/"},
		{"en", "2026.1", "deepfakes", "divulgation", "en/2026.1/disclosure/"}, // its English slug
		{"fr", "2026.1", "hypertrucage", "divulgation", "fr/2026.1/divulgation/"},
		{"fr", "2025.1", "netiquette", "netiquette", "fr/netiquette/"},
		{"fr", "2024.1", "netiquette", "netiquette", "fr/2024.1/netiquette/"},
		{"en", "2024.1", "netiquette", "netiquette", "en/2024.1/netiquette/"},
	} {
		t.Run(tc.lang+"-"+tc.edition+"-"+tc.query, func(t *testing.T) {
			hits, err := openSearchIndex(t, out, tc.lang, tc.edition).Search(tc.query, 3)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tc.want == "" && len(hits) > 0:
				t.Errorf("found %s; want nothing", hits[0].Slug)
			case tc.want == "":
			case len(hits) == 0:
				t.Errorf("no result; want %s", tc.want)
			case hits[0].Slug != tc.want:
				t.Errorf("first result %s; want %s", hits[0].Slug, tc.want)
			case strings.Split(hits[0].URL, "#")[0] != tc.url:
				t.Errorf("first result links %s; want %s", hits[0].URL, tc.url)
			}
		})
	}
}

// testSearchFolders checks that every index of the site is one folder
// holding its directory, its shards and its pack, and nothing of the
// search lies outside them.
func testSearchFolders(t *testing.T, out string) {
	want := map[string]bool{"search/editions.json": true}
	for _, lang := range []string{"fr", "en"} {
		for _, ed := range []string{"2024.1", "2025.1", "2026.1"} {
			dir := search.IndexDir(lang, ed)
			for _, name := range []string{"index.json", "p.bin", "s/0.bin"} {
				if _, err := os.Stat(filepath.Join(out, dir, name)); err != nil {
					t.Errorf("%s%s: %v", dir, name, err)
				}
			}
			want[strings.TrimSuffix(dir, "/")] = true
		}
	}
	entries, err := os.ReadDir(filepath.Join(out, "search"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !want["search/"+e.Name()] && !strings.HasSuffix(e.Name(), ".gz") && !strings.HasSuffix(e.Name(), ".br") {
			t.Errorf("search/%s: neither an index folder nor the list of editions", e.Name())
		}
	}
}

// testSearchLookupLazy checks the preview server's path to search files:
// an index is built when one of its files is asked for.
func testSearchLookupLazy(t *testing.T, out string, today time.Time) {
	preview := func() *site.Site {
		root, err := content.OpenSource("../../..")
		if err != nil {
			t.Fatal(err)
		}
		fsys, closeFS := root.FS(), root.Close
		t.Cleanup(func() { closeFS() })
		h, dl := content.Load(fsys, content.LoadOptions{Today: today, Drafts: true})
		if dl.HasErrors() {
			t.Fatal(dl.Err())
		}
		s, dl, err := site.New(context.Background(), fsys, h, config.Options{Drafts: true, Preview: true, Layouts: handbook.Layouts(), Static: handbook.Static()}, nil)
		if err != nil || dl.HasErrors() {
			t.Fatal(err, dl)
		}
		return s
	}
	render := func(s *site.Site, path string) []byte {
		t.Helper()
		p := s.Lookup(path)
		if p == nil {
			t.Fatalf("Lookup(%q): no page", path)
		}
		b, err := s.Render(p)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	dir := search.IndexDir("fr", "2024.1")
	built, err := os.ReadFile(filepath.Join(out, dir, "index.json"))
	if err != nil {
		t.Fatal(err)
	}

	s := preview()
	if got := render(s, dir+"index.json"); string(got) != string(built) {
		t.Errorf("%sindex.json in preview differs from the build's", dir)
	}
	// The pack asked for first, before its index.json.
	pack := search.IndexDir("en", "2025.1") + "p.bin"
	want, err := os.ReadFile(filepath.Join(out, pack))
	if err != nil {
		t.Fatal(err)
	}
	if got := render(preview(), pack); string(got) != string(want) {
		t.Errorf("%s in preview differs from the build's", pack)
	}
	for _, p := range []string{"search/fr-text/000000000000.json", search.IndexDir("fr", "1999.1") + "index.json", dir + "s/999.bin"} {
		if s.Lookup(p) != nil {
			t.Errorf("Lookup(%q): a page for a file that does not exist", p)
		}
	}
}
