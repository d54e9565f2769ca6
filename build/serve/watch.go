package serve

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watchedDirs are the folders of the source the preview server watches.
var watchedDirs = [...]string{"content", "layouts", "static"}

// rescan is the change reported when the watcher may have missed events
// (the kernel queue overflowed): everything must be read again.
const rescan = "*"

const (
	// debounceDelay is the quiet gap the watcher waits for after the last
	// event of a burst before it reports the burst, timed from that last
	// event, never from the first: long enough to gather the several
	// events of one save (an editor truncates, writes, renames within a
	// millisecond or two), short enough to be a small part of the path
	// from the save to the screen.
	debounceDelay = 8 * time.Millisecond
	// maxDelay bounds the wait when events never stop (a tool writing many
	// files): the watcher then reports what it has every maxDelay.
	maxDelay = 500 * time.Millisecond
)

// watcher watches content/, layouts/ and static/ of a source folder
// recursively (folders created later included) and reports each burst of
// changes once, as paths relative to the source folder with forward
// slashes (a folder that appeared ends with a slash), after the burst has
// been quiet for delay.
type watcher struct {
	root     string // absolute source folder
	fsw      *fsnotify.Watcher
	delay    time.Duration
	onChange func(b burst)
	onError  func(error)
}

// burst is one batch of changes, with when its first and last events
// came and when the debounce let it go (serve -v logs the steps).
type burst struct {
	paths                  []string
	first, last, delivered time.Time
}

// newWatcher starts watching root. onChange is called from the goroutine
// that calls run, one burst at a time: events that arrive while it runs are
// kept by the kernel and reported in the next burst.
func newWatcher(root string, delay time.Duration, onChange func(burst), onError func(error)) (*watcher, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{root: abs, fsw: fsw, delay: delay, onChange: onChange, onError: onError}
	// The source folder itself, not recursively: so that content/,
	// layouts/ or static/ created (or replaced) after start are seen.
	if err := fsw.Add(abs); err != nil {
		fsw.Close()
		return nil, err
	}
	for _, d := range watchedDirs {
		if _, err := w.addTree(filepath.Join(abs, d)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			fsw.Close()
			return nil, err
		}
	}
	return w, nil
}

// addTree watches dir and every folder below it, and returns the files it
// found, relative to the source: a folder created after start may already
// hold files written before its watch was set.
func (w *watcher) addTree(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // vanished meanwhile: its own event says so
		}
		if p != dir && ignoredName(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			if rel, ok := w.rel(p); ok {
				files = append(files, rel)
			}
			return nil
		}
		if err := w.fsw.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	})
	return files, err
}

// rel maps an event path to the source-relative path it reports, and says
// whether it matters: only paths inside the watched folders, and no
// editor's temporary, backup or lock file.
func (w *watcher) rel(p string) (string, bool) {
	r, err := filepath.Rel(w.root, p)
	if err != nil || r == "." || strings.HasPrefix(r, "..") {
		return "", false
	}
	r = filepath.ToSlash(r)
	top, _, _ := strings.Cut(r, "/")
	if !slices.Contains(watchedDirs[:], top) {
		return "", false
	}
	for _, seg := range strings.Split(r, "/") {
		if ignoredName(seg) {
			return "", false
		}
	}
	return r, true
}

// ignoredName reports the files editors write beside the one being saved:
// dotfiles (vim's .x.swp, emacs's .#x lock, temporary files of atomic
// saves), backups ending in ~, vim's 4913 write probe, emacs's #x#
// autosaves, JetBrains' ___jb_tmp___ and ___jb_old___ files.
func ignoredName(name string) bool {
	switch {
	case name == "":
		return false
	case strings.HasPrefix(name, "."),
		strings.HasSuffix(name, "~"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".swo"),
		name == "4913",
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"):
		return true
	}
	return false
}

// run delivers bursts until ctx is done, then closes the watcher.
func (w *watcher) run(ctx context.Context) {
	defer w.fsw.Close()
	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	var first, last time.Time // the pending burst's first and last events
	arm := func() {
		now := time.Now()
		if first.IsZero() {
			first = now
		}
		last = now
		d := w.delay
		if left := maxDelay - now.Sub(first); left < d {
			d = max(left, 0)
		}
		timer.Reset(d)
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if w.handle(ev, pending) {
				arm()
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: watch every folder again and read
				// everything again.
				for _, d := range watchedDirs {
					_, _ = w.addTree(filepath.Join(w.root, d))
				}
				pending[rescan] = true
				arm()
			}
			if w.onError != nil {
				w.onError(err)
			}
		case <-timer.C:
			if left := maxDelay - time.Since(first); left > 0 && w.halfWritten(pending) {
				// Truncated and not yet written again: one save in
				// progress, on a machine busy enough to split it.
				timer.Reset(min(w.delay, left))
				continue
			}
			paths := make([]string, 0, len(pending))
			for p := range pending {
				paths = append(paths, p)
			}
			slices.Sort(paths)
			clear(pending)
			b := burst{paths: paths, first: first, last: last, delivered: time.Now()}
			first = time.Time{}
			if len(paths) > 0 {
				w.onChange(b)
			}
		}
	}
}

// halfWritten reports whether a changed file is empty: a save that
// truncates the file, then writes it (os.WriteFile, many editors), gives
// an event for each step, and on a loaded machine the quiet gap may fall
// between them. Reporting then would show the author an "empty file"
// error for a moment; the watcher waits for the write instead, up to
// maxDelay after the burst began (a file really emptied is reported then).
func (w *watcher) halfWritten(pending map[string]bool) bool {
	for p := range pending {
		if p == rescan || strings.HasSuffix(p, "/") {
			continue
		}
		st, err := os.Stat(filepath.Join(w.root, filepath.FromSlash(p)))
		if err == nil && st.Mode().IsRegular() && st.Size() == 0 {
			return true
		}
	}
	return false
}

// handle records one event in pending and reports whether it counts.
// A folder that appears (created, or renamed into place to replace another)
// is watched at once, with everything below it.
func (w *watcher) handle(ev fsnotify.Event, pending map[string]bool) bool {
	rel, ok := w.rel(ev.Name)
	if !ok {
		return false
	}
	if ev.Op == fsnotify.Chmod {
		// Attribute changes alone (touch, indexers) change no output.
		return false
	}
	if ev.Has(fsnotify.Create) {
		if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
			files, err := w.addTree(ev.Name)
			if err != nil && w.onError != nil {
				w.onError(err)
			}
			for _, f := range files {
				pending[f] = true
			}
			// A new folder is reported with a slash: it changes no page by
			// itself, only the files in it do (reported too).
			rel += "/"
		}
	}
	pending[rel] = true
	return true
}
