package output

import (
	"errors"
	"os"
	"path/filepath"
)

// byPath does what a dirHandle does by path name. Systems without a handle
// use it (write_other.go), and so does a Linux handle that could not be
// opened (write_linux.go).
type byPath struct{}

func (byPath) name(root, rel string) string { return filepath.Join(root, filepath.FromSlash(rel)) }

func (p byPath) mkdir(root, rel string) error { return os.Mkdir(p.name(root, rel), 0o755) }

func (p byPath) writeFile(root, rel string, data []byte) error {
	return os.WriteFile(p.name(root, rel), data, 0o644)
}

func (p byPath) link(root, from, rel string) error { return os.Link(from, p.name(root, rel)) }

// remove removes a file but never a folder (os.Remove would remove an
// empty one).
func (p byPath) remove(root, rel string) error {
	name := p.name(root, rel)
	st, err := os.Lstat(name)
	if err != nil {
		return err
	}
	if st.IsDir() {
		return &os.PathError{Op: "remove", Path: name, Err: errIsDir}
	}
	return os.Remove(name)
}

func (p byPath) rmdir(root, rel string) error { return os.Remove(p.name(root, rel)) }

func (p byPath) isDir(root, rel string) bool {
	st, err := os.Lstat(p.name(root, rel))
	return err == nil && st.IsDir()
}

var errIsDir = errors.New("is a folder")
