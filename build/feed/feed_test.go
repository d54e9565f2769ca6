package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"example.com/handbook/build/internal/golden"

	"github.com/mmcdole/gofeed"
)

const hb = "charte-medias-sociaux"

var est = time.FixedZone("EST", -5*3600)

// sampleFeed is a small French feed whose entries are given out of order,
// with titles that need escaping; its Self is the RSS document's URL.
func sampleFeed() *Feed {
	base := "https://intranet.example.com/handbook/fr/"
	return &Feed{
		Title:    "Charte des médias sociaux — modifications",
		Subtitle: "Chaque modification de la charte, la plus récente d’abord",
		Author:   "Communications",
		Lang:     "fr",
		Link:     base,
		Self:     base + "feed.xml",
		ID:       FeedID(hb, "fr", ""),
		Updated:  time.Date(2025, time.March, 1, 0, 0, 0, 0, est),
		Entries: []Entry{
			{
				ID:          EntryID(hb, "2024.1", "fr", ""),
				Title:       "Édition 2024.1, en vigueur le 1er janvier 2024",
				Link:        base + "2024.1/",
				Published:   time.Date(2024, time.January, 1, 0, 0, 0, 0, est),
				Summary:     "Première édition\u00a0: tous les chapitres sont nouveaux.",
				ContentHTML: `<p>Première édition.</p>`,
			},
			{
				ID:          EntryID(hb, "2025.1", "fr", "netiquette"),
				Title:       "Nétiquette & «\u00a0savoir-vivre\u00a0»\u00a0: <répondre> aux \"critiques\" d’abord",
				Link:        base + "2025.1/netiquette/changes/",
				Published:   time.Date(2025, time.March, 1, 0, 0, 0, 0, est),
				Updated:     time.Date(2025, time.March, 1, 9, 30, 0, 0, est),
				Summary:     "Délai de réponse\u00a0: 24 h < 48 h & plus.",
				ContentHTML: `<p>Répondre <del>sous 48 h</del> <ins>sous 24 h</ins> &amp; poliment.</p>`,
				Categories:  []string{"nétiquette", "R&D <interne>"},
			},
			{
				ID:          EntryID(hb, "2025.1", "fr", ""),
				Title:       "Édition 2025.1, en vigueur le 1er mars 2025",
				Link:        base + "2025.1/",
				Published:   time.Date(2025, time.March, 1, 0, 0, 0, 0, est),
				Summary:     "Nouveau délai de réponse.",
				ContentHTML: `<ul><li><a href="https://intranet.example.com/handbook/fr/2025.1/netiquette/">Nétiquette</a></li></ul>`,
			},
		},
	}
}

// sampleFor returns sampleFeed with the Self URL of the named format.
func sampleFor(format string) *Feed {
	f := sampleFeed()
	if format == "atom" {
		f.Self = strings.TrimSuffix(f.Self, "feed.xml") + "atom.xml"
	}
	return f
}

// writers names the two formats for table-driven tests.
var writers = []struct {
	name  string
	write func(io.Writer, *Feed) error
}{
	{"rss", WriteRSS},
	{"atom", WriteAtom},
}

func write(t testing.TB, w func(io.Writer, *Feed) error, f *Feed) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := w(&b, f); err != nil {
		t.Fatalf("write: %v", err)
	}
	return b.Bytes()
}

// checkWellFormed decodes doc with a strict encoding/xml decoder.
func checkWellFormed(t testing.TB, doc []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = true
	depth, roots := 0, 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, doc)
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if roots != 1 || depth != 0 {
		t.Fatalf("want one root element, got %d (depth %d)", roots, depth)
	}
}

func TestGolden(t *testing.T) {
	for _, w := range writers {
		t.Run(w.name, func(t *testing.T) {
			got := write(t, w.write, sampleFor(w.name))
			checkWellFormed(t, got)
			path := filepath.Join("testdata", "fr."+w.name+".xml")
			golden.Check(t, path, got)
		})
	}
}

