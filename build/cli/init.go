package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing/fstest"
	"time"

	"example.com/handbook/build/content"
	"example.com/handbook/build/slug"
)

// initText is what "handbook init" writes in one language: the default
// title, the release notes and two example chapters. Languages other than
// French take the English texts.
type initText struct {
	title, notes string
	chapters     [2]initChapter
}

// initChapter is one example chapter: its slug (the reference language's
// names the files of every language; another language's is its URL), its
// front matter values and its body. The body's %[1]s is the file name of the other chapter in the same
// language, for the link between chapters.
type initChapter struct {
	slug, title, summary, owner, audience, tag, body string
}

func initTextFor(lang string) initText {
	if lang == "fr" {
		return initText{
			title: "Manuel des politiques",
			notes: "Première édition du manuel.",
			chapters: [2]initChapter{{
				slug: "a-propos", title: "À propos de ce manuel",
				summary:  "Ce que contient ce manuel, à qui il s'adresse et comment il évolue.",
				owner:    "Communications",
				audience: "Tous les employés",
				tag:      "manuel",
				body: `Ce manuel réunit les règles que l'organisation s'est données. Chaque chapitre nomme le service qui en est responsable et la date de sa prochaine révision.

## Comment il évolue

Le manuel paraît par éditions. Une édition est une version complète du manuel : celle qui est en vigueur reste toujours à la même adresse, et les éditions précédentes restent consultables, avec ce qui a changé de l'une à l'autre.

Les règles commencent au chapitre [Exemple de règle](%[1]s).
`,
			}, {
				slug: "exemple-de-regle", title: "Exemple de règle",
				summary:  "Un modèle de chapitre : une règle, ce qu'il faut faire et ce qu'il faut éviter.",
				owner:    "Ressources humaines",
				audience: "Tous les employés",
				tag:      "conduite",
				body: `## 1. La règle

Énoncez la règle en une phrase, puis expliquez-la en quelques paragraphes courts. Un chapitre traite d'un seul sujet ; le chapitre [À propos de ce manuel](%[1]s) dit comment le manuel est organisé.

> [!FAIRE] Ce qui est attendu
> Décrivez le comportement attendu, avec un exemple concret.

> [!EVITER]
> Décrivez ce qu'il faut éviter, et pourquoi.

## 2. Qui joindre

Pour toute question sur ce chapitre, écrivez au service responsable.
`,
			}},
		}
	}
	return initText{
		title: "Policy Handbook",
		notes: "First edition of the handbook.",
		chapters: [2]initChapter{{
			slug: "about", title: "About this handbook",
			summary:  "What this handbook holds, who it is for and how it changes.",
			owner:    "Communications",
			audience: "All employees",
			tag:      "handbook",
			body: `This handbook brings together the rules the organization has set itself. Each chapter names the department that owns it and the date of its next review.

## How it changes

The handbook is published in editions. An edition is a complete version of the handbook: the one in force always stays at the same address, and earlier editions stay available, with what changed from one to the next.

The rules start with the chapter [Example rule](%[1]s).
`,
		}, {
			slug: "example-rule", title: "Example rule",
			summary:  "A model chapter: a rule, what to do and what to avoid.",
			owner:    "Human Resources",
			audience: "All employees",
			tag:      "conduct",
			body: `## 1. The rule

State the rule in one sentence, then explain it in a few short paragraphs. A chapter covers one subject; the chapter [About this handbook](%[1]s) says how the handbook is organized.

> [!DO] What is expected
> Describe the expected behaviour, with a concrete example.

> [!DONT]
> Describe what to avoid, and why.

## 2. Who to contact

For any question about this chapter, write to the department that owns it.
`,
		}},
	}
}

