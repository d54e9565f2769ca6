package runner

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"example.com/handbook/build/config"
)

// ManifestName is the file, in every output folder, that records what the
// output was built from: a hash of every source file, the defaults, the
// options and the builder itself. A rebuild whose inputs hash the same
// leaves the output as it is.
const ManifestName = ".handbook-manifest"

// inputManifest hashes everything a build reads. Sources are read through
// fsys (the os.Root of the source folder) so that no symlink leads outside.
func inputManifest(fsys fs.FS, cfg config.Options, today time.Time, version string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "handbook manifest 1\x00%s\x00", version)
	fmt.Fprintf(h, "drafts=%t base=%q minify=%t today=%s\x00", cfg.Drafts, cfg.BaseURL, cfg.Minify, today.Format("2006-01-02"))
	// One buffer for every file: io.Copy would take a new one per file
	// (an os.File's WriteTo falls back to it), the struct hides WriteTo.
	buf := make([]byte, 32<<10)
	add := func(fsys fs.FS, label, root string) error {
		if fsys == nil {
			return nil
		}
		if _, err := fs.Stat(fsys, root); err != nil {
			return nil // an optional folder that does not exist
		}
		var paths []string
		err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				paths = append(paths, p)
			}
			return nil
		})
		if err != nil {
			return err
		}
		sort.Strings(paths)
		for _, p := range paths {
			f, err := fsys.Open(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s:%s\x00", label, p)
			_, err = io.CopyBuffer(h, struct{ io.Reader }{f}, buf)
			f.Close()
			if err != nil {
				return err
			}
			h.Write([]byte{0})
		}
		return nil
	}
	for _, dir := range []string{"content", "layouts", "static"} {
		if err := add(fsys, "source", dir); err != nil {
			return "", err
		}
	}
	if err := add(cfg.Layouts, "default-layouts", "."); err != nil {
		return "", err
	}
	if err := add(cfg.Static, "default-static", "."); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// outputMatches reports whether out holds a complete output built from the
// same inputs.
func outputMatches(out, manifest string) bool {
	b, err := os.ReadFile(filepath.Join(out, ManifestName))
	if err != nil {
		return false
	}
	if _, err := os.Stat(filepath.Join(out, ".handbook-output")); err != nil {
		return false
	}
	return strings.TrimSpace(string(b)) == manifest
}

// outputIdentity names what shapes a page's bytes besides its layouts and
// view: the builder (its strings, its minifier) and the minify option.
func outputIdentity(version string, minify bool) string {
	h := sha256.Sum256(fmt.Appendf(nil, "%s\x00minify=%t", version, minify))
	return hex.EncodeToString(h[:])
}