func TestDeterministic(t *testing.T) {
	for _, w := range writers {
		t.Run(w.name, func(t *testing.T) {
			f := sampleFeed()
			first := write(t, w.write, f)
			if again := write(t, w.write, f); !bytes.Equal(first, again) {
				t.Error("two writes of the same feed differ")
			}
			// Any input order gives the same document.
			g := sampleFeed()
			slices.Reverse(g.Entries)
			if reordered := write(t, w.write, g); !bytes.Equal(first, reordered) {
				t.Error("the order of Entries changes the output")
			}
			// The caller's slice is left as it was.
			if f.Entries[0].ID != EntryID(hb, "2024.1", "fr", "") {
				t.Error("the writer reordered the caller's entries")
			}
		})
	}
}

// wantOrder is the sample's entries newest first, ties by ID.
func wantOrder() []string {
	a, b := EntryID(hb, "2025.1", "fr", "netiquette"), EntryID(hb, "2025.1", "fr", "")
	if b < a {
		a, b = b, a
	}
	return []string{a, b, EntryID(hb, "2024.1", "fr", "")}
}

func TestRSSWithGofeed(t *testing.T) {
	src := sampleFeed()
	doc := write(t, WriteRSS, src)
	f, err := gofeed.NewParser().ParseString(string(doc))
	if err != nil {
		t.Fatalf("gofeed: %v", err)
	}
	if f.FeedType != "rss" || f.FeedVersion != "2.0" {
		t.Errorf("type %s %s, want rss 2.0", f.FeedType, f.FeedVersion)
	}
	checkString(t, "title", f.Title, src.Title)
	checkString(t, "link", f.Link, src.Link)
	checkString(t, "description", f.Description, src.Subtitle)
	checkString(t, "language", f.Language, "fr")
	checkString(t, "atom:link self", f.FeedLink, src.Self)
	checkTime(t, "lastBuildDate", f.UpdatedParsed, src.Updated)
	checkItems(t, f, src, false)
	for _, it := range f.Items {
		if strings.Contains(it.Title, "Nétiquette") {
			checkString(t, "description", it.Description, src.Entries[1].ContentHTML)
			if !slices.Equal(it.Categories, src.Entries[1].Categories) {
				t.Errorf("categories %q, want %q", it.Categories, src.Entries[1].Categories)
			}
		}
	}
	if !bytes.Contains(doc, []byte(`<guid isPermaLink="false">urn:uuid:`)) {
		t.Error(`no <guid isPermaLink="false">`)
	}
	if !bytes.Contains(doc, []byte(`<pubDate>Sat, 01 Mar 2025 00:00:00 -0500</pubDate>`)) {
		t.Errorf("pubDate is not RFC 1123Z:\n%s", doc)
	}
}

func TestAtomWithGofeed(t *testing.T) {
	src := sampleFor("atom")
	doc := write(t, WriteAtom, src)
	f, err := gofeed.NewParser().ParseString(string(doc))
	if err != nil {
		t.Fatalf("gofeed: %v", err)
	}
	if f.FeedType != "atom" || f.FeedVersion != "1.0" {
		t.Errorf("type %s %s, want atom 1.0", f.FeedType, f.FeedVersion)
	}
	checkString(t, "title", f.Title, src.Title)
	checkString(t, "subtitle", f.Description, src.Subtitle)
	checkString(t, "alternate link", f.Link, src.Link)
	checkString(t, "self link", f.FeedLink, src.Self)
	checkString(t, "xml:lang", f.Language, "fr")
	checkTime(t, "updated", f.UpdatedParsed, src.Updated)
	if f.Author == nil || f.Author.Name != "Communications" {
		t.Errorf("author %+v, want Communications", f.Author)
	}
	checkItems(t, f, src, true)
	for _, it := range f.Items {
		if strings.Contains(it.Title, "Nétiquette") {
			checkString(t, "summary", it.Description, src.Entries[1].Summary)
			// gofeed re-serialises html content; the markup must survive.
			if !strings.Contains(it.Content, "<ins>sous 24 h</ins>") || !strings.Contains(it.Content, "<del>sous 48 h</del>") {
				t.Errorf("content %q lost its markup", it.Content)
			}
			checkTime(t, "entry updated", it.UpdatedParsed, src.Entries[1].Updated)
			if !slices.Equal(it.Categories, src.Entries[1].Categories) {
				t.Errorf("categories %q, want %q", it.Categories, src.Entries[1].Categories)
			}
		}
	}
	if !bytes.Contains(doc, []byte(`<published>2025-03-01T00:00:00-05:00</published>`)) {
		t.Errorf("published is not RFC 3339:\n%s", doc)
	}
}

