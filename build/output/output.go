// Package output writes a built site into its output folder without ever
// losing files that handbook did not write: the site is written into a
// temporary folder beside the output folder and swapped in atomically, under
// a lock, and only over a folder that is empty or carries handbook's marker.
package output

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// MarkerName is the file that every output folder written by handbook holds.
// Its presence is what allows a later build to replace the folder whole.
const MarkerName = ".handbook-output"

// markerContent is the marker file's one line, for whoever finds it.
const markerContent = "Written by handbook: this folder is replaced whole at every build; do not edit it.\n"

// ErrRefused is matched (errors.Is) by the errors Publish returns when the
// output folder may not be replaced: it holds foreign files, or it is, holds
// or lies inside a folder that must not be touched.
var ErrRefused = errors.New("output folder refused")

// ErrBusy is matched (errors.Is) by the error Publish returns when another
// build holds the output folder's lock and Options.Wait is false.
var ErrBusy = errors.New("output folder locked by another build")

// ErrUpToDate is returned by Publish, which then changed nothing, when
// Options.UpToDate reported that Out already holds what would be written.
var ErrUpToDate = errors.New("output folder up to date")

// Options says where Publish writes and how it behaves when another build
// is writing the same output folder.
type Options struct {
	Out    string // the output folder (absolute or relative to the current folder)
	Source string // the source folder (holds content/, layouts/, static/); "" is the current folder
	Wait   bool   // when another build holds the lock: wait (true) or refuse at once (false)
	// UpToDate, when set, is asked under the lock, after recovery, whether
	// the output folder (an absolute path) already holds what write would
	// write; if so Publish returns ErrUpToDate without writing.
	UpToDate func(out string) bool
	// Recycle keeps the previous output, once replaced, as a hidden
	// "spare" sibling folder, and hands it to the next Publish as the
	// folder to write in (its marker removed): a build then rewrites what
	// changed instead of creating every folder and file again. write must
	// then treat what it finds in the folder as stale until proven
	// otherwise, and never change a file in place (it may be a hard link
	// shared with the output being served).
	Recycle bool
}

// Publish checks that Out may be replaced, takes the lock, recovers from an
// interrupted earlier run, calls write with a fresh temporary folder beside
// Out, then swaps it in atomically, leaving the marker file in it. If write
// returns an error (returned as is), or ctx is cancelled before the swap,
// nothing of Out changes and the temporary folder is removed.
//
// When Out is a symbolic link, the folder it points to is replaced and the
// link is kept. The permissions of an existing Out carry over to the new one.
func Publish(ctx context.Context, o Options, write func(ctx context.Context, dir string) error) error {
	t, err := newTarget(o)
	if err != nil {
		return err
	}
	// Checked before anything is created, so that a refusal touches nothing.
	if err := t.checkReplaceable(); err != nil {
		return err
	}
	if err := os.MkdirAll(t.parent, 0o755); err != nil {
		return t.errorf("%w", err)
	}
	release, err := acquire(ctx, t, o.Wait)
	if err != nil {
		return err
	}
	defer release()

	if err := t.recover(); err != nil {
		return err
	}
	// Checked again under the lock: recovery may have restored a previous
	// output, and someone may have changed the folder while we waited.
	if err := t.checkReplaceable(); err != nil {
		return err
	}
	if o.UpToDate != nil && o.UpToDate(t.out) {
		return ErrUpToDate
	}

	tmp, err := t.takeSpare()
	if err != nil {
		return err
	}
	if tmp != "" && !o.Recycle {
		// A build that wants a fresh folder: the spare goes.
		if err := removeTree(tmp); err != nil {
			return t.errorf("remove the spare folder: %w", err)
		}
		tmp = ""
	}
	if tmp == "" {
		if tmp, err = t.makeTemp(); err != nil {
			return err
		}
	}
	swapped := false
	defer func() {
		if !swapped {
			os.RemoveAll(tmp)
		}
	}()
	if err := write(ctx, tmp); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return t.errorf("%w", err)
	}
	if err := os.WriteFile(filepath.Join(tmp, MarkerName), []byte(markerContent), 0o644); err != nil {
		return t.errorf("write marker: %w", err)
	}
	old, err := t.swapIn(tmp)
	if err != nil {
		return t.errorf("swap in %s: %w", tmp, err)
	}
	swapped = true
	if err := syncDir(t.parent); err != nil {
		return t.errorf("sync %s: %w", t.parent, err)
	}
	if old != "" {
		dispose := removeTree
		if o.Recycle {
			dispose = t.retire
		}
		if err := dispose(old); err != nil {
			return t.errorf("the new output is in place, but the previous one could not be removed from %s (the next build removes it): %w", old, err)
		}
	}
	return nil
}

// refusal is an error that explains why a folder is left alone; it matches
// ErrRefused or ErrBusy.
type refusal struct {
	msg  string
	kind error
}

func (r *refusal) Error() string { return r.msg }
func (r *refusal) Unwrap() error { return r.kind }

func refuse(kind error, format string, args ...any) error {
	return &refusal{msg: fmt.Sprintf(format, args...), kind: kind}
}

// Settled reports whether out is a finished output: it exists with its
// marker, and no temporary or old folder of an interrupted or running build
// sits beside it. A caller may then read it without taking the lock (to see
// whether it is up to date); anything else goes through Publish.
func Settled(o Options) bool {
	t, err := newTarget(o)
	if err != nil || !hasMarker(t.out) {
		return false
	}
	entries, err := os.ReadDir(t.parent)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if t.isSibling(e.Name(), kindTmp) || t.isSibling(e.Name(), kindOld) {
			return false
		}
	}
	return true
}