// initFiles returns the files of a new handbook, by slash path relative
// to its folder: settings, one edition released on today with two chapters
// in each language, and a .gitignore for what a build writes beside it.
func initFiles(id, title string, langs []string, today time.Time) map[string][]byte {
	files := map[string][]byte{}
	var y strings.Builder
	y.WriteString("# The handbook's settings; every key is described in docs/content.md of handbook.\n")
	fmt.Fprintf(&y, "# id names the handbook in its feeds: set it once and never change it.\n")
	fmt.Fprintf(&y, "id: %s\n", id)
	y.WriteString("title:\n")
	for _, l := range langs {
		t := title
		if t == "" {
			t = initTextFor(l).title
		}
		fmt.Fprintf(&y, "  %s: %s\n", l, strconv.Quote(t))
	}
	fmt.Fprintf(&y, "languages: [%s]   # the first is the reference language\n", strings.Join(langs, ", "))
	y.WriteString("# The address readers will use: feeds, canonical links and the sitemap need it.\n")
	y.WriteString("base_url: https://intranet.example.com/handbook/\n")
	files["content/handbook.yaml"] = []byte(y.String())

	edition := fmt.Sprintf("%d.1", today.Year())
	day := today.Format(time.DateOnly)
	review := today.AddDate(1, 0, 0).Format(time.DateOnly)
	ref := initTextFor(langs[0])
	for _, l := range langs {
		t := initTextFor(l)
		files[path.Join("content", edition, "_edition."+l+".md")] = fmt.Appendf(nil, "---\ndate: %s\ndraft: false\n---\n\n%s\n", day, t.notes)
		for i, ch := range t.chapters {
			name := func(j int) string { return fmt.Sprintf("%02d-%s.%s.md", j+1, ref.chapters[j].slug, l) }
			var fm strings.Builder
			fmt.Fprintf(&fm, "---\ntitle: %s\nsummary: %s\nowner: %s\nreview_by: %s\naudience: [%s]\ntags: [%s]\n",
				strconv.Quote(ch.title), strconv.Quote(ch.summary), strconv.Quote(ch.owner), review,
				strconv.Quote(ch.audience), strconv.Quote(ch.tag))
			if ch.slug != ref.chapters[i].slug {
				// The file name's slug pairs the translations; this one
				// is the chapter's URL in this language.
				fmt.Fprintf(&fm, "slug: %s\n", ch.slug)
			}
			fm.WriteString("---\n\n")
			files[path.Join("content", edition, name(i))] = append([]byte(fm.String()), fmt.Sprintf(ch.body, name(1-i))...)
		}
	}
	files[".gitignore"] = []byte("# What handbook build writes beside the sources.\n/public/\n/.public.*\n")
	return files
}

// init writes a new, minimal handbook into an empty (or new) folder.
func (r *runner) init(args []string) int {
	c := r.newCommand("init", "[-lang fr,en] [-title TITLE] DIR", 1, false)
	langFlag := c.String("lang", "fr,en", "the handbook's languages, comma-separated; the first is the reference")
	title := c.String("title", "", "the handbook's title, in every language (default: a title per language)")
	rest, code, ok := c.parse(args)
	if !ok {
		return code
	}
	var langs []string
	for _, l := range strings.Split(*langFlag, ",") {
		if l = strings.TrimSpace(l); l != "" {
			langs = append(langs, l)
		}
	}
	if len(langs) == 0 {
		return c.usageError("-lang: want one language or more, e.g. fr,en")
	}
	if strings.ContainsAny(*title, "\n\r") {
		return c.usageError("-title: want one line")
	}
	today, err := r.today()
	if err != nil {
		return c.usageError("%v", err)
	}
	dir, err := r.abs(rest[0])
	if err != nil {
		return c.fail("%v", err)
	}
	id := slug.Fold(*title)
	if id == "" {
		id = slug.Fold(filepath.Base(dir))
	}
	if id == "" {
		id = "handbook"
	}
	files := initFiles(id, *title, langs, today)

	// Load what is to be written first: a language code the loader
	// refuses is refused here, before anything is written. The only
	// warnings are about languages without interface strings.
	mfs := fstest.MapFS{}
	for name, data := range files {
		mfs[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	if _, d := content.LoadSettings(mfs); d.HasErrors() {
		// Only -lang can make the settings wrong; say it of the flag.
		var msgs []string
		for _, x := range d.Errors() {
			if m, ok := strings.CutPrefix(x.Message, "languages: "); ok {
				msgs = append(msgs, m)
			}
		}
		return c.usageError("-lang: %s", strings.Join(msgs, "; "))
	}
	_, d := content.Load(mfs, content.LoadOptions{Today: today, Drafts: true})
	if d.HasErrors() {
		r.printDiags(d.Errors())
		return c.fail("nothing written")
	}

	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return c.fail("%s is not empty: init writes only into an empty or new folder", rest[0])
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return c.fail("%v", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return c.fail("%v", err)
	}
	root, err := content.OpenSource(dir)
	if err != nil {
		return c.fail("%v", err)
	}
	defer root.Close()
	names := slices.Sorted(maps.Keys(files))
	for _, name := range names {
		if err := root.MkdirAll(filepath.FromSlash(path.Dir(name)), 0o755); err != nil {
			return c.fail("%v", err)
		}
		if err := createFile(root, name, files[name]); err != nil {
			return c.fail("%v", err)
		}
	}
	r.printDiags(d)
	fmt.Fprintf(r.stdout, "created %s: %s, edition %d.1 (%s) with 2 chapters\n", rest[0], strings.Join(langs, ", "), today.Year(), today.Format(time.DateOnly))
	fmt.Fprintf(r.stdout, "next: cd %s && handbook serve   (then see docs/authoring.md)\n", rest[0])
	return exitOK
}
