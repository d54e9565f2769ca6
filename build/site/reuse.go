package site

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"example.com/handbook/build/output"
)

// PagesName is the file, in every output folder, that lists the hash of
// every file written. The next build links a file whose bytes did not
// change from the previous output instead of writing it again: the atomic
// swap needs a whole new tree, and creating files is most of a build's
// cost on common file systems.
const PagesName = ".handbook-pages"

// reuser writes the files of a build, linking those unchanged since the
// previous output.
type reuser struct {
	dir  *output.Dir
	prev string            // the previous output folder ("" when none)
	old  map[string]string // path -> hex hash in the previous output
	mu   sync.Mutex
	now  map[string]string
}

func newReuser(dir *output.Dir, prev string) *reuser {
	r := &reuser{dir: dir, prev: prev, now: map[string]string{}}
	if prev == "" {
		return r
	}
	f, err := os.Open(filepath.Join(prev, PagesName))
	if err != nil {
		return r
	}
	defer f.Close()
	r.old = map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if h, p, ok := strings.Cut(sc.Text(), " "); ok && len(h) == 64 {
			r.old[p] = h
		}
	}
	return r
}

func (r *reuser) write(rel string, data []byte) error {
	sum := sha256.Sum256(data)
	h := hex.EncodeToString(sum[:])
	r.mu.Lock()
	r.now[rel] = h
	r.mu.Unlock()
	if r.old[rel] == h {
		from := filepath.Join(r.prev, filepath.FromSlash(rel))
		// The previous file must still hold those bytes: a hand edit of
		// the output (or a damaged one) is never carried over.
		if st, err := os.Stat(from); err == nil && st.Mode().IsRegular() && st.Size() == int64(len(data)) {
			if err := r.dir.Link(from, rel); err == nil {
				return nil
			}
		}
	}
	return r.dir.WriteFile(rel, data)
}

// finish writes the list of hashes for the next build.
func (r *reuser) finish() error {
	paths := make([]string, 0, len(r.now))
	for p := range r.now {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var b bytes.Buffer
	for _, p := range paths {
		b.WriteString(r.now[p])
		b.WriteByte(' ')
		b.WriteString(p)
		b.WriteByte('\n')
	}
	return r.dir.WriteFile(PagesName, b.Bytes())
}
