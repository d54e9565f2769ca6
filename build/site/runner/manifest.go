package runner

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
)

// ManifestName is the file, in every output folder, that records what the
// output was built from: a hash of every source file, the defaults, the
// options and the builder itself. A rebuild whose inputs hash the same
// leaves the output as it is.
const ManifestName = ".handbook-manifest"

// inputManifest hashes everything a build reads. Sources are read through
// fsys (the os.Root of the source folder) so that no symlink leads outside.
func inputManifest(fsys fs.FS, cfg BuildConfig, version string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "handbook manifest 1\x00%s\x00", version)
	fmt.Fprintf(h, "drafts=%t base=%q minify=%t today=%s\x00", cfg.Drafts, cfg.BaseURL, cfg.Minify, cfg.Today.Format("2006-01-02"))
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

// builderVersion names the binary, so that a new builder never trusts the
// manifest of an old one.
func builderVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" || s.Key == "vcs.modified" {
			v += " " + s.Value
		}
	}
	if exe, err := os.Executable(); err == nil {
		if st, err := os.Stat(exe); err == nil {
			// A development binary has no version: its size and time tell
			// one build of it from another.
			v += fmt.Sprintf(" %d %d", st.Size(), st.ModTime().UnixNano())
		}
	}
	return v
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

// BuilderVersion names the builder for the build cache and the reuse of
// pages: a hash of the executable, so that a rebuilt binary (an edited
// renderer) never reads what another one rendered, while the same binary
// run again does. It reads the whole executable: call it once per build.
func BuilderVersion() string {
	exe, err := os.Executable()
	if err == nil {
		if f, err := os.Open(exe); err == nil {
			defer f.Close()
			h := sha256.New()
			if _, err := io.Copy(h, f); err == nil {
				return "exe " + hex.EncodeToString(h.Sum(nil))
			}
		}
	}
	return "build " + builderVersion()
}

// outputIdentity names what shapes a page's bytes besides its layouts and
// view: the builder (its strings, its minifier) and the minify option.
func outputIdentity(version string, cfg BuildConfig) string {
	h := sha256.Sum256(fmt.Appendf(nil, "%s\x00minify=%t", version, cfg.Minify))
	return hex.EncodeToString(h[:])
}