// checkItems checks ids, order, titles, links and dates of the parsed items.
func checkItems(t *testing.T, f *gofeed.Feed, src *Feed, atom bool) {
	t.Helper()
	if len(f.Items) != len(src.Entries) {
		t.Fatalf("%d items, want %d", len(f.Items), len(src.Entries))
	}
	byID := map[string]Entry{}
	for _, e := range src.Entries {
		byID[e.ID] = e
	}
	var ids []string
	for i, it := range f.Items {
		ids = append(ids, it.GUID)
		e, ok := byID[it.GUID]
		if !ok {
			t.Errorf("item %d: unknown id %q", i, it.GUID)
			continue
		}
		checkString(t, "item title", it.Title, e.Title)
		checkString(t, "item link", it.Link, e.Link)
		checkTime(t, "item published", it.PublishedParsed, e.Published)
		if atom && e.Updated.IsZero() {
			checkTime(t, "item updated defaults to published", it.UpdatedParsed, e.Published)
		}
		if i > 0 && it.PublishedParsed != nil && f.Items[i-1].PublishedParsed != nil &&
			it.PublishedParsed.After(*f.Items[i-1].PublishedParsed) {
			t.Errorf("item %d is newer than item %d", i, i-1)
		}
	}
	if want := wantOrder(); !slices.Equal(ids, want) {
		t.Errorf("order %v, want %v", ids, want)
	}
}

func checkString(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

func checkTime(t *testing.T, what string, got *time.Time, want time.Time) {
	t.Helper()
	if got == nil {
		t.Errorf("%s: not parsed", what)
		return
	}
	if !got.Equal(want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// rssDoc and atomDoc read back what the tests check exactly, through
// encoding/xml rather than gofeed (which trims and rewrites).
type rssDoc struct {
	Channel struct {
		Title string `xml:"title"`
		// Links holds <link> and the empty atom:link (encoding/xml matches
		// both by local name); the first is the RSS one.
		Links []string `xml:"link"`
		Items []struct {
			Title       string   `xml:"title"`
			Link        string   `xml:"link"`
			Description string   `xml:"description"`
			GUID        string   `xml:"guid"`
			Categories  []string `xml:"category"`
		} `xml:"item"`
	} `xml:"channel"`
}

type atomDoc struct {
	Lang    string `xml:"lang,attr"`
	Title   string `xml:"title"`
	Entries []struct {
		ID    string `xml:"id"`
		Title string `xml:"title"`
		Link  struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Summary  string `xml:"summary"`
		Content  string `xml:"content"`
		Category []struct {
			Term string `xml:"term,attr"`
		} `xml:"category"`
	} `xml:"entry"`
}

func TestEscaping(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"markup", `a & b < c > d`, `a & b < c > d`},
		{"guillemets and quotes", "«\u00a0citation\u00a0» \"double\" 'simple' ’", "«\u00a0citation\u00a0» \"double\" 'simple' ’"},
		{"cdata end", "x ]]> y", "x ]]> y"},
		{"entity lookalike", "&amp; &#38; &lt;", "&amp; &#38; &lt;"},
		{"html", `<script>alert("x")</script>`, `<script>alert("x")</script>`},
		{"controls dropped", "a\x00b\x01c\x1bd\x7fe", "abcd\x7fe"},
		{"noncharacters dropped", "a\uFFFEb\uFFFFc", "abc"},
		{"invalid utf-8 replaced", "a\xffb\xc3", "a\uFFFDb\uFFFD"},
		{"replacement char kept", "a\uFFFDb", "a\uFFFDb"},
		{"carriage return kept", "a\r\nb\rc", "a\r\nb\rc"},
		{"tabs and newlines kept", "a\tb\nc", "a\tb\nc"},
		{"astral", "😀 𝄞", "😀 𝄞"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := &Feed{
				Title: tc.in, Lang: "fr", ID: "urn:x", Link: "https://e.com/?q=" + tc.in, Self: tc.in,
				Entries: []Entry{{
					ID: "id-" + tc.in, Title: tc.in, Link: "https://e.com/" + tc.in,
					Published: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC),
					Summary:   tc.in, ContentHTML: tc.in, Categories: []string{tc.in},
				}},
			}
			rss := write(t, WriteRSS, f)
			checkWellFormed(t, rss)
			var r rssDoc
			if err := xml.Unmarshal(rss, &r); err != nil {
				t.Fatal(err)
			}
			checkString(t, "rss title", r.Channel.Title, tc.want)
			checkString(t, "rss link", r.Channel.Links[0], "https://e.com/?q="+tc.want)
			it := r.Channel.Items[0]
			checkString(t, "rss item title", it.Title, tc.want)
			checkString(t, "rss description", it.Description, tc.want)
			checkString(t, "rss guid", it.GUID, "id-"+tc.want)
			checkString(t, "rss category", strings.Join(it.Categories, "|"), tc.want)

			atom := write(t, WriteAtom, f)
			checkWellFormed(t, atom)
			var a atomDoc
			if err := xml.Unmarshal(atom, &a); err != nil {
				t.Fatal(err)
			}
			checkString(t, "atom title", a.Title, tc.want)
			e := a.Entries[0]
			checkString(t, "atom entry title", e.Title, tc.want)
			checkString(t, "atom id", e.ID, "id-"+tc.want)
			checkString(t, "atom link href", e.Link.Href, "https://e.com/"+tc.want)
			checkString(t, "atom summary", e.Summary, tc.want)
			checkString(t, "atom content", e.Content, tc.want)
			checkString(t, "atom category term", e.Category[0].Term, tc.want)

			for _, doc := range [][]byte{rss, atom} {
				if _, err := gofeed.NewParser().ParseString(string(doc)); err != nil {
					t.Errorf("gofeed: %v", err)
				}
			}
		})
	}
}

