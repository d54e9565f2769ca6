package output

import (
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Sibling folders of the output folder "<base>" that Publish owns:
//
//	.<base>.tmp-<16 hex>    a site being written, or (after an exchange) the previous output on its way out
//	.<base>.old-<16 hex>    a previous output being removed
//	.<base>.spare-<16 hex>  the output before the current one, kept to be written over (Options.Recycle)
//
// Any tmp or old folder left by an interrupted run is recovered by the next
// one; a spare is a whole output, never served, that the next build takes.
const (
	kindTmp   = "tmp"
	kindOld   = "old"
	kindSpare = "spare"
	randSize  = 8 // random bytes in a sibling's name (16 hex digits)
)

// siblingName returns a new name for a sibling folder of the given kind.
func (t *target) siblingName(kind string) string {
	b := make([]byte, randSize)
	rand.Read(b)
	return filepath.Join(t.parent, "."+t.base+"."+kind+"-"+hex.EncodeToString(b))
}

// isSibling reports whether name (an entry of t.parent) is one of t's
// sibling folders of the given kind. The exact shape is required, so that the
// folders of an output named, say, "public.tmp-x" are never taken for ours.
func (t *target) isSibling(name, kind string) bool {
	rest, ok := strings.CutPrefix(name, "."+t.base+"."+kind+"-")
	if !ok || len(rest) != 2*randSize {
		return false
	}
	for _, c := range rest {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// makeTemp creates an empty temporary folder beside the output folder (so on
// the same file system, which the swap needs), with the permissions of the
// current output folder when there is one.
func (t *target) makeTemp() (string, error) {
	for {
		tmp := t.siblingName(kindTmp)
		err := os.Mkdir(tmp, 0o755)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", t.errorf("%w", err)
		}
		if err := t.copyMode(tmp); err != nil {
			os.Remove(tmp)
			return "", err
		}
		return tmp, nil
	}
}

// copyMode gives dir the permissions of the current output folder, when
// there is one, so that a swap does not change them.
func (t *target) copyMode(dir string) error {
	info, err := os.Stat(t.out)
	if err != nil || !info.IsDir() {
		return nil
	}
	if err := os.Chmod(dir, info.Mode()&(fs.ModePerm|fs.ModeSetgid|fs.ModeSticky)); err != nil {
		return t.errorf("%w", err)
	}
	return nil
}

// takeSpare renames the spare folder (the output before the current one)
// to a temporary name, its marker removed, and returns it; "" when there
// is none. Other spares, which only a crash between two renames leaves,
// are removed.
func (t *target) takeSpare() (string, error) {
	entries, err := os.ReadDir(t.parent)
	if err != nil {
		return "", t.errorf("%w", err)
	}
	var spares []fs.DirEntry
	for _, e := range entries {
		if t.isSibling(e.Name(), kindSpare) && e.IsDir() {
			spares = append(spares, e)
		}
	}
	if len(spares) == 0 {
		return "", nil
	}
	newest := slices.MaxFunc(spares, func(a, b fs.DirEntry) int { return cmp.Compare(modTime(a), modTime(b)) })
	for _, e := range spares {
		if e.Name() != newest.Name() {
			if err := removeTree(filepath.Join(t.parent, e.Name())); err != nil {
				return "", t.errorf("remove an extra spare folder: %w", err)
			}
		}
	}
	// Under a tmp- name from here on: should the build die, recovery
	// removes it like any half-written site.
	tmp := t.siblingName(kindTmp)
	if err := os.Rename(filepath.Join(t.parent, newest.Name()), tmp); err != nil {
		return "", t.errorf("take the spare folder: %w", err)
	}
	if err := os.Remove(filepath.Join(tmp, MarkerName)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", t.errorf("take the spare folder: %w", err)
	}
	if err := t.copyMode(tmp); err != nil {
		return "", err
	}
	return tmp, nil
}

// retire keeps the previous output, now at old, as the spare for the next
// build; it removes it when that fails.
func (t *target) retire(old string) error {
	if err := os.Rename(old, t.siblingName(kindSpare)); err != nil {
		return removeTree(old)
	}
	return nil
}

// recover cleans up after an interrupted run: it brings a previous output
// back when a crash between two renames left the output folder missing, then
// removes the leftover temporary and old folders.
func (t *target) recover() error {
	entries, err := os.ReadDir(t.parent)
	if err != nil {
		return t.errorf("recover: %w", err)
	}
	var tmps, olds []fs.DirEntry
	for _, e := range entries {
		switch {
		case t.isSibling(e.Name(), kindTmp):
			tmps = append(tmps, e)
		case t.isSibling(e.Name(), kindOld):
			olds = append(olds, e)
		}
	}
	if _, err := os.Lstat(t.out); errors.Is(err, fs.ErrNotExist) {
		// Only an old folder that still has its marker is a whole previous
		// output (removeTree deletes the marker first). Normally there is
		// one; should there be more, the newest was in place last.
		var whole []fs.DirEntry
		for _, e := range olds {
			if hasMarker(filepath.Join(t.parent, e.Name())) {
				whole = append(whole, e)
			}
		}
		if len(whole) > 0 {
			newest := slices.MaxFunc(whole, func(a, b fs.DirEntry) int { return cmp.Compare(modTime(a), modTime(b)) })
			if err := os.Rename(filepath.Join(t.parent, newest.Name()), t.out); err != nil {
				return t.errorf("restore the previous output from %s: %w", newest.Name(), err)
			}
			olds = slices.DeleteFunc(olds, func(e fs.DirEntry) bool { return e.Name() == newest.Name() })
		}
	}
	for _, e := range append(tmps, olds...) {
		if err := removeTree(filepath.Join(t.parent, e.Name())); err != nil {
			return t.errorf("remove the leftover of an interrupted build: %w", err)
		}
	}
	return nil
}

// removeTree removes a previous output, its marker first: a tree that lost
// its marker is known to be partly removed and is never restored.
func removeTree(dir string) error {
	if err := os.Remove(filepath.Join(dir, MarkerName)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return os.RemoveAll(dir)
}

func hasMarker(dir string) bool {
	info, err := os.Lstat(filepath.Join(dir, MarkerName))
	return err == nil && info.Mode().IsRegular()
}

func modTime(e fs.DirEntry) int64 {
	info, err := e.Info()
	if err != nil {
		return 0
	}
	return info.ModTime().UnixNano()
}

// swapIn puts the folder tmp in place of the output folder in one step when
// the system allows it. It returns the path of the previous output, now a
// sibling folder for the caller to remove, or "" when there was none.
func (t *target) swapIn(tmp string) (old string, err error) {
	if _, err := os.Lstat(t.out); errors.Is(err, fs.ErrNotExist) {
		return "", os.Rename(tmp, t.out)
	} else if err != nil {
		return "", err
	}
	old = t.siblingName(kindOld)
	err = exchange(tmp, t.out)
	if err == nil {
		// The previous output now sits at tmp's name. Its old- name says
		// what it is should we die while removing it; a failed rename
		// leaves it under the tmp- name, which recovery removes as well.
		if os.Rename(tmp, old) != nil {
			return tmp, nil
		}
		return old, nil
	}
	if !errors.Is(err, errNoExchange) {
		return "", err
	}
	return old, swapByRenames(tmp, t.out, old)
}

// errNoExchange says that the system cannot exchange two paths atomically.
var errNoExchange = errors.New("atomic exchange not supported")

// swapByRenames replaces out by tmp with two renames, moving out to old
// first. A crash between them leaves no output folder but old, which the
// next run's recover restores.
func swapByRenames(tmp, out, old string) error {
	if err := os.Rename(out, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		if rerr := os.Rename(old, out); rerr != nil {
			return errors.Join(err, rerr)
		}
		return err
	}
	return nil
}
