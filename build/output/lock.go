package output

import (
	"context"
	"os"
	"path/filepath"
	"time"
)

// lockPoll is how often a waiting build tries the lock again.
const lockPoll = 50 * time.Millisecond

// lockPath is the lock file of t: beside the output folder, so that every
// build of the same folder finds it, and outside it, so that the swap leaves
// it in place.
func (t *target) lockPath() string {
	return filepath.Join(t.parent, "."+t.base+".lock")
}

// acquire takes t's lock, waiting for it (while ctx lasts) when wait is set.
// The lock is an advisory lock on an open file, so the kernel releases it when
// the process dies; the lock file itself stays.
func acquire(ctx context.Context, t *target, wait bool) (release func(), err error) {
	path := t.lockPath()
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, t.errorf("lock: %w", err)
	}
	var tick *time.Ticker
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, t.errorf("lock %s: %w", path, err)
		}
		if ok {
			return func() { unlock(f); f.Close() }, nil
		}
		if !wait {
			f.Close()
			return nil, refuse(ErrBusy, "another build is writing %s (lock %s); try again when it ends", t.shown, path)
		}
		if tick == nil {
			tick = time.NewTicker(lockPoll)
			defer tick.Stop()
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, t.errorf("waiting for another build to end (lock %s): %w", path, ctx.Err())
		case <-tick.C:
		}
	}
}
