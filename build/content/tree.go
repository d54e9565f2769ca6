package content

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"example.com/handbook/build/diag"
	"example.com/handbook/build/internal/par"
)

// ContentDir is the folder of the source that holds the handbook.
const ContentDir = "content"

// Tree is a content tree read file by file, before validation: the
// settings, each edition folder's listing, and every file parsed on its
// own. Validate assembles a Handbook from it. A Tree is never changed once
// made: Reread returns a new one that shares the files that did not
// change, so the preview server re-reads only what an author saved.
type Tree struct {
	settings      *Settings
	settingsDiags diag.List
	// listing holds the faults of content/ itself (stray files, bad
	// edition folder names, no content folder).
	listing  diag.List
	editions map[string]*editionDir      // by id
	synonyms map[string]parsed[Synonyms] // by language
}

// editionDir is one edition folder as read.
type editionDir struct {
	id, dir string
	listing diag.List // stray files, bad names, unreadable entries
	// chapterFiles counts the files named like chapters, good names or not,
	// for "edition has no chapter".
	chapterFiles int
	chapters     map[string]*parsed[ChapterText] // by path
	texts        map[string]*parsed[EditionText] // by path
	images       []string
	// unreadable lists what under images/ could not be read: a file, or a
	// folder as "dir/" ("" for images/ itself).
	unreadable []string
}

// parsed is one file's parse result.
type parsed[T any] struct {
	v     *T
	diags diag.List
}

// ReadTree reads and parses every file of the content tree of fsys.
func ReadTree(fsys fs.FS) *Tree { return readTree(fsys, nil, nil) }

// Reread returns a tree with the files at the given paths (slash-separated,
// relative to the source folder) read again, and the folders listed again
// so added and removed files are seen; other files are reused unparsed.
func (t *Tree) Reread(fsys fs.FS, changed ...string) *Tree {
	set := map[string]bool{}
	for _, c := range changed {
		set[path.Clean(c)] = true
	}
	if nt, ok := t.rereadFiles(fsys, set); ok {
		return nt
	}
	return readTree(fsys, t, set)
}

// rereadFiles re-parses the changed files in place of their old parse when
// each is a chapter or edition file the tree already lists and that still
// exists as a file: an author saving a chapter, the common case in the
// preview server, then costs one parse instead of listing every edition
// folder again. Anything else (a new, removed or renamed file, an image,
// handbook.yaml) takes the full path. Only the touched editions are copied;
// t is left as it was.
func (t *Tree) rereadFiles(fsys fs.FS, changed map[string]bool) (*Tree, bool) {
	if len(changed) == 0 || changed[SettingsFile] {
		return nil, false
	}
	type edit struct {
		id, p   string
		chapter bool
	}
	var edits []edit
	for p := range changed {
		dir, _ := path.Split(p)
		id, ok := strings.CutPrefix(strings.TrimSuffix(dir, "/"), ContentDir+"/")
		if !ok || strings.Contains(id, "/") {
			return nil, false
		}
		e := t.editions[id]
		if e == nil {
			return nil, false
		}
		_, isChapter := e.chapters[p]
		_, isText := e.texts[p]
		if !isChapter && !isText {
			return nil, false
		}
		if st, err := fs.Stat(fsys, p); err != nil || !st.Mode().IsRegular() {
			return nil, false
		}
		edits = append(edits, edit{id, p, isChapter})
	}
	nt := *t
	nt.editions = maps.Clone(t.editions)
	copied := map[string]bool{}
	for _, ed := range edits {
		if !copied[ed.id] {
			ne := *t.editions[ed.id]
			ne.chapters = maps.Clone(ne.chapters)
			ne.texts = maps.Clone(ne.texts)
			nt.editions[ed.id] = &ne
			copied[ed.id] = true
		}
		ne := nt.editions[ed.id]
		if ed.chapter {
			r := &parsed[ChapterText]{}
			r.v, r.diags = ParseChapter(fsys, ed.p)
			ne.chapters[ed.p] = r
		} else {
			r := &parsed[EditionText]{}
			r.v, r.diags = ParseEdition(fsys, ed.p)
			ne.texts[ed.p] = r
		}
	}
	return &nt, true
}

// Diagnostics returns every fault found while reading the tree (each file's
// parse, the listings), unsorted.
func (t *Tree) Diagnostics() diag.List {
	var d diag.List
	d.Add(t.settingsDiags...)
	d.Add(t.listing...)
	for _, s := range t.synonyms {
		d.Add(s.diags...)
	}
	for _, e := range t.editions {
		d.Add(e.listing...)
		for _, c := range e.chapters {
			d.Add(c.diags...)
		}
		for _, x := range e.texts {
			d.Add(x.diags...)
		}
	}
	return d
}

