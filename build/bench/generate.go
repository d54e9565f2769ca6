package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"example.com/handbook/build/internal/par"
)

// Generate writes a synthetic handbook in the content format of DESIGN.md
// under dir: dir/content/handbook.yaml and one folder per edition (2020.1,
// 2021.1, ...), every edition released and dated in the past of
// Today(o). The same options write the same bytes. dir/content must not
// exist yet.
func Generate(dir string, o GenOptions) error {
	o, err := o.withDefaults()
	if err != nil {
		return err
	}
	content := filepath.Join(dir, "content")
	if _, err := os.Stat(content); err == nil {
		return fmt.Errorf("generate: %s already exists", content)
	}
	if err := os.MkdirAll(content, 0o755); err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	if err := os.WriteFile(filepath.Join(content, "handbook.yaml"), handbookYAML(o), 0o644); err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	return generate(o, func(e *edition, first bool) error {
		return writeEdition(content, e, o.Chapters, first)
	})
}

// siteTitle is the generated handbook's title.
var siteTitle = pair{"Charte d'utilisation des médias sociaux (banc d'essai)", "Social Media Policy (benchmark)"}

const baseURL = "https://intranet.example.com/handbook/"

func handbookYAML(o GenOptions) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# A synthetic handbook written by handbook-bench: %d chapters, %d editions, seed %d.\n", o.Chapters, o.Editions, o.Seed)
	b.WriteString("id: bench-handbook\ntitle:\n")
	for _, l := range o.Langs {
		fmt.Fprintf(&b, "  %s: %s\n", l, quote(siteTitle[variant(l)]))
	}
	fmt.Fprintf(&b, "languages: [%s]\n", strings.Join(o.Langs, ", "))
	fmt.Fprintf(&b, "base_url: %s\n", baseURL)
	b.WriteString("feedback: mailto:communications@example.com\n")
	return b.Bytes()
}

// generate produces the editions in order and hands each to emit; only
// one edition is in memory at a time, besides the one being derived.
func generate(o GenOptions, emit func(e *edition, first bool) error) error {
	infos := chapterInfos(o.Chapters)
	e := &edition{id: editionID(0), date: editionDate(0), langs: o.Langs, chapters: make([]*chapterFiles, o.Chapters)}
	err := parallel(o.Chapters, func(i int) error {
		e.chapters[i] = composeChapter(o, infos, i, e.date)
		return nil
	})
	if err != nil {
		return err
	}
	if err := emit(e, true); err != nil {
		return err
	}
	for i := 1; i < o.Editions; i++ {
		e = nextEdition(e, o.Seed, i, editionID(i), editionDate(i), o.ChangedFraction)
		if err := emit(e, false); err != nil {
			return err
		}
	}
	return nil
}

// parallel runs f(0) ... f(n-1) on every core and returns the first error.
func parallel(n int, f func(i int) error) error { return par.Do(context.Background(), n, f) }

