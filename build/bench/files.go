package bench

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// The files floor: what the kernel charges for creating a build's folders
// and files, with no other work. It is measured on the output of a cold
// build, so the counts and sizes are the real ones, and it tells how much
// of a build's kernel time the shape of its output costs (folder URLs,
// one index.html a folder) and how much is the builder's own.

// tree is the shape of an output: its folders, top-down, and its files
// with their sizes.
type tree struct {
	dirs  []string // relative to the root, parents before children
	files []treeFile
	bytes int64
}

type treeFile struct {
	path string
	size int64
}

// readTree records the shape of the output under root.
func readTree(root string) (*tree, error) {
	t := &tree{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil || rel == "." {
			return err
		}
		switch {
		case d.IsDir():
			t.dirs = append(t.dirs, rel)
		case d.Type().IsRegular():
			info, err := d.Info()
			if err != nil {
				return err
			}
			t.files = append(t.files, treeFile{rel, info.Size()})
			t.bytes += info.Size()
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("files floor: %w", err)
	}
	return t, nil
}

// create makes the tree's folders and files (of the same sizes, zeros)
// under root, which must not exist, on one locked thread, and returns the
// wall time and that thread's processor time (the process's where the
// system cannot tell one thread's).
func (t *tree) create(root string) (sample, error) {
	var largest int64
	for _, f := range t.files {
		largest = max(largest, f.size)
	}
	data := make([]byte, largest)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	start := time.Now()
	user, sys := threadTimes()
	err := os.Mkdir(root, 0o755)
	for _, d := range t.dirs {
		if err != nil {
			break
		}
		err = os.Mkdir(filepath.Join(root, d), 0o755)
	}
	for _, f := range t.files {
		if err != nil {
			break
		}
		err = os.WriteFile(filepath.Join(root, f.path), data[:f.size], 0o644)
	}
	user2, sys2 := threadTimes()
	s := sample{d: time.Since(start), user: user2 - user, sys: sys2 - sys, files: len(t.files)}
	if err != nil {
		return s, fmt.Errorf("files floor: %w", err)
	}
	return s, nil
}
