package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// WriteFile writes data to the file rel inside dir, creating its parent
// folders. rel is a '/'-separated path that must be clean and stay inside dir
// (no "..", no leading '/', no backslash), so that no page can be written
// outside the output. It is safe for concurrent use by many goroutines.
func WriteFile(dir, rel string, data []byte) error {
	if err := checkRel(rel); err != nil {
		return fmt.Errorf("write %q: %w", rel, err)
	}
	name := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	return nil
}

// checkRel accepts a clean, local, '/'-separated file path.
func checkRel(rel string) error {
	switch {
	case rel == "" || rel == ".":
		return errors.New("empty path")
	case strings.Contains(rel, `\`):
		return errors.New(`path contains a backslash; use "/"`)
	case path.Clean(rel) != rel:
		return errors.New("path is not clean")
	case !filepath.IsLocal(filepath.FromSlash(rel)):
		return errors.New("path leaves the output folder")
	}
	return nil
}

// Dir writes many files into one output folder from many goroutines, and
// creates each parent folder once. On Linux it works relative to a handle
// on the folder (openat, mkdirat, linkat), with no stat before a mkdir and
// none of os.File's set-up: creating files is most of a build's cost, and
// on slow file systems every system call counts.
type Dir struct {
	root string
	h    dirHandle // the folder, opened once; see write_linux.go
	made sync.Map  // folder (relative, '/'-separated) -> struct{}
	// recycled: root held files when opened (a spare output, see
	// Options.Recycle). A write then removes the file it replaces rather
	// than writing into it, since that file may be a hard link shared
	// with the output being served.
	recycled bool
}

// NewDir returns a writer into root, which must exist. Call Close when done.
func NewDir(root string) *Dir {
	empty, err := isEmptyDir(root)
	return &Dir{root: root, h: openDirHandle(root), recycled: err == nil && !empty}
}

// Recycled reports whether the folder held files when NewDir opened it.
func (d *Dir) Recycled() bool { return d.recycled }

// Remove removes the file rel, and then its parent folders that became
// empty. A missing file is not an error.
func (d *Dir) Remove(rel string) error {
	if err := checkRel(rel); err != nil {
		return fmt.Errorf("remove %q: %w", rel, err)
	}
	if d.recycled && !d.realFolders(rel) {
		return nil
	}
	if err := d.h.remove(d.root, rel); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove %s: %w", rel, err)
	}
	for dir := path.Dir(rel); dir != "."; dir = path.Dir(dir) {
		if d.h.rmdir(d.root, dir) != nil {
			break // not empty (or gone): so are its parents
		}
		d.made.Delete(dir)
	}
	return nil
}

// Close releases the handle on the folder.
func (d *Dir) Close() error { return d.h.close() }

// WriteFile writes data to rel inside the folder, with the checks of the
// package-level WriteFile.
func (d *Dir) WriteFile(rel string, data []byte) error {
	if err := d.place(rel); err != nil {
		return fmt.Errorf("write %q: %w", rel, err)
	}
	if err := d.clear(rel); err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	if err := d.h.writeFile(d.root, rel, data); err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	return nil
}

// Link makes rel inside the folder a hard link to the file from (an
// unchanged page of the previous output): on most file systems a link
// costs a tenth of creating and writing the file.
func (d *Dir) Link(from, rel string) error {
	if err := d.place(rel); err != nil {
		return fmt.Errorf("link %q: %w", rel, err)
	}
	if err := d.clear(rel); err != nil {
		return fmt.Errorf("link %s: %w", rel, err)
	}
	if err := d.h.link(d.root, from, rel); err != nil {
		return fmt.Errorf("link %s: %w", rel, err)
	}
	return nil
}

// place checks rel and creates its parent folders (once per folder).
func (d *Dir) place(rel string) error {
	if err := checkRel(rel); err != nil {
		return err
	}
	parent := path.Dir(rel)
	if parent == "." {
		return nil
	}
	if _, ok := d.made.Load(parent); ok {
		return nil
	}
	return d.mkdirAll(parent)
}

// clear removes what a recycled folder holds at rel: a stale file (never
// written into), or a folder where a file goes now.
func (d *Dir) clear(rel string) error {
	if !d.recycled {
		return nil
	}
	err := d.h.remove(d.root, rel)
	switch {
	case err == nil || errors.Is(err, fs.ErrNotExist):
		return nil
	default:
		// A folder: remove it whole.
		return os.RemoveAll(filepath.Join(d.root, filepath.FromSlash(rel)))
	}
}

// mkdirAll creates folder rel and its missing parents, from the top, each
// once (d.made). In a recycled folder, whose contents this build did not
// make, a name that exists must be a real folder, not a symbolic link that
// would lead the writes (or the removal of stale files) outside the
// output: what is not a folder is removed.
func (d *Dir) mkdirAll(rel string) error {
	if parent := path.Dir(rel); parent != "." {
		if _, ok := d.made.Load(parent); !ok {
			if err := d.mkdirAll(parent); err != nil {
				return err
			}
		}
	}
	err := d.h.mkdir(d.root, rel)
	if d.recycled && errors.Is(err, fs.ErrExist) && !d.h.isDir(d.root, rel) {
		if err = d.h.remove(d.root, rel); err == nil {
			err = d.h.mkdir(d.root, rel)
		}
	}
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	d.made.Store(rel, struct{}{})
	return nil
}

// realFolders reports whether every folder on the way to rel is a real
// folder (checked once per folder): a recycled folder's stale file behind a
// symbolic link is not ours to remove.
func (d *Dir) realFolders(rel string) bool {
	dir := path.Dir(rel)
	if dir == "." {
		return true
	}
	if _, ok := d.made.Load(dir); ok {
		return true
	}
	if !d.realFolders(dir) || !d.h.isDir(d.root, dir) {
		return false
	}
	d.made.Store(dir, struct{}{})
	return true
}
