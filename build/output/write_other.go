//go:build !linux

package output

import (
	"errors"
	"os"
	"path/filepath"
)

// dirHandle is unused outside Linux: files are written by path.
type dirHandle struct{}

func openDirHandle(string) dirHandle { return dirHandle{} }

func (dirHandle) close() error { return nil }

func (dirHandle) mkdir(root, rel string) error {
	return os.Mkdir(filepath.Join(root, filepath.FromSlash(rel)), 0o755)
}

func (dirHandle) writeFile(root, rel string, data []byte) error {
	return os.WriteFile(filepath.Join(root, filepath.FromSlash(rel)), data, 0o644)
}

func (dirHandle) link(root, from, rel string) error {
	return os.Link(from, filepath.Join(root, filepath.FromSlash(rel)))
}

func (dirHandle) remove(root, rel string) error {
	name := filepath.Join(root, filepath.FromSlash(rel))
	st, err := os.Lstat(name)
	if err != nil {
		return err
	}
	if st.IsDir() {
		return &os.PathError{Op: "remove", Path: name, Err: errIsDir}
	}
	return os.Remove(name)
}

func (dirHandle) rmdir(root, rel string) error {
	return os.Remove(filepath.Join(root, filepath.FromSlash(rel)))
}

func (dirHandle) isDir(root, rel string) bool {
	st, err := os.Lstat(filepath.Join(root, filepath.FromSlash(rel)))
	return err == nil && st.IsDir()
}

var errIsDir = errors.New("is a folder")
