// Package par runs independent jobs on every core, the one way the builder
// does: jobs taken in order by GOMAXPROCS workers, the first error (or the
// context's) returned, no new job started after it.
package par

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Do calls f(0) ... f(n-1) on every core and returns the first error. A
// cancelled ctx stops the jobs not yet started and is returned.
func Do(ctx context.Context, n int, f func(i int) error) error {
	var (
		next  atomic.Int64
		wg    sync.WaitGroup
		once  sync.Once
		first error
		stop  atomic.Bool
	)
	fail := func(err error) {
		once.Do(func() { first = err })
		stop.Store(true)
	}
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for !stop.Load() {
				if err := ctx.Err(); err != nil {
					fail(err)
					return
				}
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if err := f(i); err != nil {
					fail(err)
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}
