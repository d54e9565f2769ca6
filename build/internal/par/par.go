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
	return DoWith(ctx, n, func() struct{} { return struct{}{} }, func(_ struct{}, i int) error { return f(i) })
}

// DoWith is Do for jobs that need a scratch value of their own (buffers,
// a tokeniser): each worker makes one with worker and passes it to every
// job it runs, so that no two jobs at once share one.
func DoWith[W any](ctx context.Context, n int, worker func() W, f func(w W, i int) error) error {
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
			w := worker()
			for !stop.Load() {
				if err := ctx.Err(); err != nil {
					fail(err)
					return
				}
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if err := f(w, i); err != nil {
					fail(err)
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}
