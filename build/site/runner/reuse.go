package runner

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"example.com/handbook/build/output"
)

// PagesName is the file, in every output folder, that lists every file
// written with the hash of its bytes and, for pages, the hash of what its
// layouts received (viewhash.go). The next build links a file whose bytes
// did not change from the previous output instead of writing it again, and
// a page whose layouts and data did not change instead of rendering it
// again: the atomic swap needs a whole new tree, and creating files and
// rendering pages are most of a build's cost.
const PagesName = ".handbook-pages"

// pagesHeader starts PagesName; the identity after it names the builder
// and the options that shape bytes beyond the views (minify). Views are
// reused only under the same identity.
const pagesHeader = "# handbook pages 2 "

// reuser writes the files of a build, linking those unchanged since the
// previous output. When the folder it writes in is a recycled output (the
// one before the previous, see output.Options.Recycle), a file that holds
// the right bytes there already is left as it is, and the files no longer
// part of the site are removed at the end.
type reuser struct {
	dir      *output.Dir
	root     string // the folder dir writes in
	prev     string // the previous output folder ("" when none)
	identity string
	old      map[string]fileRecord // path -> record in the previous output
	sameID   bool                  // the previous output was built by the same identity
	spare    map[string]fileRecord // path -> record in the recycled folder
	mu       sync.Mutex
	now      map[string]fileRecord
	views    map[string][32]byte // view hashes of the pages being rendered, until written
	// counts of pages kept and rendered, and of files left in place,
	// linked from the previous output, and written, for the progress line.
	keptN, renderedN, inPlaceN, linkedN, writtenN atomic.Int64
	// variantsN counts the precompressed variants in the output.
	variantsN atomic.Int64
	compress  output.Compressor
}

// fileRecord is one line of PagesName.
type fileRecord struct {
	sum  string // hex hash of the bytes
	view string // hex hash of the view; "-" for files that are not pages
	size int64
}

// newReuser prepares the writing of a site into root through dir, reusing
// the previous output prev ("" for none) and, when dir is recycled, what
// root holds.
func newReuser(dir *output.Dir, root, prev, identity string) (*reuser, error) {
	r := &reuser{dir: dir, root: root, prev: prev, identity: identity, now: map[string]fileRecord{}, views: map[string][32]byte{}}
	if prev != "" {
		r.old, r.sameID = readRecords(filepath.Join(prev, PagesName), identity)
	}
	if !dir.Recycled() {
		return r, nil
	}
	r.spare, _ = readRecords(filepath.Join(root, PagesName), identity)
	if r.spare == nil {
		// No list of what the folder holds: start from an empty one.
		ents, err := os.ReadDir(root)
		if err != nil {
			return nil, err
		}
		for _, e := range ents {
			if err := os.RemoveAll(filepath.Join(root, e.Name())); err != nil {
				return nil, err
			}
		}
	}
	// Rewritten at the end, never carried over.
	for _, name := range []string{PagesName, ManifestName} {
		if err := dir.Remove(name); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// readRecords reads a PagesName file; it reports whether it was written
// under identity. A missing or unreadable file gives nil.
func readRecords(file, identity string) (map[string]fileRecord, bool) {
	f, err := os.Open(file)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	recs := map[string]fileRecord{}
	same := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if id, ok := strings.CutPrefix(line, pagesHeader); ok {
			same = id == identity
			continue
		}
		f := strings.SplitN(line, " ", 4)
		if len(f) != 4 || len(f[0]) != 64 {
			continue
		}
		size, err := strconv.ParseInt(f[2], 10, 64)
		if err != nil {
			continue
		}
		recs[f[3]] = fileRecord{sum: f[0], view: f[1], size: size}
	}
	if sc.Err() != nil {
		return nil, false
	}
	return recs, same
}

// usable reports whether the folder dir still holds rel as recorded: a
// hand edit of the output (or a damaged one) is never carried over.
func usable(dir, rel string, rec fileRecord) (string, bool) {
	from := filepath.Join(dir, filepath.FromSlash(rel))
	st, err := os.Lstat(from)
	return from, err == nil && st.Mode().IsRegular() && st.Size() == rec.size
}

// inPlace reports whether the recycled folder holds rel with the bytes of
// sum already.
func (r *reuser) inPlace(rel, sum string) bool {
	rec, ok := r.spare[rel]
	if !ok || rec.sum != sum {
		return false
	}
	_, ok = usable(r.root, rel, rec)
	return ok
}

func (r *reuser) record(rel string, rec fileRecord) {
	r.mu.Lock()
	r.now[rel] = rec
	r.mu.Unlock()
}

// files returns how many files the new output holds (the build's own
// records aside), precompressed variants included.
func (r *reuser) files() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.now)
}

