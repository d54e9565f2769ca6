package par

import (
	"context"
	"errors"
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
