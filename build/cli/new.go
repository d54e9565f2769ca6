package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"example.com/handbook/build/content"
	"example.com/handbook/build/diag"
)

// placeholders are the texts "new" writes for an author to replace, per
// language; other languages take English ones.
type placeholders struct{ owner, chapter, notes string }

func placeholdersFor(lang string) placeholders {
	if lang == "fr" {
		return placeholders{owner: "À compléter", chapter: "Rédigez le chapitre ici.", notes: "Notes de version à rédiger."}
	}
	return placeholders{owner: "To be completed", chapter: "Write the chapter here.", notes: "Release notes to write."}
}

// titleFromSlug makes a title of a slug: "donnees-personnelles" ->
// "Donnees personnelles".
func titleFromSlug(slug string) string {
	t := strings.ReplaceAll(slug, "-", " ")
	return strings.ToUpper(t[:1]) + t[1:]
}

// newChapter writes NN-slug.LANG.md for every language into an edition.
func (r *runner) newChapter(args []string) int {
	c := r.newCommand("new chapter", "[-source DIR] [-edition ID] SLUG", 1, true)
	edition := c.String("edition", "", "the edition to add the chapter to (default: the newest draft edition)")
	rest, code, ok := c.parse(args)
	if !ok {
		return code
	}
	slug := rest[0]
	switch {
	case !content.ValidSlug(slug):
		return c.usageError("bad slug %q: use lowercase letters a-z, digits and hyphens, starting with a letter", slug)
	case content.IsReserved(slug):
		return c.usageError("slug %q is reserved (it names a page of the site)", slug)
	}
	s, code, ok := r.open(c)
	if !ok {
		return code
	}
	defer s.close()
	h, d := content.Load(s.root.FS(), s.opts)
	langs := h.Settings.Languages
	if len(langs) == 0 {
		r.printDiags(d.Errors())
		return c.fail("content/handbook.yaml lists no usable language")
	}
	var e *content.Edition
	if *edition != "" {
		if e = h.Edition(*edition); e == nil {
			return c.fail("no edition %q in content/", *edition)
		}
	} else {
		for i := len(h.Editions) - 1; i >= 0 && e == nil; i-- {
			if h.Editions[i].Draft {
				e = h.Editions[i]
			}
		}
		if e == nil {
			return c.fail("no draft edition: start one with \"handbook new edition ID\"")
		}
	}
	// The folder, not the model: files with errors count too.
	ents, err := fs.ReadDir(s.root.FS(), e.Dir)
	if err != nil {
		return c.fail("%v", err)
	}
	last := 0
	for _, ent := range ents {
		n, sl, _, err := content.SplitChapterName(ent.Name())
		if err != nil {
			continue
		}
		if sl == slug {
			return c.fail("slug %q is taken in edition %s: %s", slug, e.ID, path.Join(e.Dir, ent.Name()))
		}
		last = max(last, n)
	}
	var written []string
	for _, l := range langs {
		p := placeholdersFor(l)
		name := path.Join(e.Dir, fmt.Sprintf("%02d-%s.%s.md", last+1, slug, l))
		text := fmt.Sprintf("---\ntitle: %s\nowner: %s\ndraft: true\n---\n\n%s\n", strconv.Quote(titleFromSlug(slug)), strconv.Quote(p.owner), p.chapter)
		if err := createFile(s.root, name, []byte(text)); err != nil {
			for _, w := range written {
				s.root.Remove(filepath.FromSlash(w))
			}
			return c.fail("%v", err)
		}
		written = append(written, name)
	}
	for _, w := range written {
		fmt.Fprintf(r.stdout, "created %s\n", w)
	}
	return exitOK
}