// readTree lists the tree and parses the files that old lacks or that are
// in changed (every file when old is nil).
func readTree(fsys fs.FS, old *Tree, changed map[string]bool) *Tree {
	t := &Tree{editions: map[string]*editionDir{}, synonyms: map[string]parsed[Synonyms]{}}
	if old != nil && !changed[SettingsFile] {
		t.settings, t.settingsDiags = old.settings, old.settingsDiags
	} else {
		t.settings, t.settingsDiags = LoadSettings(fsys)
	}
	entries, err := readDir(fsys, ContentDir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			// LoadSettings has said handbook.yaml is missing; say no more.
			return t
		}
		t.listing.Errorf(ContentDir, 0, "%s", readError(err))
		return t
	}
	var jobs []func()
	shared := &bodies{m: map[[32]byte][]byte{}}
	for _, ent := range entries {
		name, p := ent.name, path.Join(ContentDir, ent.name)
		switch {
		case ignoredName(name) || name == "handbook.yaml" && !ent.dir:
		case ent.err != nil:
			t.listing.Errorf(p, 0, "%s", readError(ent.err))
		case !isASCII(name):
			t.listing.Errorf(p, 0, "name is not ASCII: %+q (an edition folder name starts with a digit, then digits, letters, dots or hyphens)", name)
		case !ent.dir && synonymsLang(name) != "":
			lang := synonymsLang(name)
			if prev, ok := old.synonymsOf(lang); ok && !changed[p] {
				t.synonyms[lang] = prev
				break
			}
			var r parsed[Synonyms]
			r.v, r.diags = readSynonyms(fsys, p)
			t.synonyms[lang] = r
		case !ent.dir:
			t.listing.Errorf(p, 0, "unexpected file: content/ holds handbook.yaml, search-synonyms.LANG.txt and one folder per edition")
		case !ValidEditionID(name):
			t.listing.Errorf(p, 0, "bad edition id %q: an edition folder name starts with a digit, then digits, letters, dots or hyphens", name)
		case ent.linkDir && loopsBack(fsys, p):
			t.listing.Errorf(p, 0, "symlink loop: it leads back to a folder that holds it")
		default:
			var prev *editionDir
			if old != nil {
				prev = old.editions[name]
			}
			e, js := listEdition(fsys, name, prev, changed, shared)
			t.editions[name] = e
			jobs = append(jobs, js...)
		}
	}
	runAll(jobs)
	return t
}

// synonymsOf returns the synonyms of lang read into t, if any (t may be
// nil).
func (t *Tree) synonymsOf(lang string) (parsed[Synonyms], bool) {
	if t == nil {
		return parsed[Synonyms]{}, false
	}
	s, ok := t.synonyms[lang]
	return s, ok
}

// bodies lets chapter texts whose bodies are equal share one slice: most
// chapters do not change between editions, and a build holds the model of
// every edition to its end, so that ten editions would otherwise hold ten
// copies of the same text. It is safe for concurrent use.
type bodies struct {
	mu sync.Mutex
	m  map[[32]byte][]byte // by ChapterText.Hash, the SHA-256 of the body
}

// share points ct's body at an equal body parsed before, if any.
func (b *bodies) share(ct *ChapterText) {
	if ct == nil || ct.Body == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if body, ok := b.m[ct.Hash]; ok {
		ct.Body = body
		return
	}
	b.m[ct.Hash] = ct.Body
}

// runAll runs jobs on every core and waits for them. Reading is not
// cancelled: it takes milliseconds, and a half-read tree is of no use.
func runAll(jobs []func()) {
	_ = par.Do(context.Background(), len(jobs), func(i int) error { jobs[i](); return nil })
}

// listEdition lists an edition folder and returns the parse jobs for its
// files; each job fills its own map entry, made here, so the jobs share
// nothing.
func listEdition(fsys fs.FS, id string, old *editionDir, changed map[string]bool, shared *bodies) (*editionDir, []func()) {
	e := &editionDir{
		id: id, dir: path.Join(ContentDir, id),
		chapters: map[string]*parsed[ChapterText]{},
		texts:    map[string]*parsed[EditionText]{},
	}
	entries, err := readDir(fsys, e.dir)
	if err != nil {
		e.listing.Errorf(e.dir, 0, "%s", readError(err))
		return e, nil
	}
	reuse := func(p string) bool { return old != nil && !changed[p] }
	var jobs []func()
	for _, ent := range entries {
		name, p := ent.name, path.Join(e.dir, ent.name)
		kind := classify(name, ent.dir)
		if kind != ignoredKind && !isASCII(name) {
			e.listing.Errorf(p, 0, "file name is not ASCII: %+q (slugs use lowercase letters a-z, digits and hyphens; accents are not allowed)", name)
			continue
		}
		if ent.err != nil && kind == strayName {
			// A symlink that cannot be followed, not a chapter or an
			// edition file (reading those reports it): say why, rather
			// than take it for a stray file (an "images" link leading
			// outside the source, for one).
			e.listing.Errorf(p, 0, "%s", readError(ent.err))
			if name == "images" {
				e.unreadable = append(e.unreadable, "")
			}
			continue
		}
		switch kind {
		case ignoredKind:
		case imagesFolder:
			if ent.linkDir && loopsBack(fsys, p) {
				e.listing.Errorf(p, 0, "symlink loop: it leads back to a folder that holds it")
				e.unreadable = append(e.unreadable, "")
				continue
			}
			e.images = listImages(fsys, p, "", &e.listing, &e.unreadable)
		case editionName:
			if prev, ok := old.text(p); ok && reuse(p) {
				e.texts[p] = prev
				continue
			}
			r := &parsed[EditionText]{}
			e.texts[p] = r
			jobs = append(jobs, func() { r.v, r.diags = ParseEdition(fsys, p) })
		case chapterName:
			e.chapterFiles++
			if prev, ok := old.chapter(p); ok && reuse(p) {
				e.chapters[p] = prev
				continue
			}
			r := &parsed[ChapterText]{}
			e.chapters[p] = r
			jobs = append(jobs, func() {
				r.v, r.diags = ParseChapter(fsys, p)
				shared.share(r.v)
			})
		case strayName:
			if ent.dir {
				e.listing.Errorf(p, 0, "unexpected folder: an edition folder holds _edition.LANG.md, NN-slug.LANG.md and images/")
			} else {
				e.listing.Errorf(p, 0, "unexpected file: an edition folder holds _edition.LANG.md, NN-slug.LANG.md and images/")
			}
		}
	}
	return e, jobs
}