// TestRSSSummaryOnly: without ContentHTML, the plain-text summary is the
// description, escaped as HTML so a reader does not take "<" for markup.
func TestRSSSummaryOnly(t *testing.T) {
	f := sampleFeed()
	f.Entries = []Entry{{ID: "a", Title: "t", Published: f.Updated, Summary: "24 h < 48 h & <b>"}}
	var r rssDoc
	if err := xml.Unmarshal(write(t, WriteRSS, f), &r); err != nil {
		t.Fatal(err)
	}
	checkString(t, "description", r.Channel.Items[0].Description, "24 h &lt; 48 h &amp; &lt;b&gt;")
}

func TestUpdated(t *testing.T) {
	jan := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	mar := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	apr := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		updated time.Time
		entries []Entry
		rss     string
		atom    string
	}{
		{"explicit", apr, []Entry{{ID: "a", Published: jan}}, "Tue, 01 Apr 2025 00:00:00 +0000", "2025-04-01T00:00:00Z"},
		{"newest published", time.Time{}, []Entry{{ID: "a", Published: jan}, {ID: "b", Published: mar}}, "Sat, 01 Mar 2025 00:00:00 +0000", "2025-03-01T00:00:00Z"},
		{"newest updated", time.Time{}, []Entry{{ID: "a", Published: jan, Updated: apr}, {ID: "b", Published: mar}}, "Tue, 01 Apr 2025 00:00:00 +0000", "2025-04-01T00:00:00Z"},
		{"no entries", mar, nil, "Sat, 01 Mar 2025 00:00:00 +0000", "2025-03-01T00:00:00Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := &Feed{Title: "t", ID: "urn:x", Updated: tc.updated, Entries: tc.entries}
			rss := write(t, WriteRSS, f)
			if want := "<lastBuildDate>" + tc.rss + "</lastBuildDate>"; !bytes.Contains(rss, []byte(want)) {
				t.Errorf("RSS lacks %s:\n%s", want, rss)
			}
			atom := write(t, WriteAtom, f)
			if want := "\n  <updated>" + tc.atom + "</updated>"; !bytes.Contains(atom, []byte(want)) {
				t.Errorf("Atom lacks %s:\n%s", want, atom)
			}
			checkWellFormed(t, rss)
			checkWellFormed(t, atom)
		})
	}
}

