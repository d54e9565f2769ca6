package site

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

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

// errUnchanged is what rendering a page returns when its previous file
// was kept (see Site.unchanged).
var errUnchanged = errors.New("page unchanged: previous file kept")

// reuser writes the files of a build, linking those unchanged since the
// previous output.
type reuser struct {
	dir      *output.Dir
	prev     string // the previous output folder ("" when none)
	identity string
	old      map[string]fileRecord // path -> record in the previous output
	sameID   bool                  // the previous output was built by the same identity
	mu       sync.Mutex
	now      map[string]fileRecord
}

// fileRecord is one line of PagesName.
type fileRecord struct {
	sum  string // hex hash of the bytes
	view string // hex hash of the view; "-" for files that are not pages
	size int64
}

func newReuser(dir *output.Dir, prev, identity string) *reuser {
	r := &reuser{dir: dir, prev: prev, identity: identity, now: map[string]fileRecord{}}
	if prev == "" {
		return r
	}
	f, err := os.Open(filepath.Join(prev, PagesName))
	if err != nil {
		return r
	}
	defer f.Close()
	r.old = map[string]fileRecord{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if id, ok := strings.CutPrefix(line, pagesHeader); ok {
			r.sameID = id == identity
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
		r.old[f[3]] = fileRecord{sum: f[0], view: f[1], size: size}
	}
	return r
}

// usable reports whether the previous output still holds rel as recorded:
// a hand edit of the output (or a damaged one) is never carried over.
func (r *reuser) usable(rel string, rec fileRecord) (string, bool) {
	from := filepath.Join(r.prev, filepath.FromSlash(rel))
	st, err := os.Lstat(from)
	return from, err == nil && st.Mode().IsRegular() && st.Size() == rec.size
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
	from, ok := r.usable(rel, rec)
	if !ok || r.dir.Link(from, rel) != nil {
		return false
	}
	r.mu.Lock()
	r.now[rel] = rec
	r.mu.Unlock()
	return true
}

// write writes data to rel, or links the previous file when it holds the
// same bytes. view is the hash of the page's view, nil for other files.
func (r *reuser) write(rel string, data []byte, view *[32]byte) error {
	sum := sha256.Sum256(data)
	rec := fileRecord{sum: hex.EncodeToString(sum[:]), view: "-", size: int64(len(data))}
	if view != nil {
		rec.view = hex.EncodeToString(view[:])
	}
	r.mu.Lock()
	r.now[rel] = rec
	r.mu.Unlock()
	if old, ok := r.old[rel]; ok && old.sum == rec.sum {
		if from, ok := r.usable(rel, old); ok {
			if err := r.dir.Link(from, rel); err == nil {
				return nil
			}
		}
	}
	return r.dir.WriteFile(rel, data)
}

// finish writes the list of files for the next build.
func (r *reuser) finish() error {
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
