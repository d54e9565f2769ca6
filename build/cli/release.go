package cli

import (
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"testing/fstest"
	"time"

	"example.com/handbook/build/content"
	"example.com/handbook/build/diag"
)

// release validates the whole handbook, then marks an edition released:
// draft: false, date and announced set in each of its _edition files,
// nothing else in them changed.
func (r *runner) release(args []string) int {
	c := r.newCommand("release", "[-source DIR] [-date YYYY-MM-DD] ID", 1, true)
	dateFlag := c.String("date", "", "the day the edition takes effect (default: today)")
	rest, code, ok := c.parse(args)
	if !ok {
		return code
	}
	id := rest[0]
	s, code, ok := r.open(c)
	if !ok {
		return code
	}
	defer s.close()
	today := s.opts.Today
	date := today
	if *dateFlag != "" {
		d, err := content.ParseDate(*dateFlag)
		if err != nil {
			return c.usageError("-date: %v", err)
		}
		date = d
	}

	h, d, err := r.loadAll(s)
	if err != nil {
		return r.report(c, err)
	}
	r.printDiags(d)
	if d.HasErrors() {
		return c.fail("nothing written: fix the errors first")
	}
	e := h.Edition(id)
	switch {
	case e == nil:
		return c.fail("no edition %q in content/", id)
	case !e.Draft:
		return c.fail("edition %s is released already (announced %s)", id, e.Announced.Format(time.DateOnly))
	}
	var faults diag.List
	for _, ch := range e.Chapters {
		for _, l := range slices.Sorted(maps.Keys(ch.Texts)) {
			if ct := ch.Texts[l]; ct.Meta.Draft {
				faults.Errorf(ct.File, ct.KeyLines["draft"], "draft chapter in an edition being released: finish it (remove draft: true) or remove it")
			}
		}
	}
	for _, o := range h.Editions {
		if o != e && !o.Draft && (o.Date.After(date) || o.Date.Equal(date) && content.CompareIDs(o.ID, id) > 0) {
			return c.fail("edition %s is dated %s, after %s: a release takes effect after the editions released before it (use -date)",
				o.ID, o.Date.Format(time.DateOnly), date.Format(time.DateOnly))
		}
	}
	if len(faults) > 0 {
		r.printDiags(faults)
		return c.fail("nothing written")
	}

	// Edit every file in memory, check the result, then write.
	edited := map[string][]byte{}
	for _, l := range slices.Sorted(maps.Keys(e.Texts)) {
		file := e.Texts[l].File
		data, err := fs.ReadFile(s.root.FS(), file)
		if err != nil {
			return c.fail("%v", err)
		}
		data, err = editFM(data, func(f *fmFile) error {
			return firstErr(f.set("date", date.Format(time.DateOnly)), f.set("draft", "false"),
				f.set("announced", today.Format(time.DateOnly)))
		})
		if err != nil {
			return c.fail("%s: %v", file, err)
		}
		edited[file] = data
	}
	after, d := content.Load(overlay{s.root.FS(), edited}, s.opts)
	if d.HasErrors() || after.Edition(id) == nil || after.Edition(id).Draft {
		r.printDiags(d.Errors())
		return c.fail("nothing written: the edited edition files do not validate; edit them by hand")
	}
	for _, file := range slices.Sorted(maps.Keys(edited)) {
		if err := replaceFile(s.root, file, edited[file]); err != nil {
			return c.fail("%v", err)
		}
		fmt.Fprintf(r.stdout, "updated %s\n", file)
	}
	status := "in force from"
	if date.After(today) {
		status = "upcoming: in force from"
	}
	fmt.Fprintf(r.stdout, "released %s: %s %s, announced %s\n", id, status, date.Format(time.DateOnly), today.Format(time.DateOnly))
	return exitOK
}

// overlay is fsys with some files' contents replaced.
type overlay struct {
	fs.FS
	files map[string][]byte
}

func (o overlay) Open(name string) (fs.File, error) {
	if data, ok := o.files[name]; ok {
		return fstest.MapFS{name: {Data: data, Mode: 0o644}}.Open(name)
	}
	return o.FS.Open(name)
}