// writeEdition writes e as content/<id>/ with its edition files, chapter
// files and, for an edition copied from disk, its images.
func writeEdition(content string, e *edition, total int, first bool) error {
	dir := filepath.Join(content, e.id)
	if err := os.Mkdir(dir, 0o755); err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	for k, l := range e.langs {
		if err := os.WriteFile(filepath.Join(dir, "_edition."+l+".md"), editionFile(e, k, total, first), 0o644); err != nil {
			return fmt.Errorf("generate: %w", err)
		}
	}
	err := parallel(len(e.chapters), func(i int) error {
		c := e.chapters[i]
		for k, name := range c.names {
			if name == "" {
				continue
			}
			if err := os.WriteFile(filepath.Join(dir, name), c.data[k], 0o644); err != nil {
				return fmt.Errorf("generate: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if e.images != "" {
		if err := os.CopyFS(filepath.Join(dir, "images"), os.DirFS(e.images)); err != nil {
			return fmt.Errorf("generate: copy images: %w", err)
		}
	}
	return nil
}

// AddEdition adds a released edition to the handbook under dir (generated
// or not): a copy of its latest edition, dated a year later, in which
// o.ChangedFraction of the chapters change by a few sentences, with a
// change line. It returns the new edition's id. o.Seed and the number of
// editions already there choose the changes.
func AddEdition(dir string, o GenOptions) (string, error) {
	o, err := o.withDefaults()
	if err != nil {
		return "", err
	}
	content := filepath.Join(dir, "content")
	eds, err := listEditions(content)
	if err != nil {
		return "", err
	}
	if len(eds) == 0 {
		return "", fmt.Errorf("add edition: no edition in %s", content)
	}
	last := eds[len(eds)-1]
	prev, err := readEdition(content, last.id, handbookLangs(content, last.langs))
	if err != nil {
		return "", err
	}
	prev.date = last.date
	date := last.date.AddDate(1, 0, 0)
	id := nextID(date, func(id string) bool {
		_, err := os.Stat(filepath.Join(content, id))
		return err == nil
	})
	e := nextEdition(prev, o.Seed, len(eds), id, date, o.ChangedFraction)
	if fi, err := os.Stat(filepath.Join(content, last.id, "images")); err == nil && fi.IsDir() {
		e.images = filepath.Join(content, last.id, "images")
	}
	if err := writeEdition(content, e, len(e.chapters), false); err != nil {
		return "", err
	}
	return id, nil
}

// editionDir is an edition folder found on disk.
type editionDir struct {
	id    string
	date  time.Time
	langs []string
}

// listEditions lists the edition folders of content (those with an
// _edition file that has a date), oldest first.
func listEditions(content string) ([]editionDir, error) {
	entries, err := os.ReadDir(content)
	if err != nil {
		return nil, fmt.Errorf("add edition: %w", err)
	}
	var eds []editionDir
	for _, de := range entries {
		if !de.IsDir() {
			continue
		}
		files, err := os.ReadDir(filepath.Join(content, de.Name()))
		if err != nil {
			return nil, fmt.Errorf("add edition: %w", err)
		}
		ed := editionDir{id: de.Name()}
		for _, f := range files {
			lang, ok := strings.CutPrefix(f.Name(), "_edition.")
			if lang, ok = strings.CutSuffix(lang, ".md"); !ok {
				continue
			}
			ed.langs = append(ed.langs, lang)
			if ed.date.IsZero() {
				data, err := os.ReadFile(filepath.Join(content, de.Name(), f.Name()))
				if err != nil {
					return nil, fmt.Errorf("add edition: %w", err)
				}
				ed.date = frontDate(data)
			}
		}
		if !ed.date.IsZero() {
			eds = append(eds, ed)
		}
	}
	slices.SortFunc(eds, func(a, b editionDir) int {
		if c := a.date.Compare(b.date); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	})
	return eds, nil
}

// frontDate returns the date: line of a front matter, or the zero time.
func frontDate(data []byte) time.Time {
	fm, _, ok := splitFile(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")))
	if !ok {
		return time.Time{}
	}
	for l := range strings.SplitSeq(fm, "\n") {
		if v, ok := strings.CutPrefix(l, "date:"); ok {
			t, err := time.Parse(time.DateOnly, strings.Trim(strings.TrimSpace(v), `"'`))
			if err == nil {
				return t
			}
		}
	}
	return time.Time{}
}

// handbookLangs returns the languages of content/handbook.yaml when its
// languages line is a flow list, else found (sorted).
func handbookLangs(content string, found []string) []string {
	data, err := os.ReadFile(filepath.Join(content, "handbook.yaml"))
	if err == nil {
		for l := range strings.SplitSeq(string(data), "\n") {
			if v, ok := strings.CutPrefix(l, "languages:"); ok {
				v = strings.TrimSpace(v)
				if i := strings.Index(v, "#"); i >= 0 {
					v = strings.TrimSpace(v[:i])
				}
				if strings.HasPrefix(v, "[") && strings.HasSuffix(v, "]") {
					var langs []string
					for p := range strings.SplitSeq(v[1:len(v)-1], ",") {
						langs = append(langs, strings.Trim(strings.TrimSpace(p), `"'`))
					}
					return langs
				}
			}
		}
	}
	return slices.Sorted(slices.Values(found))
}

var chapterName = regexp.MustCompile(`^([0-9]+)-([a-z][a-z0-9-]*)\.([a-z]{2,3}(?:-[a-z0-9]+)?)\.md$`)

// readEdition reads the chapter files of an edition folder, grouped by
// slug, in chapter order.
func readEdition(content, id string, langs []string) (*edition, error) {
	dir := filepath.Join(content, id)
	files, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("add edition: %w", err)
	}
	type key struct {
		number int
		slug   string
	}
	bySlug := map[string]*chapterFiles{}
	var order []key
	for _, f := range files {
		m := chapterName.FindStringSubmatch(f.Name())
		if m == nil {
			continue
		}
		k := slices.Index(langs, m[3])
		if k < 0 {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, f.Name()))
		if err != nil {
			return nil, fmt.Errorf("add edition: %w", err)
		}
		data = bytes.ReplaceAll(bytes.TrimPrefix(data, []byte("\uFEFF")), []byte("\r\n"), []byte("\n"))
		c := bySlug[m[2]]
		if c == nil {
			c = &chapterFiles{slug: m[2], title: make([]string, len(langs)), names: make([]string, len(langs)), data: make([][]byte, len(langs))}
			bySlug[m[2]] = c
			n, _ := strconv.Atoi(m[1])
			order = append(order, key{n, m[2]})
		}
		c.names[k], c.data[k], c.title[k] = f.Name(), data, frontTitle(data)
	}
	if len(order) == 0 {
		return nil, errors.New("add edition: no chapter in " + dir)
	}
	slices.SortFunc(order, func(a, b key) int {
		if a.number != b.number {
			return a.number - b.number
		}
		return strings.Compare(a.slug, b.slug)
	})
	e := &edition{id: id, langs: langs}
	for _, k := range order {
		e.chapters = append(e.chapters, bySlug[k.slug])
	}
	return e, nil
}

// frontTitle returns the title: of a chapter's front matter.
func frontTitle(data []byte) string {
	fm, _, _ := splitFile(data)
	for l := range strings.SplitSeq(fm, "\n") {
		if v, ok := strings.CutPrefix(l, "title:"); ok {
			v = strings.TrimSpace(v)
			if u, err := strconv.Unquote(v); err == nil && strings.HasPrefix(v, `"`) {
				return u
			}
			return strings.Trim(v, `'"`)
		}
	}
	return ""
}
