package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// target is the output folder of one Publish call, with its paths resolved.
type target struct {
	shown  string // the output folder as absolute path, for messages
	out    string // the output folder, symbolic links of existing parts resolved
	parent string // the folder that holds out, its lock and its temporary folders
	base   string // the last element of out
}

// newTarget resolves o's paths and refuses, touching nothing, an output
// folder that would overwrite the sources or a folder far too big to be one.
func newTarget(o Options) (*target, error) {
	if o.Out == "" {
		return nil, errors.New("publish: no output folder given")
	}
	shown, err := filepath.Abs(o.Out)
	if err != nil {
		return nil, fmt.Errorf("publish %s: %w", o.Out, err)
	}
	out, err := resolve(shown)
	if err != nil {
		return nil, fmt.Errorf("publish %s: %w", shown, err)
	}
	t := &target{shown: shown, out: out, parent: filepath.Dir(out), base: filepath.Base(out)}
	if err := t.checkPlace(o.Source); err != nil {
		return nil, err
	}
	return t, nil
}

// checkPlace refuses the file system root, the user's home and its parents,
// the source folder, a folder that contains it or one of its content/,
// layouts/ and static/ folders, and any folder inside the latter three.
func (t *target) checkPlace(source string) error {
	if t.out == filepath.Dir(t.out) {
		return refuse(ErrRefused, "refusing to replace %s: it is the root of the file system; choose another -out", t.shown)
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		if h, err := resolve(home); err == nil && within(h, t.out) {
			return refuse(ErrRefused, "refusing to replace %s: it holds your home folder; choose another -out", t.shown)
		}
	}
	if source == "" {
		source = "."
	}
	abs, err := filepath.Abs(source)
	if err != nil {
		return fmt.Errorf("publish %s: source %s: %w", t.shown, source, err)
	}
	src, err := resolve(abs)
	if err != nil {
		return fmt.Errorf("publish %s: source %s: %w", t.shown, abs, err)
	}
	switch {
	case t.out == src:
		return refuse(ErrRefused, "refusing to replace %s: it is the source folder; choose another -out", t.shown)
	case within(src, t.out):
		return refuse(ErrRefused, "refusing to replace %s: it contains the source folder %s; choose another -out", t.shown, abs)
	}
	for _, name := range []string{"content", "layouts", "static"} {
		// Resolved on their own: each may be a link to a folder elsewhere.
		dir, err := resolve(filepath.Join(src, name))
		if err != nil {
			return fmt.Errorf("publish %s: source %s: %w", t.shown, name, err)
		}
		switch {
		case within(t.out, dir):
			return refuse(ErrRefused, "refusing to replace %s: it lies inside the source's %s/ folder; choose another -out", t.shown, name)
		case within(dir, t.out):
			return refuse(ErrRefused, "refusing to replace %s: it contains the source's %s/ folder; choose another -out", t.shown, name)
		}
	}
	return nil
}

// checkReplaceable refuses an output folder that is not a folder, or that
// holds files but no marker: those files are someone else's.
func (t *target) checkReplaceable() error {
	info, err := os.Lstat(t.out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return t.errorf("%w", err)
	case !info.IsDir():
		return refuse(ErrRefused, "refusing to replace %s: it is not a folder; choose another -out", t.shown)
	}
	if hasMarker(t.out) {
		return nil
	}
	empty, err := isEmptyDir(t.out)
	if err != nil {
		return t.errorf("%w", err)
	}
	if !empty {
		return refuse(ErrRefused, "refusing to replace %s: it is not empty and was not written by handbook (no %s marker); choose another -out or empty it", t.shown, MarkerName)
	}
	return nil
}

// errorf returns an error prefixed with "publish <out>: ".
func (t *target) errorf(format string, args ...any) error {
	return fmt.Errorf("publish %s: %w", t.shown, fmt.Errorf(format, args...))
}

func isEmptyDir(dir string) (bool, error) {
	f, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer f.Close()
	_, err = f.Readdirnames(1)
	if errors.Is(err, io.EOF) {
		return true, nil
	}
	return false, err
}

// resolve returns the absolute path p with the symbolic links of its longest
// existing prefix resolved; the parts that do not exist yet are kept as is.
func resolve(p string) (string, error) {
	p = filepath.Clean(p)
	var missing []string
	for cur := p; ; {
		r, err := filepath.EvalSymlinks(cur)
		if err == nil {
			return filepath.Join(append([]string{r}, missing...)...), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return p, nil
		}
		missing = append([]string{filepath.Base(cur)}, missing...)
		cur = parent
	}
}

// within reports whether path p is dir or lies inside it; both are clean
// absolute paths.
func within(p, dir string) bool {
	if p == dir {
		return true
	}
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	return strings.HasPrefix(p, dir)
}
