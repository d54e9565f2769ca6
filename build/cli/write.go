package cli

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// Writes into the source folder go through os.Root, so no path or symlink
// leads outside it. Paths here are slash-separated, relative to the root.

// tempName returns a hidden name beside name, ignored by the loader.
func tempName(name string) string {
	var b [6]byte
	rand.Read(b[:])
	return path.Join(path.Dir(name), "."+path.Base(name)+".tmp-"+hex.EncodeToString(b[:]))
}

// createFile writes a new file, refusing to replace one.
func createFile(root *os.Root, name string, data []byte) error {
	f, err := root.OpenFile(filepath.FromSlash(name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return errors.Join(err, f.Close())
}

// replaceFile writes data to name atomically: a temporary file beside it,
// synced, then renamed over it. The file keeps its permissions.
func replaceFile(root *os.Root, name string, data []byte) (err error) {
	perm := fs.FileMode(0o644)
	if fi, err := root.Stat(filepath.FromSlash(name)); err == nil {
		perm = fi.Mode().Perm()
	}
	tmp := filepath.FromSlash(tempName(name))
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			root.Remove(tmp)
		}
	}()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if err = errors.Join(err, f.Close()); err != nil {
		return err
	}
	return root.Rename(tmp, filepath.FromSlash(name))
}

// copyTree copies the folder src to dst (which must not exist) inside root.
func copyTree(root *os.Root, src, dst string) error {
	if err := root.Mkdir(filepath.FromSlash(dst), 0o755); err != nil {
		return err
	}
	ents, err := fs.ReadDir(root.FS(), src)
	if err != nil {
		return err
	}
	for _, e := range ents {
		s, d := path.Join(src, e.Name()), path.Join(dst, e.Name())
		fi, err := fs.Stat(root.FS(), s) // follows a symlink inside the root
		if err != nil {
			return err
		}
		if fi.IsDir() {
			if e.Type()&fs.ModeSymlink != 0 {
				continue // not followed, as the loader does
			}
			if err := copyTree(root, s, d); err != nil {
				return err
			}
			continue
		}
		data, err := fs.ReadFile(root.FS(), s)
		if err != nil {
			return err
		}
		if err := createFile(root, d, data); err != nil {
			return err
		}
	}
	return nil
}
