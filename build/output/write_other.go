//go:build !linux

package output

import (
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