func (e *editionDir) text(p string) (*parsed[EditionText], bool) {
	if e == nil {
		return nil, false
	}
	r, ok := e.texts[p]
	return r, ok
}

func (e *editionDir) chapter(p string) (*parsed[ChapterText], bool) {
	if e == nil {
		return nil, false
	}
	r, ok := e.chapters[p]
	return r, ok
}

// listImages lists the files under an images folder, relative to it. It
// follows a symlink to a file (os.Root keeps it inside the source) but does
// not descend into symlinked folders below images/, so no loop is possible.
func listImages(fsys fs.FS, dir, rel string, d *diag.List, unreadable *[]string) []string {
	entries, err := readDir(fsys, dir)
	if err != nil {
		d.Errorf(dir, 0, "%s", readError(err))
		if rel != "" {
			rel += "/"
		}
		*unreadable = append(*unreadable, rel)
		return nil
	}
	var out []string
	for _, ent := range entries {
		if ignoredName(ent.name) {
			continue
		}
		p, r := path.Join(dir, ent.name), path.Join(rel, ent.name)
		switch {
		case ent.err != nil:
			d.Errorf(p, 0, "%s", readError(ent.err))
			*unreadable = append(*unreadable, r)
		case !isASCII(ent.name):
			// Published as is in the image's URL, where NFC and NFD
			// spellings of one name differ (macOS writes NFD).
			d.Errorf(p, 0, "file name is not ASCII: %+q (rename it without accents: the name is published in the image's URL)", ent.name)
		case ent.linkDir:
			d.Errorf(p, 0, "symlink to a folder inside images/: not followed (link the files, or the images folder itself)")
		case ent.dir:
			out = append(out, listImages(fsys, p, r, d, unreadable)...)
		default:
			out = append(out, r)
		}
	}
	sort.Strings(out)
	return out
}

// loopsBack reports whether the folder p (slash-separated, a symlink)
// resolves to one of the folders that hold it, so that reading it would list
// its own parents again. It compares files through os.SameFile, so it only
// answers for the os.Root file system of a real source folder.
func loopsBack(fsys fs.FS, p string) bool {
	fi, err := fs.Stat(fsys, p)
	if err != nil {
		return false
	}
	for dir := path.Dir(p); ; dir = path.Dir(dir) {
		if di, err := fs.Stat(fsys, dir); err == nil && os.SameFile(fi, di) {
			return true
		}
		if dir == "." {
			return false
		}
	}
}

// entry is a folder entry with symlinks resolved.
type entry struct {
	name    string
	err     error // a symlink that cannot be followed
	dir     bool  // a folder, or a symlink to one
	linkDir bool  // a symlink to a folder
}

// readDir lists a folder sorted by name. A symlink is resolved through
// fsys (os.Root refuses one that leads outside the source) and reported as
// what it points to; for a dangling or escaping one, entry.err says why (an
// edition's chapter and notes files ignore it: reading the file reports the
// fault).
func readDir(fsys fs.FS, dir string) ([]entry, error) {
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	out := make([]entry, 0, len(ents))
	for _, e := range ents {
		x := entry{name: e.Name(), dir: e.IsDir()}
		if e.Type()&fs.ModeSymlink != 0 {
			fi, err := fs.Stat(fsys, path.Join(dir, e.Name()))
			switch {
			case err != nil:
				x.err = err
			case fi.IsDir():
				x.dir, x.linkDir = true, true
			}
		}
		out = append(out, x)
	}
	slices.SortFunc(out, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	return out, nil
}