// newEdition copies the newest edition to content/ID as a draft.
func (r *runner) newEdition(args []string) int {
	c := r.newCommand("new edition", "[-source DIR] ID", 1, true)
	rest, code, ok := c.parse(args)
	if !ok {
		return code
	}
	id := rest[0]
	if !content.ValidEditionID(id) {
		return c.usageError("bad edition id %q: a digit first, then digits, letters, dots or hyphens", id)
	}
	s, code, ok := r.open(c)
	if !ok {
		return code
	}
	defer s.close()
	dir := path.Join(content.ContentDir, id)
	if _, err := s.root.Lstat(filepath.FromSlash(dir)); err == nil {
		return c.fail("%s exists already", dir)
	}
	h, d := content.Load(s.root.FS(), s.opts)
	langs := h.Settings.Languages
	if len(langs) == 0 {
		r.printDiags(d.Errors())
		return c.fail("content/handbook.yaml lists no usable language")
	}
	var newest *content.Edition
	if n := len(h.Editions); n > 0 {
		newest = h.Editions[n-1]
	}
	date := s.opts.Today
	if newest != nil {
		// The copy must not carry the faults of what it copies.
		var faults diag.List
		for _, x := range d.Errors() {
			if x.Path == content.SettingsFile || x.Path == newest.Dir || strings.HasPrefix(x.Path, newest.Dir+"/") {
				faults = append(faults, x)
			}
		}
		if len(faults) > 0 {
			r.printDiags(faults)
			return c.fail("fix these errors first: the new edition copies %s", newest.Dir)
		}
		if content.CompareIDs(id, newest.ID) <= 0 {
			return c.fail("%q does not come after the newest edition %s in version order: choose a later id", id, newest.ID)
		}
		if newest.Date.After(date) {
			date = newest.Date
		}
	}
	tmp := tempName(dir)
	if err := r.writeEdition(s.root, newest, tmp, langs, date); err != nil {
		s.root.RemoveAll(filepath.FromSlash(tmp))
		return c.fail("%v", err)
	}
	if err := s.root.Rename(filepath.FromSlash(tmp), filepath.FromSlash(dir)); err != nil {
		s.root.RemoveAll(filepath.FromSlash(tmp))
		return c.fail("%v", err)
	}
	from := "a new handbook"
	if newest != nil {
		from = "a draft copy of " + newest.ID
	}
	fmt.Fprintf(r.stdout, "created %s: %s, dated %s\n", dir, from, date.Format(time.DateOnly))
	if newest == nil {
		fmt.Fprintf(r.stdout, "next: add chapters with \"handbook new chapter SLUG\"\n")
	} else {
		fmt.Fprintf(r.stdout, "next: edit the chapters (with a change: line on each one you change), the release notes, then \"handbook release %s\"\n", id)
	}
	return exitOK
}

// writeEdition fills the folder tmp with a draft edition: the chapters and
// images of from (nil for none) without their change and renamed_from
// lines, and edition files dated date whose release notes are to write.
func (r *runner) writeEdition(root *os.Root, from *content.Edition, tmp string, langs []string, date time.Time) error {
	if err := root.Mkdir(filepath.FromSlash(tmp), 0o755); err != nil {
		return err
	}
	if from != nil {
		ents, err := fs.ReadDir(root.FS(), from.Dir)
		if err != nil {
			return err
		}
		for _, ent := range ents {
			src, dst := path.Join(from.Dir, ent.Name()), path.Join(tmp, ent.Name())
			if ent.Name() == "images" {
				if err := copyTree(root, src, dst); err != nil {
					return err
				}
				continue
			}
			if _, _, _, err := content.SplitChapterName(ent.Name()); err != nil {
				continue // edition files are written below; nothing else is copied
			}
			data, err := fs.ReadFile(root.FS(), src)
			if err != nil {
				return err
			}
			if data, err = editFM(data, func(f *fmFile) error {
				return firstErr(f.remove("change"), f.remove("renamed_from"))
			}); err != nil {
				return fmt.Errorf("%s: %w", src, err)
			}
			if err := createFile(root, dst, data); err != nil {
				return err
			}
		}
	}
	for _, l := range langs {
		p := placeholdersFor(l)
		name := "_edition." + l + ".md"
		data := []byte(fmt.Sprintf("---\ndate: %s\ndraft: true\n---\n\n%s\n", date.Format(time.DateOnly), p.notes))
		if from != nil && from.Texts[l] != nil {
			old, err := fs.ReadFile(root.FS(), from.Texts[l].File)
			if err != nil {
				return err
			}
			if data, err = editFM(old, func(f *fmFile) error {
				err := firstErr(f.set("date", date.Format(time.DateOnly)), f.set("draft", "true"),
					f.remove("announced"), f.remove("title"))
				f.setBody(p.notes)
				return err
			}); err != nil {
				return fmt.Errorf("%s: %w", from.Texts[l].File, err)
			}
		}
		if err := createFile(root, path.Join(tmp, name), data); err != nil {
			return err
		}
	}
	return nil
}

// editFM applies edit to the front matter of data.
func editFM(data []byte, edit func(*fmFile) error) ([]byte, error) {
	f, err := parseFM(data)
	if err != nil {
		return nil, err
	}
	if err := edit(f); err != nil {
		return nil, err
	}
	return f.bytes(), nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
