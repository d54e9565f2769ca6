package par

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"testing"
)

func TestDo(t *testing.T) {
	var sum atomic.Int64
	if err := Do(context.Background(), 1000, func(i int) error { sum.Add(int64(i)); return nil }); err != nil {
		t.Fatal(err)
	}
	if sum.Load() != 999*1000/2 {
		t.Errorf("sum = %d: some jobs ran twice or not at all", sum.Load())
	}
	boom := errors.New("boom")
	var ran atomic.Int64
	err := Do(context.Background(), 100000, func(i int) error {
		ran.Add(1)
		if i == 10 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Errorf("err = %v, want boom", err)
	}
	if ran.Load() == 100000 {
		t.Errorf("jobs kept starting after an error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Do(ctx, 10, func(int) error { t.Error("job ran on a cancelled context"); return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if err := Do(context.Background(), 0, func(int) error { return boom }); err != nil {
		t.Errorf("no job: err = %v", err)
	}
}

// TestDoWith checks that each worker's value is used by one job at a time
// and that every job runs once.
func TestDoWith(t *testing.T) {
	type scratch struct{ busy atomic.Bool }
	var made, done atomic.Int64
	err := DoWith(context.Background(), 5000, func() *scratch { made.Add(1); return &scratch{} }, func(w *scratch, i int) error {
		if !w.busy.CompareAndSwap(false, true) {
			return errors.New("two jobs share a worker's value")
		}
		done.Add(1)
		w.busy.Store(false)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if done.Load() != 5000 {
		t.Errorf("%d jobs ran, want 5000", done.Load())
	}
	if made.Load() < 1 || made.Load() > int64(runtime.GOMAXPROCS(0)) {
		t.Errorf("%d worker values for %d workers", made.Load(), runtime.GOMAXPROCS(0))
	}
}