// page is the views function of site.Site.WithViews: it keeps the page's previous file when it was
// rendered from the same view by the same builder, and reports whether it
// did; otherwise it remembers the view for write.
func (r *reuser) page(rel string, view [32]byte) bool {
	if r.keep(rel, view) {
		r.keptN.Add(1)
		return true
	}
	r.renderedN.Add(1)
	r.mu.Lock()
	r.views[rel] = view
	r.mu.Unlock()
	return false
}

// keep links rel from the previous output when it was rendered there from
// the same view by the same builder; it reports whether it did.
func (r *reuser) keep(rel string, view [32]byte) bool {
	if !r.sameID {
		return false
	}
	rec, ok := r.old[rel]
	if !ok || rec.view != hex.EncodeToString(view[:]) {
		return false
	}
	if r.inPlace(rel, rec.sum) {
		r.record(rel, rec)
		r.inPlaceN.Add(1)
		return r.variants(rel, rec.sum, func() ([]byte, error) { return os.ReadFile(filepath.Join(r.root, filepath.FromSlash(rel))) }) == nil
	}
	from, ok := usable(r.prev, rel, rec)
	if !ok || r.dir.Link(from, rel) != nil {
		return false
	}
	r.record(rel, rec)
	r.linkedN.Add(1)
	return r.variants(rel, rec.sum, func() ([]byte, error) { return os.ReadFile(filepath.Join(r.root, filepath.FromSlash(rel))) }) == nil
}

// write writes data to rel, or links the previous file when it holds the
// same bytes. It records the view page noted for rel, if any.
func (r *reuser) write(rel string, data []byte) error {
	sum := sha256.Sum256(data)
	rec := fileRecord{sum: hex.EncodeToString(sum[:]), view: "-", size: int64(len(data))}
	r.mu.Lock()
	if view, ok := r.views[rel]; ok {
		rec.view = hex.EncodeToString(view[:])
		delete(r.views, rel)
	}
	r.now[rel] = rec
	r.mu.Unlock()
	if err := r.place(rel, rec, data); err != nil {
		return err
	}
	return r.variants(rel, rec.sum, func() ([]byte, error) { return data, nil })
}

// place puts data, recorded as rec, at rel: left in place, linked from the
// previous output, or written.
func (r *reuser) place(rel string, rec fileRecord, data []byte) error {
	if r.inPlace(rel, rec.sum) {
		r.inPlaceN.Add(1)
		return nil
	}
	if old, ok := r.old[rel]; ok && old.sum == rec.sum {
		if from, ok := usable(r.prev, rel, old); ok {
			if err := r.dir.Link(from, rel); err == nil {
				r.linkedN.Add(1)
				return nil
			}
		}
	}
	r.writtenN.Add(1)
	return r.dir.WriteFile(rel, data)
}

// variants puts the precompressed variants of rel, whose bytes hash to
// src, beside it (see output.Precompressed). A variant's record holds src
// in place of a view, so that one made from the same bytes is reused,
// left in place or linked, and never compressed again.
func (r *reuser) variants(rel, src string, data func() ([]byte, error)) error {
	if !output.Precompressed(rel) {
		return nil
	}
	for _, suffix := range output.Encodings {
		r.variantsN.Add(1)
		vrel := rel + suffix
		if rec, ok := r.spare[vrel]; ok && rec.view == src {
			if _, ok := usable(r.root, vrel, rec); ok {
				r.record(vrel, rec)
				r.inPlaceN.Add(1)
				continue
			}
		}
		if rec, ok := r.old[vrel]; ok && rec.view == src {
			if from, ok := usable(r.prev, vrel, rec); ok && r.dir.Link(from, vrel) == nil {
				r.record(vrel, rec)
				r.linkedN.Add(1)
				continue
			}
		}
		b, err := data()
		if err != nil {
			return err
		}
		v := r.compress.Compress(rel, suffix, b)
		sum := sha256.Sum256(v)
		r.record(vrel, fileRecord{sum: hex.EncodeToString(sum[:]), view: src, size: int64(len(v))})
		r.writtenN.Add(1)
		if err := r.dir.WriteFile(vrel, v); err != nil {
			return err
		}
	}
	return nil
}

// finish removes from a recycled folder the files no longer in the site,
// and writes the list of files for the next build.
func (r *reuser) finish() error {
	for rel := range r.spare {
		if _, ok := r.now[rel]; !ok {
			if err := r.dir.Remove(rel); err != nil {
				return err
			}
		}
	}
	paths := make([]string, 0, len(r.now))
	for p := range r.now {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var b bytes.Buffer
	b.WriteString(pagesHeader + r.identity + "\n")
	for _, p := range paths {
		rec := r.now[p]
		fmt.Fprintf(&b, "%s %s %d %s\n", rec.sum, rec.view, rec.size, p)
	}
	return r.dir.WriteFile(PagesName, b.Bytes())
}