func TestDates(t *testing.T) {
	lmt := time.FixedZone("LMT", -(4*3600 + 56*60 + 2)) // an offset with seconds
	tests := []struct {
		name      string
		in        time.Time
		rss, atom string
	}{
		{"utc", time.Date(2010, 7, 6, 0, 0, 0, 0, time.UTC), "Tue, 06 Jul 2010 00:00:00 +0000", "2010-07-06T00:00:00Z"},
		{"montreal winter", time.Date(2025, 3, 1, 0, 0, 0, 0, est), "Sat, 01 Mar 2025 00:00:00 -0500", "2025-03-01T00:00:00-05:00"},
		{"offset with seconds goes to utc", time.Date(1880, 1, 1, 0, 0, 0, 0, lmt), "Thu, 01 Jan 1880 04:56:02 +0000", "1880-01-01T04:56:02Z"},
		{"early year padded", time.Date(5, 1, 1, 0, 0, 0, 0, time.UTC), "Sat, 01 Jan 0005 00:00:00 +0000", "0005-01-01T00:00:00Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rss, atom := string(appendDate(nil, tc.in, rssDate)), string(appendDate(nil, tc.in, atomDate))
			if rss != tc.rss {
				t.Errorf("RSS date = %q, want %q", rss, tc.rss)
			}
			if atom != tc.atom {
				t.Errorf("Atom date = %q, want %q", atom, tc.atom)
			}
			back, err := time.Parse(time.RFC1123Z, rss)
			if err != nil || !back.Equal(tc.in) {
				t.Errorf("RFC 822 round trip: %v, %v", back, err)
			}
			back, err = time.Parse(time.RFC3339, atom)
			if err != nil || !back.Equal(tc.in) {
				t.Errorf("RFC 3339 round trip: %v, %v", back, err)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		feed     *Feed
		atomOnly bool
		want     string
	}{
		{"nil feed", nil, false, "nil Feed"},
		{"entry without id", &Feed{ID: "f", Entries: []Entry{{Title: "x", Published: day}}}, false, "no ID"},
		{"duplicate ids", &Feed{ID: "f", Entries: []Entry{{ID: "a", Published: day}, {ID: "a", Published: day}}}, false, `two entries have the ID "a"`},
		{"no published date", &Feed{ID: "f", Entries: []Entry{{ID: "a"}}}, false, "no Published date"},
		{"year 10000", &Feed{ID: "f", Entries: []Entry{{ID: "a", Published: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}}}, false, "year out of range"},
		{"negative year updated", &Feed{ID: "f", Entries: []Entry{{ID: "a", Published: day, Updated: time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)}}}, false, "year out of range"},
		{"no date at all", &Feed{ID: "f"}, false, "Updated is zero"},
		{"atom without id", &Feed{Updated: day}, true, "Atom needs an ID"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, w := range writers {
				var b bytes.Buffer
				err := w.write(&b, tc.feed)
				if tc.atomOnly && w.name == "rss" {
					if err != nil {
						t.Errorf("rss: unexpected error %v", err)
					}
					continue
				}
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("%s: error %v, want one containing %q", w.name, err, tc.want)
				}
				if b.Len() != 0 {
					t.Errorf("%s: wrote %d bytes before failing", w.name, b.Len())
				}
			}
		})
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteError(t *testing.T) {
	for _, w := range writers {
		if err := w.write(failWriter{}, sampleFeed()); err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%s: error %v, want the writer's", w.name, err)
		}
	}
}

func TestOptionalFields(t *testing.T) {
	// A feed with only the required values is still well-formed and parses.
	f := &Feed{ID: "urn:x", Entries: []Entry{{ID: "a", Published: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}}}
	for _, w := range writers {
		doc := write(t, w.write, f)
		checkWellFormed(t, doc)
		p, err := gofeed.NewParser().ParseString(string(doc))
		if err != nil {
			t.Fatalf("%s: gofeed: %v", w.name, err)
		}
		if len(p.Items) != 1 || p.Items[0].GUID != "a" {
			t.Errorf("%s: items %+v", w.name, p.Items)
		}
	}
}

func BenchmarkWriteAtom(b *testing.B) {
	f := sampleFeed()
	base := f.Entries[1]
	f.Entries = make([]Entry, 1000)
	for i := range f.Entries {
		e := base
		e.ID = EntryID(hb, "2025.1", "fr", "chapitre-"+strconv.Itoa(i))
		e.Published = base.Published.AddDate(0, 0, -i)
		e.ContentHTML = strings.Repeat(base.ContentHTML, 5)
		f.Entries[i] = e
	}
	var n int64
	for b.Loop() {
		var c countWriter
		if err := WriteAtom(&c, f); err != nil {
			b.Fatal(err)
		}
		n = int64(c)
	}
	b.SetBytes(n)
	b.ReportAllocs()
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }
