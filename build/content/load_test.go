package content

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"example.com/handbook/build/diag"
)

// day returns a UTC midnight.
func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

const (
	settingsYAML = "id: test\ntitle: {fr: Charte, en: Policy}\nlanguages: [fr, en]\nbase_url: https://example.com/h/\n"
	introFR      = "---\ntitle: Introduction\nowner: Communications\n---\n\nTexte de l'introduction.\n"
	introEN      = "---\ntitle: Introduction\nowner: Communications\n---\n\nIntroduction text.\n"
	netFR        = "---\ntitle: Nétiquette\nowner: Communications\ntags: [web]\n---\n\nSoyez courtois.\n"
	netEN        = "---\ntitle: Netiquette\nowner: Communications\ntags: [web]\n---\n\nBe polite.\n"
)

func editionFile(date string) string { return "---\ndate: " + date + "\n---\n\nNotes.\n" }

// validTree is a small handbook without a fault: two editions of two
// chapters in fr and en, the second edition identical to the first.
func validTree() fstest.MapFS {
	m := fstest.MapFS{"content/handbook.yaml": {Data: []byte(settingsYAML)}}
	for id, date := range map[string]string{"2024.1": "2024-01-15", "2025.1": "2025-01-15"} {
		dir := "content/" + id + "/"
		m[dir+"_edition.fr.md"] = &fstest.MapFile{Data: []byte(editionFile(date))}
		m[dir+"_edition.en.md"] = &fstest.MapFile{Data: []byte(editionFile(date))}
		m[dir+"01-intro.fr.md"] = &fstest.MapFile{Data: []byte(introFR)}
		m[dir+"01-intro.en.md"] = &fstest.MapFile{Data: []byte(introEN)}
		m[dir+"02-netiquette.fr.md"] = &fstest.MapFile{Data: []byte(netFR)}
		m[dir+"02-netiquette.en.md"] = &fstest.MapFile{Data: []byte(netEN)}
	}
	return m
}

// with returns a copy of m with files set (a "" value deletes the file).
func with(m fstest.MapFS, files map[string]string) fstest.MapFS {
	out := fstest.MapFS{}
	for k, v := range m {
		out[k] = v
	}
	for k, v := range files {
		if v == "" && !strings.HasSuffix(k, "!empty") {
			delete(out, k)
			continue
		}
		out[strings.TrimSuffix(k, "!empty")] = &fstest.MapFile{Data: []byte(v)}
	}
	return out
}

func lines(l diag.List) []string {
	out := make([]string, len(l))
	for i, d := range l {
		out[i] = d.String()
	}
	return out
}

func TestValidTree(t *testing.T) {
	h, d := Load(validTree(), LoadOptions{Today: day("2025-06-01")})
	if len(d) != 0 {
		t.Fatalf("diagnostics on a valid tree:\n%s", strings.Join(lines(d), "\n"))
	}
	if len(h.Editions) != 2 || h.Current == nil || h.Current.ID != "2025.1" {
		t.Fatalf("editions %v, current %v", h.Editions, h.Current)
	}
	e := h.Current
	if got := len(e.Chapters); got != 2 {
		t.Fatalf("chapters: %d", got)
	}
	c := e.Chapter("netiquette")
	if c == nil || c.Number != 2 || c.Texts["fr"].Meta.Title != "Nétiquette" || c.Texts["en"].Meta.Tags[0] != "web" {
		t.Fatalf("netiquette: %+v", c)
	}
	fr := c.Texts["fr"]
	if string(fr.Body) != "Soyez courtois.\n" || fr.BodyLine != 7 || fr.KeyLines["tags"] != 4 {
		t.Errorf("body %q line %d keylines %v", fr.Body, fr.BodyLine, fr.KeyLines)
	}
	if e.Previous() != h.Editions[0] || h.Editions[0].Previous() != nil || e.Base() != h.Editions[0] {
		t.Errorf("previous edition wrong")
	}
	if h.Edition("2024.1") != h.Editions[0] || h.Edition("nope") != nil {
		t.Errorf("Edition lookup wrong")
	}
	if c.URLSlug("en") != "netiquette" || e.ChapterAt("en", "netiquette") != c || e.ChapterAt("en", "nope") != nil {
		t.Errorf("URL slug of a chapter without its own: %q", c.URLSlug("en"))
	}
	if string(e.Texts["en"].Body) != "Notes.\n" || !e.Date.Equal(day("2025-01-15")) || !e.Announced.Equal(e.Date) {
		t.Errorf("edition text: %+v", e.Texts["en"])
	}
}

const known = "(known: title, summary, owner, approved_by, effective, review_by, audience, tags, draft, change, renamed_from, slug)"

// TestFaults feeds one fault at a time to an otherwise valid tree and
// expects exactly the diagnostics listed, located.
func TestFaults(t *testing.T) {
	const ed = "content/2025.1/"
	cases := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"malformed YAML", map[string]string{ed + "01-intro.fr.md": "---\ntitle: Introduction\nowner: [Communications\n---\nx\n"},
			[]string{ed + "01-intro.fr.md:3: malformed YAML: did not find expected ',' or ']'"}},
		{"malformed YAML mapping", map[string]string{ed + "01-intro.fr.md": "---\ntitle: Introduction\nowner: a: b\n---\nx\n"},
			[]string{ed + "01-intro.fr.md:3: malformed YAML: mapping values are not allowed in this context"}},
		{"malformed YAML on the first key", map[string]string{ed + "01-intro.fr.md": "---\ntitle: Le respect : notre règle\nowner: C\n---\nx\n"},
			[]string{ed + "01-intro.fr.md:2: malformed YAML: mapping values are not allowed in this context"}},
		{"bad character on the first key", map[string]string{ed + "01-intro.fr.md": "\n---\ntitle: @Introduction\nowner: C\n---\nx\n"},
			[]string{ed + "01-intro.fr.md:3: malformed YAML: found character that cannot start any token"}},
		{"unknown alias", map[string]string{ed + "01-intro.fr.md": "---\ntitle: Introduction\nowner: *dept\n---\nx\n"},
			[]string{ed + "01-intro.fr.md:1: malformed YAML: unknown anchor 'dept' referenced"}},
		{"tab in YAML", map[string]string{ed + "01-intro.fr.md": "---\ntitle: Introduction\n\towner: C\n---\nx\n"},
			[]string{ed + "01-intro.fr.md:3: malformed YAML: found a tab character that violates indentation"}},
		{"unknown key", map[string]string{ed + "01-intro.fr.md": "---\ntitle: Introduction\nowner: C\ntitel: x\n---\nx\n"},
			[]string{ed + `01-intro.fr.md:4: unknown key "titel" ` + known}},
		{"misspelled required key", map[string]string{ed + "01-intro.fr.md": "---\ntitle: Introduction\nownr: C\n---\nx\n"},
			[]string{ed + `01-intro.fr.md:3: unknown key "ownr" (did you mean "owner"?)`}},
		{"capitalised required keys", map[string]string{ed + "01-intro.fr.md": "---\nTitle: Introduction\nOwner: C\n---\nx\n"},
			[]string{ed + `01-intro.fr.md:2: unknown key "Title" (did you mean "title"?)`, ed + `01-intro.fr.md:3: unknown key "Owner" (did you mean "owner"?)`}},
		{"misspelled optional key", map[string]string{ed + "01-intro.fr.md": "---\ntitle: Introduction\nowner: C\ntag: [web]\n---\nx\n"},
			[]string{ed + `01-intro.fr.md:4: unknown key "tag" (did you mean "tags"?)`}},
		{"two misspellings of one key", map[string]string{ed + "01-intro.fr.md": "---\ntitle: Introduction\nownr: C\nowenr: D\n---\nx\n"},
			[]string{ed + `01-intro.fr.md:3: unknown key "ownr" (did you mean "owner"?)`, ed + `01-intro.fr.md:4: unknown key "owenr" ` + known}},
		{"unknown key far from the missing one", map[string]string{ed + "01-intro.fr.md": "---\ntitle: Introduction\nauteur: C\n---\nx\n"},
			[]string{ed + `01-intro.fr.md:1: missing required key "owner"`, ed + `01-intro.fr.md:3: unknown key "auteur" ` + known}},
		{"edition misspelled date", map[string]string{ed + "_edition.en.md": "---\ndaet: 2025-01-15\n---\nNotes.\n"},
			[]string{ed + `_edition.en.md:2: unknown key "daet" (did you mean "date"?)`}},
		{"duplicate key", map[string]string{ed + "01-intro.fr.md": "---\ntitle: Introduction\nowner: C\ntitle: x\n---\nx\n"},
			[]string{ed + `01-intro.fr.md:4: duplicate key "title" (first on line 2)`}},
		{"wrong type bool", map[string]string{ed + "01-intro.fr.md": "---\ntitle: Introduction\nowner: C\ndraft: yes\n---\nx\n"},
			[]string{ed + `01-intro.fr.md:4: draft: want true or false, got "yes"`}},
		{"wrong type quoted bool", map[string]string{ed + "01-intro.fr.md": "---\ntitle: Introduction\nowner: C\ndraft: \"true\"\n---\nx\n"},
			[]string{ed + `01-intro.fr.md:4: draft: want true or false, got "true"`}},
		{"wrong type list", map[string]string{ed + "01-intro.fr.md": "---\ntitle: Introduction\nowner: C\ntags: web\n---\nx\n"},
			[]string{ed + `01-intro.fr.md:4: tags: want a list of strings, e.g. [a, b], got "web"`}},
		{"wrong type list item", map[string]string{ed + "01-intro.fr.md": "---\ntitle: Introduction\nowner: C\naudience:\n  - all\n  - {a: b}\n---\nx\n"},
			[]string{ed + `01-intro.fr.md:6: audience: want a string in the list, got a map`}},
		{"wrong type string", map[string]string{ed + "01-intro.fr.md": "---\ntitle: [a, b]\nowner: C\n---\nx\n"},
			[]string{ed + `01-intro.fr.md:2: title: want a string, got a list`}},
		{"empty title", map[string]string{ed + "01-intro.fr.md": "---\ntitle: \"\"\nowner: C\n---\nx\n"},
			[]string{ed + `01-intro.fr.md:2: title: must not be empty`}},
		{"impossible date", map[string]string{ed + "01-intro.fr.md": "---\ntitle: Introduction\nowner: C\n\nreview_by: 2025-02-30\n---\nx\n"},
			[]string{ed + `01-intro.fr.md:5: review_by: impossible date "2025-02-30"`}},
		{"not a date", map[string]string{ed + "01-intro.fr.md": "---\ntitle: Introduction\nowner: C\neffective: 15/01/2025\n---\nx\n"},
			[]string{ed + `01-intro.fr.md:4: effective: want a date YYYY-MM-DD, got "15/01/2025"`}},
		{"missing required keys", map[string]string{ed + "01-intro.fr.md": "---\nsummary: s\n---\nx\n"},
			[]string{ed + `01-intro.fr.md:1: missing required key "owner"`, ed + `01-intro.fr.md:1: missing required key "title"`}},
		{"empty front matter", map[string]string{ed + "01-intro.fr.md": "---\n---\nx\n"},
			[]string{ed + `01-intro.fr.md:1: missing required key "owner"`, ed + `01-intro.fr.md:1: missing required key "title"`}},
		{"front matter not a map", map[string]string{ed + "01-intro.fr.md": "---\n- a\n- b\n---\nx\n"},
			[]string{ed + `01-intro.fr.md:2: front matter must be keys with values (key: value), got a list`}},
		{"duplicate slug", map[string]string{ed + "03-intro.fr.md": introFR},
			[]string{ed + `03-intro.fr.md:1: duplicate slug "intro": content/2025.1/01-intro.fr.md has it too`}},
		{"bad slug", map[string]string{ed + "03-Intro-2.fr.md": introFR, ed + "03-Intro-2.en.md": introEN},
			[]string{
				ed + `03-Intro-2.en.md: bad slug "Intro-2": use lowercase letters a-z, digits and hyphens, starting with a letter`,
				ed + `03-Intro-2.fr.md: bad slug "Intro-2": use lowercase letters a-z, digits and hyphens, starting with a letter`,
			}},
		{"bad chapter file name", map[string]string{ed + "03-extra.md": introFR},
			[]string{ed + `03-extra.md: bad chapter file name "03-extra.md": want NN-slug.LANG.md, e.g. 04-netiquette.fr.md`}},
		{"reserved slug", map[string]string{ed + "03-search.fr.md": introFR, ed + "03-search.en.md": introEN},
			[]string{
				ed + `03-search.en.md: slug "search" is reserved (it names a page of the site): rename the file`,
				ed + `03-search.fr.md: slug "search" is reserved (it names a page of the site): rename the file`,
			}},
		{"missing translation", map[string]string{ed + "04-extra.fr.md": introFR},
			[]string{ed + `04-extra.fr.md:1: missing translation: no 04-extra.en.md in content/2025.1`}},
		{"missing reference translation", map[string]string{ed + "04-extra.en.md": introEN},
			[]string{ed + `04-extra.en.md:1: missing translation: no 04-extra.fr.md in content/2025.1`}},
		{"number differs between translations", map[string]string{ed + "02-netiquette.en.md": "", ed + "03-netiquette.en.md": netEN},
			[]string{ed + `03-netiquette.en.md:1: number 03 differs from its translation content/2025.1/02-netiquette.fr.md: give the translations the same number`}},
		{"language not in handbook.yaml", map[string]string{ed + "01-intro.de.md": introEN},
			[]string{ed + `01-intro.de.md: language "de" is not one of handbook.yaml's languages (fr, en)`}},
		{"empty edition", map[string]string{"content/2025.2/_edition.fr.md": editionFile("2025-06-01"), "content/2025.2/_edition.en.md": editionFile("2025-06-01")},
			[]string{`content/2025.2: edition has no chapter`}},
		{"bad edition id", map[string]string{"content/v2025/01-intro.fr.md": introFR},
			[]string{`content/v2025: bad edition id "v2025": an edition folder name starts with a digit, then digits, letters, dots or hyphens`}},
		{"edition id with space", map[string]string{"content/2025 2/01-intro.fr.md": introFR},
			[]string{`content/2025 2: bad edition id "2025 2": an edition folder name starts with a digit, then digits, letters, dots or hyphens`}},
		{"not UTF-8", map[string]string{ed + "01-intro.fr.md": "---\ntitle: Introduction\nowner: C\n---\n\nCaf\xe9 cr\xe8me.\n"},
			[]string{ed + `01-intro.fr.md:6: not UTF-8 (byte 0xe9): save the file as UTF-8`}},
		{"BOM accepted", map[string]string{ed + "01-intro.fr.md": "\uFEFF" + introFR}, nil},
		{"BOM with fault on the right line", map[string]string{ed + "01-intro.fr.md": "\uFEFF---\ntitle: Introduction\nowner: C\ndraft: 1\n---\nx\n"},
			[]string{ed + `01-intro.fr.md:4: draft: want true or false, got "1"`}},
		{"CRLF accepted", map[string]string{ed + "01-intro.fr.md": strings.ReplaceAll(introFR, "\n", "\r\n")}, nil},
		{"CRLF with fault on the right line", map[string]string{ed + "01-intro.fr.md": "---\r\ntitle: Introduction\r\nowner: C\r\n\r\ntitel: x\r\n---\r\nx\r\n"},
			[]string{ed + `01-intro.fr.md:5: unknown key "titel" ` + known}},
		{"blank lines before front matter", map[string]string{ed + "01-intro.fr.md": "\n\n---\ntitle: Introduction\nowner: C\ntitel: x\n---\nx\n"},
			[]string{ed + `01-intro.fr.md:6: unknown key "titel" ` + known}},
		{"TOML front matter", map[string]string{ed + "01-intro.fr.md": "+++\ntitle = \"Introduction\"\nowner = \"C\"\n+++\nx\n"},
			[]string{ed + `01-intro.fr.md:1: front matter must be YAML between --- lines`}},
		{"JSON front matter", map[string]string{ed + "01-intro.fr.md": "{\"title\": \"Introduction\", \"owner\": \"C\"}\n\nx\n"},
			[]string{ed + `01-intro.fr.md:1: front matter must be YAML between --- lines`}},
		{"---json front matter", map[string]string{ed + "01-intro.fr.md": "---json\n{\"title\": \"Introduction\", \"owner\": \"C\"}\n---\nx\n"},
			[]string{ed + `01-intro.fr.md:1: front matter must be YAML between --- lines`}},
		{"no front matter", map[string]string{ed + "01-intro.fr.md": "# Introduction\n\nText.\n"},
			[]string{ed + `01-intro.fr.md:1: missing front matter: start the file with YAML between --- lines`}},
		{"unclosed front matter", map[string]string{ed + "01-intro.fr.md": "---\ntitle: Introduction\nowner: C\n\nText.\n"},
			[]string{ed + `01-intro.fr.md:1: front matter is not closed (no --- line after it)`}},
		{"empty file", map[string]string{ed + "01-intro.fr.md!empty": ""},
			[]string{ed + `01-intro.fr.md:1: empty file: a chapter needs front matter between --- lines`}},
		{"blank file", map[string]string{ed + "01-intro.fr.md": "\n  \n"},
			[]string{ed + `01-intro.fr.md:1: empty file: a chapter needs front matter between --- lines`}},
		{"NFD file name", map[string]string{ed + "03-donne\u0301es.fr.md": introFR},
			[]string{ed + "03-donne\u0301es.fr.md" + `: file name is not ASCII: "03-donne\u0301es.fr.md" (slugs use lowercase letters a-z, digits and hyphens; accents are not allowed)`}},
		{"stray file", map[string]string{ed + "notes.txt": "x"},
			[]string{ed + `notes.txt: unexpected file: an edition folder holds _edition.LANG.md, NN-slug.LANG.md and images/`}},
		{"stray folder", map[string]string{ed + "img/a.png": "x"},
			[]string{ed + `img: unexpected folder: an edition folder holds _edition.LANG.md, NN-slug.LANG.md and images/`}},
		{"stray file in content", map[string]string{"content/README.md": "x"},
			[]string{`content/README.md: unexpected file: content/ holds handbook.yaml, search-synonyms.LANG.txt and one folder per edition`}},
		{"editor leftovers ignored", map[string]string{ed + "01-intro.fr.md~": "x", ed + ".#01-intro.fr.md": "x", ed + ".01-intro.fr.md.swp": "x",
			ed + "4913": "x", ed + "#01-intro.fr.md#": "x", ed + ".DS_Store": "x", "content/.git/config": "x"}, nil},
		{"NFD image name", map[string]string{ed + "images/sche\u0301ma.svg": "x"},
			[]string{ed + "images/sche\u0301ma.svg" + `: file name is not ASCII: "sche\u0301ma.svg" (rename it without accents: the name is published in the image's URL)`}},
		{"images listed, not checked", map[string]string{ed + "images/a.png": "x", ed + "images/sub/b.svg": "x"}, nil},
		{"renamed_from unknown", map[string]string{ed + "01-intro.fr.md": "---\ntitle: I\nowner: C\nrenamed_from: preface\nchange: Renamed.\n---\n\nTexte de l'introduction.\n"},
			[]string{ed + `01-intro.en.md:1: missing renamed_from: its translation content/2025.1/01-intro.fr.md has renamed_from: preface`,
				ed + `01-intro.fr.md:4: renamed_from: no chapter "preface" in the previous edition 2024.1`,
				ed + `01-intro.fr.md:5: warning: change: the text did not change since edition 2024.1: remove the change line`}},
		{"renamed_from not a slug", map[string]string{ed + "01-intro.fr.md": "---\ntitle: I\nowner: C\nrenamed_from: Old Intro\n---\nx\n"},
			[]string{ed + `01-intro.fr.md:4: renamed_from: "Old Intro" is not a slug (lowercase letters a-z, digits and hyphens)`}},
		{"slug in a translation", map[string]string{ed + "02-netiquette.en.md": "---\ntitle: Netiquette\nowner: Communications\nslug: online-manners\n---\n\nBe polite.\n"}, nil},
		{"slug in the reference language", map[string]string{ed + "02-netiquette.fr.md": "---\ntitle: Nétiquette\nowner: Communications\nslug: savoir-vivre\n---\n\nSoyez courtois.\n"},
			[]string{ed + `02-netiquette.fr.md:4: slug: fr is the reference language, whose URL slug is the file name's ("netiquette"): rename the file, or remove the slug line`}},
		{"slug not a slug", map[string]string{ed + "02-netiquette.en.md": "---\ntitle: Netiquette\nowner: Communications\nslug: Online Manners\n---\n\nBe polite.\n"},
			[]string{ed + `02-netiquette.en.md:4: slug: "Online Manners" is not a slug (lowercase letters a-z, digits and hyphens, starting with a letter)`}},
		{"slug reserved", map[string]string{ed + "02-netiquette.en.md": "---\ntitle: Netiquette\nowner: Communications\nslug: tags\n---\n\nBe polite.\n"},
			[]string{ed + `02-netiquette.en.md:4: slug: "tags" is reserved (it names a page of the site)`}},
		{"slug taken by another chapter's file name", map[string]string{ed + "02-netiquette.en.md": "---\ntitle: Netiquette\nowner: Communications\nslug: intro\n---\n\nBe polite.\n"},
			[]string{ed + `02-netiquette.en.md:4: slug: "intro" is already the en URL of content/2025.1/01-intro.en.md: choose another`}},
		{"slug freed by the other chapter's own slug", map[string]string{
			ed + "01-intro.en.md":      "---\ntitle: Introduction\nowner: Communications\nslug: foreword\n---\n\nIntroduction text.\n",
			ed + "02-netiquette.en.md": "---\ntitle: Netiquette\nowner: Communications\nslug: intro\n---\n\nBe polite.\n"}, nil},
		{"two translations give one slug", map[string]string{
			ed + "01-intro.en.md":      "---\ntitle: Introduction\nowner: Communications\nslug: manners\n---\n\nIntroduction text.\n",
			ed + "02-netiquette.en.md": "---\ntitle: Netiquette\nowner: Communications\nslug: manners\n---\n\nBe polite.\n"},
			[]string{ed + `02-netiquette.en.md:4: slug: "manners" is already the en URL of content/2025.1/01-intro.en.md: choose another`}},
		{"edition missing date", map[string]string{ed + "_edition.en.md": "---\ntitle: Édition 2025\n---\nNotes.\n"},
			[]string{ed + `_edition.en.md:1: missing required key "date"`}},
		{"edition unknown key", map[string]string{ed + "_edition.en.md": "---\ndate: 2025-01-15\nsummary: x\n---\nNotes.\n"},
			[]string{ed + `_edition.en.md:3: unknown key "summary" (known: date, draft, announced, title)`}},
		{"edition dates disagree", map[string]string{ed + "_edition.en.md": "---\ndate: 2025-01-16\n---\nNotes.\n"},
			[]string{ed + `_edition.en.md:2: date: 2025-01-16 differs from content/2025.1/_edition.fr.md (2025-01-15): the languages of an edition must agree`}},
		{"edition draft disagrees", map[string]string{ed + "_edition.en.md": "---\ndate: 2025-01-15\ndraft: true\n---\nNotes.\n"},
			[]string{ed + `_edition.en.md:3: draft: true differs from content/2025.1/_edition.fr.md (false): the languages of an edition must agree`}},
		{"edition text missing", map[string]string{ed + "_edition.en.md": ""},
			[]string{`content/2025.1: missing _edition.en.md: each edition has its date and release notes in every language`}},
		{"bad edition file name", map[string]string{ed + "_edition.md": "x"},
			[]string{ed + `_edition.md: bad edition file name "_edition.md": want _edition.LANG.md, e.g. _edition.fr.md`}},
		{"no handbook.yaml", map[string]string{"content/handbook.yaml": ""},
			[]string{`content/handbook.yaml: missing: the source folder must hold content/handbook.yaml (is -source right?)`}},
		{"settings unknown key and bad values", map[string]string{"content/handbook.yaml": "id: test\ntitle: {fr: Charte, en: Policy}\nlanguages: [fr, en]\nbase_url: /h/\nunsafe_html: no\nthème: x\n"},
			[]string{
				`content/handbook.yaml:4: base_url: want an absolute http or https URL such as https://intranet.example.com/handbook/, got "/h/"`,
				`content/handbook.yaml:5: unsafe_html: want true or false, got "no"`,
				`content/handbook.yaml:6: unknown key "thème" (known: id, title, languages, base_url, feedback, unsafe_html, acknowledge_url)`,
			}},
		{"acknowledge_url with an unknown placeholder", map[string]string{"content/handbook.yaml": "id: test\ntitle: Charte\nlanguages: [fr, en]\nbase_url: https://example.com/h/\nacknowledge_url: https://forms.example.com/r?e={edition}&who={user}\n"},
			[]string{`content/handbook.yaml:5: acknowledge_url: unknown placeholder {user}: use {edition}, {lang} and {chapter}`}},
		{"acknowledge_url relative", map[string]string{"content/handbook.yaml": "id: test\ntitle: Charte\nlanguages: [fr, en]\nbase_url: https://example.com/h/\nacknowledge_url: /ack?e={edition}\n"},
			[]string{`content/handbook.yaml:5: acknowledge_url: want an absolute URL (https://...) with {edition}, {lang}, {chapter} where the form takes them, got "/ack?e={edition}"`}},
		{"acknowledge_url unclosed brace", map[string]string{"content/handbook.yaml": "id: test\ntitle: Charte\nlanguages: [fr, en]\nbase_url: https://example.com/h/\nacknowledge_url: https://f.example.com/?e={edition\n"},
			[]string{`content/handbook.yaml:5: acknowledge_url: unclosed { in "https://f.example.com/?e={edition"`}},
		{"acknowledge_url fine", map[string]string{"content/handbook.yaml": "id: test\ntitle: Charte\nlanguages: [fr, en]\nbase_url: https://example.com/h/\nacknowledge_url: https://forms.example.com/r?e={edition}&l={lang}&c={chapter}\n"}, nil},
		{"settings misspelled key", map[string]string{"content/handbook.yaml": "id: test\ntitle: {fr: Charte, en: Policy}\nlangauges: [fr, en]\nbase_url: https://example.com/h/\n"},
			[]string{`content/handbook.yaml:3: unknown key "langauges" (did you mean "languages"?)`}},
		{"settings unclosed at the end", map[string]string{"content/handbook.yaml": "languages: [fr, en"},
			[]string{`content/handbook.yaml:1: malformed YAML: did not find expected ',' or ']'`}},
		{"settings empty languages", map[string]string{"content/handbook.yaml": "id: test\ntitle: Charte\nlanguages: []\nbase_url: https://example.com/h/\n"},
			[]string{`content/handbook.yaml:3: languages: want one language or more, e.g. [fr, en]`}},
		{"settings bad language code and missing title", map[string]string{"content/handbook.yaml": "id: test\ntitle: {fr: Charte}\nlanguages: [fr, EN, en]\nbase_url: https://example.com/h/\n"},
			[]string{`content/handbook.yaml:2: title: no title for "en"`, `content/handbook.yaml:3: languages: "EN" is not a language code (e.g. fr, en, pt-BR)`}},
		{"settings warnings", map[string]string{"content/handbook.yaml": "title: Charte\nlanguages: [fr, en]\n"},
			[]string{`content/handbook.yaml:1: warning: no base_url: the site builds without feeds, canonical links and sitemap`,
				`content/handbook.yaml:1: warning: no id: feed ids derive from base_url and change if it moves; set id once and never change it`}},
		{"settings malformed", map[string]string{"content/handbook.yaml": "id: test\ntitle: Charte\nlanguages: [fr, en\n"},
			[]string{`content/handbook.yaml:3: malformed YAML: did not find expected ',' or ']'`}},
		{"review_by past", map[string]string{ed + "01-intro.fr.md": "---\ntitle: Introduction\nowner: Communications\nreview_by: 2025-05-31\n---\n\nTexte de l'introduction.\n"},
			[]string{ed + `01-intro.fr.md:4: warning: review_by: 2025-05-31 is past: review the chapter and set the next date`}},
		{"review_by past on a past edition", map[string]string{"content/2024.1/01-intro.fr.md": "---\ntitle: Introduction\nowner: Communications\nreview_by: 2024-05-31\n---\n\nTexte de l'introduction.\n"}, nil},
		{"change on an unchanged text", map[string]string{ed + "01-intro.fr.md": "---\ntitle: Introduction\nowner: Communications\nchange: New wording.\n---\n\nTexte de l'introduction.\n"},
			[]string{ed + `01-intro.fr.md:4: warning: change: the text did not change since edition 2024.1: remove the change line`}},
		{"change missing on a changed text", map[string]string{ed + "01-intro.fr.md": "---\ntitle: Introduction\nowner: Communications\n---\n\nNouveau texte.\n"},
			[]string{ed + `01-intro.fr.md:1: warning: the text changed since edition 2024.1: add a change line (change: what changed) for the changelog and feeds`}},
		{"change on a changed text", map[string]string{ed + "01-intro.fr.md": "---\ntitle: Introduction\nowner: Communications\nchange: New text.\n---\n\nNouveau texte.\n"}, nil},
		{"change on the first edition", map[string]string{"content/2024.1/01-intro.fr.md": "---\ntitle: Introduction\nowner: Communications\nchange: First.\n---\n\nTexte de l'introduction.\n",
			ed + "01-intro.fr.md": "---\ntitle: Introduction\nowner: Communications\n---\n\nTexte de l'introduction.\n"}, nil},
		{"whitespace at the ends is no change", map[string]string{ed + "01-intro.fr.md": "---\ntitle: Introduction\nowner: Communications\n---\n\n\n\nTexte de l'introduction.  \n\n\n"}, nil},
		{"renamed without renamed_from", map[string]string{
			ed + "02-netiquette.fr.md": "", ed + "02-netiquette.en.md": "",
			ed + "02-savoir-vivre.fr.md": netFR, ed + "02-savoir-vivre.en.md": netEN},
			[]string{ed + `02-savoir-vivre.fr.md:1: warning: chapter "savoir-vivre" is new in edition 2025.1, which leaves out "netiquette" of edition 2024.1: if it replaces one, add renamed_from: SLUG so that the old URLs send readers here; otherwise they show a removed-chapter page`}},
		{"a chapter added, none left out", map[string]string{ed + "03-extra.fr.md": netFR, ed + "03-extra.en.md": netEN}, nil},
		{"a chapter left out, none added", map[string]string{ed + "02-netiquette.fr.md": "", ed + "02-netiquette.en.md": ""}, nil},
		{"renamed chapter", map[string]string{
			ed + "01-intro.fr.md": "", ed + "01-intro.en.md": "",
			ed + "01-preface.fr.md": "---\ntitle: Préface\nowner: Communications\nrenamed_from: intro\nchange: Renamed.\n---\n\nTexte de l'introduction.\n",
			ed + "01-preface.en.md": "---\ntitle: Preface\nowner: Communications\nrenamed_from: intro\n---\n\nNew text.\n"},
			[]string{ed + `01-preface.en.md:1: warning: the text changed since edition 2024.1: add a change line (change: what changed) for the changelog and feeds`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, d := Load(with(validTree(), tc.files), LoadOptions{Today: day("2025-06-01")})
			got := lines(d)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestURLSlug(t *testing.T) {
	ed := "content/2025.1/"
	h, d := Load(with(validTree(), map[string]string{
		ed + "02-netiquette.en.md": "---\ntitle: Netiquette\nowner: Communications\nslug: online-manners\n---\n\nBe polite.\n",
	}), LoadOptions{Today: day("2025-06-01")})
	if len(d) != 0 {
		t.Fatalf("diagnostics:\n%s", strings.Join(lines(d), "\n"))
	}
	c := h.Current.Chapter("netiquette")
	for _, tc := range []struct{ lang, want string }{{"fr", "netiquette"}, {"en", "online-manners"}, {"de", "netiquette"}} {
		if got := c.URLSlug(tc.lang); got != tc.want {
			t.Errorf("URLSlug(%s) = %q, want %q", tc.lang, got, tc.want)
		}
	}
	if h.Current.ChapterAt("en", "online-manners") != c || h.Current.ChapterAt("en", "netiquette") != nil || h.Current.ChapterAt("fr", "netiquette") != c {
		t.Errorf("ChapterAt does not follow the URL slugs")
	}
	if old := h.Editions[0].Chapter("netiquette"); old.URLSlug("en") != "netiquette" {
		t.Errorf("the earlier edition's URL slug is %q", old.URLSlug("en"))
	}
}
