package output

import (
	"errors"
	"fmt"
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
// creates each parent folder once: on slow file systems a MkdirAll per file
// costs as much as the write itself.
type Dir struct {
	root string
	made sync.Map // folder path -> struct{}
}

// NewDir returns a writer into root, which must exist.
func NewDir(root string) *Dir { return &Dir{root: root} }

// WriteFile writes data to rel inside the folder, with the checks of the
// package-level WriteFile.
func (d *Dir) WriteFile(rel string, data []byte) error {
	name, err := d.place(rel)
	if err != nil {
		return fmt.Errorf("write %q: %w", rel, err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	return nil
}

// Link makes rel inside the folder a hard link to the file from (an
// unchanged page of the previous output): on most file systems a link
// costs a tenth of creating and writing the file.
func (d *Dir) Link(from, rel string) error {
	name, err := d.place(rel)
	if err != nil {
		return fmt.Errorf("link %q: %w", rel, err)
	}
	if err := os.Link(from, name); err != nil {
		return fmt.Errorf("link %s: %w", rel, err)
	}
	return nil
}

// place checks rel and returns its path in the folder, its parent folder
// created (once per folder).
func (d *Dir) place(rel string) (string, error) {
	if err := checkRel(rel); err != nil {
		return "", err
	}
	name := filepath.Join(d.root, filepath.FromSlash(rel))
	parent := filepath.Dir(name)
	if _, ok := d.made.Load(parent); !ok {
		if err := os.MkdirAll(parent, 0o755); err != nil {
			return "", err
		}
		d.made.Store(parent, struct{}{})
	}
	return name, nil
}
