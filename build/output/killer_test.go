//go:build unix

package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The site that testdata/killer writes; these must stay in step with it.
const killerFiles = 2000

func killerName(i int) string { return fmt.Sprintf("d%02d/f%04d.txt", i%40, i) }

func killerContent(run, i int) string {
	return strings.Repeat(fmt.Sprintf("run %d file %d\n", run, i), 1+(run*7+i)%50)
}

// TestPublishSurvivesSIGKILL kills a process that publishes a site at random
// moments, and checks after each kill that the output folder is either
// absent (before the first complete run) or one whole earlier output.
// KILLER_SEED=n replays another sequence of delays.
func TestPublishSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills a helper program 30 times")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the helper program")
	}
	bin := filepath.Join(t.TempDir(), "killer")
	if b, err := exec.Command(goTool, "build", "-o", bin, "./testdata/killer").CombinedOutput(); err != nil {
		t.Fatalf("build the helper: %v\n%s", err, b)
	}

	seed := uint64(20240601)
	if s := os.Getenv("KILLER_SEED"); s != "" {
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatal(err)
		}
	}
	rng := rand.New(rand.NewPCG(seed, seed))

	root, src := fixture(t)

	// Delays span 0–200 ms, or a whole run where the machine is slower (the
	// last complete run's time), so that kills land before, during and after
	// the swap, and some runs complete.
	start := time.Now()
	if b, err := exec.Command(bin, filepath.Join(root, "calibrate"), src, "0").CombinedOutput(); err != nil {
		t.Fatalf("calibration run: %v\n%s", err, b)
	}
	maxDelay := max(200*time.Millisecond, time.Since(start))
	t.Logf("seed %d (KILLER_SEED), delays up to %v at first", seed, maxDelay.Round(time.Millisecond))

	out := filepath.Join(root, "public")
	// Up to 30 runs, fewer (but at least 12) where the machine is so slow
	// that they would take more than the time budget.
	const maxRuns, minRuns, budget = 30, 12, 14 * time.Second
	last, killed, runs := -1, 0, 0
	for run := range maxRuns {
		if run >= minRuns && time.Since(start) > budget {
			break
		}
		runs++
		// Half the runs die at a random moment; the other half shortly
		// after the marker appears in the temporary folder, which is the
		// moment the swap begins and so the one that matters most.
		atSwap := rng.IntN(2) == 0
		delay := time.Duration(rng.Int64N(int64(maxDelay) + 1))
		if atSwap {
			delay = time.Duration(rng.Int64N(int64(30*time.Millisecond) + 1))
		}
		cmd := exec.Command(bin, out, src, strconv.Itoa(run))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		exited := make(chan struct{})
		runStart := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		go func() { cmd.Wait(); close(exited) }()
		if atSwap {
			waitForSwap(root, exited)
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		<-exited
		ws := cmd.ProcessState.Sys().(syscall.WaitStatus)
		completed := ws.Exited() && ws.ExitStatus() == 0
		if ws.Signaled() {
			killed++
		} else if !completed {
			t.Fatalf("run %d failed: %v\n%s", run, cmd.ProcessState, stderr.Bytes())
		} else {
			maxDelay = max(200*time.Millisecond, time.Since(runStart))
		}

		got := checkKillerOutput(t, out)
		switch {
		case got == -1 && last != -1:
			t.Fatalf("after run %d (killed after %v): the output of run %d vanished", run, delay, last)
		case got != -1 && (got < last || got > run):
			t.Fatalf("after run %d (killed after %v): output of run %d, last seen %d", run, delay, got, last)
		case completed && got != run:
			t.Fatalf("run %d completed, output is run %d's", run, got)
		}
		last = got
	}
	t.Logf("%d of %d runs killed; last whole output: run %d", killed, runs, last)
	if killed == 0 || killed == runs {
		t.Logf("the delays did not mix killed and completed runs; try another KILLER_SEED")
	}

	// A last run completes, recovers what the kills left, and leaves its
	// output only.
	if b, err := exec.Command(bin, out, src, strconv.Itoa(runs)).CombinedOutput(); err != nil {
		t.Fatalf("final run: %v\n%s", err, b)
	}
	if got := checkKillerOutput(t, out); got != runs {
		t.Fatalf("final output is run %d's", got)
	}
	if l := leftovers(t, out); len(l) > 0 {
		t.Errorf("leftovers: %v", l)
	}
}

// waitForSwap returns when a temporary folder in root holds the marker, which
// Publish writes just before the swap, or when exited is closed.
func waitForSwap(root string, exited <-chan struct{}) {
	for {
		if m, _ := filepath.Glob(filepath.Join(root, ".public.tmp-*", MarkerName)); len(m) > 0 {
			return
		}
		select {
		case <-exited:
			return
		case <-time.After(time.Millisecond):
		}
	}
}

// checkKillerOutput returns the run whose whole output the folder out
// holds, or -1 when there is none; it fails the test on anything else.
func checkKillerOutput(t *testing.T, out string) int {
	t.Helper()
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		return -1
	}
	if !hasMarker(out) {
		t.Fatalf("%s has no marker", out)
	}
	b, err := os.ReadFile(filepath.Join(out, "run.txt"))
	if err != nil {
		t.Fatal(err)
	}
	run, err := strconv.Atoi(string(b))
	if err != nil {
		t.Fatal(err)
	}
	count := 0
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		count++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := killerFiles + 2; count != want { // the site, run.txt, the marker
		t.Fatalf("run %d's output has %d files, want %d", run, count, want)
	}
	for i := range killerFiles {
		b, err := os.ReadFile(filepath.Join(out, killerName(i)))
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != killerContent(run, i) {
			t.Fatalf("%s is not run %d's: %.40q", killerName(i), run, b)
		}
	}
	return run
}
