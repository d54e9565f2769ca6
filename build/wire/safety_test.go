//go:build unix

package wire

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// binary is the real handbook command, built once by TestRealBinary, and
// the folder its tests work in.
type binary struct {
	path string
	top  string // a temporary folder: sources and outputs go under it
}

// run runs the binary with args and returns what it printed and its exit
// status.
func (b binary) run(t *testing.T, args ...string) result {
	t.Helper()
	cmd := b.command(args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("run %v: %v", args, err)
	}
	return result{code: cmd.ProcessState.ExitCode(), stdout: stdout.String(), stderr: stderr.String()}
}

// command is the binary with args, on testToday, outside CI, in top.
func (b binary) command(args ...string) *exec.Cmd {
	cmd := exec.Command(b.path, args...)
	cmd.Dir = b.top
	// The build cache goes beside the test files, never to the user's.
	cmd.Env = []string{"HANDBOOK_NOW=" + testToday, "HOME=" + os.Getenv("HOME"), "PATH=" + os.Getenv("PATH"), "XDG_CACHE_HOME=" + filepath.Join(b.top, "xdg-cache")}
	return cmd
}

// realSources copies the repository's own content/ to <top>/a and makes a
// variant at <top>/b whose pages all differ (another feedback address), so
// that two outputs can be told apart page by page.
func realSources(t *testing.T, top string) (a, b string) {
	t.Helper()
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	a, b = filepath.Join(top, "a"), filepath.Join(top, "b")
	for _, dir := range []string{a, b} {
		if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join(repo, "content"))); err != nil {
			t.Fatal(err)
		}
	}
	settings := filepath.Join(b, "content", "handbook.yaml")
	var out []string
	for _, l := range strings.Split(readFile(t, settings), "\n") {
		if !strings.HasPrefix(l, "feedback:") {
			out = append(out, l)
		}
	}
	out = append(out, "feedback: mailto:variant-b@example.com", "")
	writeFiles(t, b, map[string]string{"content/handbook.yaml": strings.Join(out, "\n")})
	return a, b
}

// TestRealBinary builds cmd/handbook and checks, with the real process,
// what an in-process test cannot: SIGKILL at any moment, two processes on
// one output folder, a user who cannot read a file.
func TestRealBinary(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build cmd/handbook")
	}
	top := t.TempDir()
	bin := binary{path: filepath.Join(top, "handbook"), top: top}
	build := exec.Command(goTool, "build", "-o", bin.path, "./cmd/handbook")
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/handbook: %v\n%s", err, out)
	}
	srcA, srcB := realSources(t, top)

	// Reference outputs of both sources, and the time a normal build takes.
	refA, refB := filepath.Join(top, "ref-a"), filepath.Join(top, "ref-b")
	var took time.Duration
	for _, p := range [][2]string{{srcA, refA}, {srcB, refB}} {
		start := time.Now()
		if r := bin.run(t, "build", "-source", p[0], "-out", p[1]); r.code != 0 {
			t.Fatalf("build %s: exit %d\n%s", p[0], r.code, r.stderr)
		}
		took = max(took, time.Since(start))
	}
	snapA, snapB := takeSnapshot(t, refA), takeSnapshot(t, refB)
	if d := snapA.diff(snapB, false); len(d) == 0 {
		t.Fatal("the two sources build the same output: the tests could not tell them apart")
	}
	t.Logf("a normal build of the real content takes %v", took.Round(time.Millisecond))

	t.Run("SIGKILL", func(t *testing.T) { testKill(t, bin, srcA, srcB, snapA, snapB, took) })
	t.Run("concurrent builds", func(t *testing.T) { testConcurrent(t, bin, srcA, srcB, snapA, snapB) })
	t.Run("refused outputs", func(t *testing.T) { testRefused(t, bin, srcA) })
	t.Run("unreadable file", func(t *testing.T) { testUnreadable(t, bin) })
}

// testKill kills builds at random moments, each onto the output of the
// other source, after a delay between 0 and the time a normal build takes
// (the last one's): after each kill the output must be one whole output,
// the previous one or the new one, byte for byte, and serveable; the build
// run next must succeed and leave no temporary folder. HANDBOOK_KILL_SEED=n replays a
// sequence; HANDBOOK_KILL_RUNS=n sets the number of kills (default 25).
func testKill(t *testing.T, bin binary, srcA, srcB string, snapA, snapB snapshot, took time.Duration) {
	if testing.Short() {
		t.Skip("kills the real binary 25 times")
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("HANDBOOK_KILL_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatalf("HANDBOOK_KILL_SEED: %v", err)
		}
	}
	runs := 25
	if s := os.Getenv("HANDBOOK_KILL_RUNS"); s != "" {
		var err error
		if runs, err = strconv.Atoi(s); err != nil {
			t.Fatalf("HANDBOOK_KILL_RUNS: %v", err)
		}
	}
	t.Logf("HANDBOOK_KILL_SEED=%d HANDBOOK_KILL_RUNS=%d (delays up to %v)", seed, runs, took.Round(time.Millisecond))
	rng := rand.New(rand.NewPCG(seed, seed))

	out := filepath.Join(t.TempDir(), "public")
	srcs := map[bool]string{false: srcA, true: srcB}
	snaps := map[bool]snapshot{false: snapA, true: snapB}
	if r := bin.run(t, "build", "-source", srcA, "-out", out); r.code != 0 {
		t.Fatalf("first build: exit %d\n%s", r.code, r.stderr)
	}
	isB := false // out holds the output of srcB
	var kept, replaced, finished int
	start := time.Now()
	for i := range runs {
		delay := time.Duration(rng.Int64N(int64(took) + 1))
		next := !isB
		cmd := bin.command("build", "-source", srcs[next], "-out", out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		if err == nil {
			finished++
		}
		got := takeSnapshot(t, out)
		switch {
		case len(snaps[isB].diff(got, false)) == 0:
			kept++
		case len(snaps[next].diff(got, false)) == 0:
			replaced++
		default:
			t.Fatalf("run %d (killed after %v): the output is neither the previous one nor the new one:\nvs previous: %s\nvs new: %s",
				i, delay, strings.Join(snaps[isB].diff(got, false), "\n"), strings.Join(snaps[next].diff(got, false), "\n"))
		}
		checkServes(t, out)

		// The next build, as an author would run it again, recovers. Its
		// time bounds the next delay, so that the delays follow the
		// machine's load and span the whole build.
		retry := time.Now()
		r := bin.run(t, "build", "-source", srcs[next], "-out", out)
		took = time.Since(retry)
		if r.code != 0 {
			t.Fatalf("run %d (killed after %v): the build after the kill: exit %d\n%s", i, delay, r.code, r.stderr)
		}
		if d := snaps[next].diff(takeSnapshot(t, out), false); len(d) > 0 {
			t.Fatalf("run %d: the build after the kill left a wrong output:\n%s", i, strings.Join(d, "\n"))
		}
		if l := leftovers(t, out); len(l) > 0 {
			t.Errorf("run %d (killed after %v, output %s): the build after the kill left temporary folders: %v",
				i, delay, map[bool]string{true: "already new", false: "still previous"}[len(snaps[next].diff(got, false)) == 0], l)
		}
		isB = next
	}
	t.Logf("%d kills in %v: previous output kept %d times, new output in place %d times (%d builds ended before the kill)",
		runs, time.Since(start).Round(time.Millisecond), kept, replaced, finished)
}

// checkServes serves out over HTTP and fetches the home pages.
func checkServes(t *testing.T, out string) {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	for _, p := range []string{"/", "/fr/", "/en/"} {
		resp, err := srv.Client().Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !bytes.Contains(body, []byte("<html")) {
			t.Errorf("GET %s: %s", p, resp.Status)
		}
	}
}

// testConcurrent checks that a second build of the same output folder,
// while a first one holds it, refuses with exit 1 naming the lock, and
// that the first one completes.
func testConcurrent(t *testing.T, bin binary, srcA, srcB string, snapA, snapB snapshot) {
	out := filepath.Join(t.TempDir(), "public")
	lock := filepath.Join(filepath.Dir(out), ".public.lock")
	if r := bin.run(t, "build", "-source", srcA, "-out", out); r.code != 0 {
		t.Fatalf("first build: exit %d\n%s", r.code, r.stderr)
	}
	wantRefusal := func(t *testing.T, r result) {
		t.Helper()
		if r.code != 1 || !strings.Contains(r.stderr, lock) || !strings.Contains(r.stderr, "another build") {
			t.Errorf("second build: exit %d\n%s\nwant exit 1 and a message naming the lock %s", r.code, r.stderr, lock)
		}
	}

	t.Run("lock held", func(t *testing.T) {
		// Hold the lock as a build does (an advisory lock on the lock file).
		f, err := os.OpenFile(lock, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
			t.Fatal(err)
		}
		before := takeSnapshot(t, filepath.Dir(out))
		wantRefusal(t, bin.run(t, "build", "-source", srcB, "-out", out))
		if d := before.diff(takeSnapshot(t, filepath.Dir(out)), true); len(d) > 0 {
			t.Errorf("the refused build changed the output:\n%s", strings.Join(d, "\n"))
		}
		unix.Flock(int(f.Fd()), unix.LOCK_UN)
	})

	// Two real processes: the first is stopped while it writes (its
	// temporary folder exists), the second runs, then the first goes on.
	// The second builds the first's source, or the one whose output is in
	// place: it must refuse either way, not report success while the first
	// is about to replace the output.
	srcs := map[bool]string{false: srcA, true: srcB}
	snaps := map[bool]snapshot{false: snapA, true: snapB}
	isB := false // out holds the output of srcB
	for _, same := range []bool{true, false} {
		name := map[bool]string{true: "two processes, same source", false: "two processes, the source in place"}[same]
		t.Run(name, func(t *testing.T) {
			first, done, ok := stopWhileWriting(t, bin, srcs, &isB, out)
			if !ok {
				t.Skip("the first build was never caught writing: the machine is too fast for this test")
			}
			defer first.Process.Kill() // never leave it stopped
			second := srcs[!isB]       // the first's source
			if !same {
				second = srcs[isB]
			}
			r := bin.run(t, "build", "-source", second, "-out", out)
			first.Process.Signal(syscall.SIGCONT)
			wantRefusal(t, r)
			if err := <-done; err != nil {
				t.Fatalf("first build, after the second: %v", err)
			}
			isB = !isB
			if d := snaps[isB].diff(takeSnapshot(t, out), false); len(d) > 0 {
				t.Errorf("the first build did not complete its output:\n%s", strings.Join(d, "\n"))
			}
			if l := leftovers(t, out); len(l) > 0 {
				t.Errorf("leftover temporary folders: %v", l)
			}
		})
	}
}

// stopWhileWriting starts builds onto out, each of the source whose output
// is not in place (*isB says which is), until one is caught writing (its
// temporary folder exists) and stopped with SIGSTOP. done receives its
// end. ok is false when none was caught in 20 tries.
func stopWhileWriting(t *testing.T, bin binary, srcs map[bool]string, isB *bool, out string) (cmd *exec.Cmd, done chan error, ok bool) {
	t.Helper()
	for range 20 {
		cmd := bin.command("build", "-source", srcs[!*isB], "-out", out)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		for {
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("build: %v\n%s", err, stderr.String())
				}
				*isB = !*isB
			default:
				if len(leftovers(t, out)) == 0 {
					time.Sleep(time.Millisecond)
					continue
				}
				cmd.Process.Signal(syscall.SIGSTOP)
				return cmd, done, true
			}
			break
		}
	}
	return nil, nil, false
}

// testRefused checks that the output folders handbook must not replace are
// refused with exit 1, and that nothing is touched: not the folder, not
// the source, not their parent.
func testRefused(t *testing.T, bin binary, srcA string) {
	cases := []struct {
		name string
		out  func(src string) string
		make func(t *testing.T, src, out string)
		want string
	}{
		{"foreign non-empty folder", func(src string) string { return filepath.Join(filepath.Dir(src), "site") },
			func(t *testing.T, src, out string) {
				writeFiles(t, out, map[string]string{"index.html": "<p>someone else's</p>", "docs/keep.txt": "keep"})
			}, "is not empty and was not written by handbook"},
		{"a file", func(src string) string { return filepath.Join(filepath.Dir(src), "notes.txt") },
			func(t *testing.T, src, out string) {
				writeFiles(t, filepath.Dir(out), map[string]string{"notes.txt": "keep"})
			},
			"is not a folder"},
		{"the source folder", func(src string) string { return src }, nil, "it is the source folder"},
		{"a folder containing the source", func(src string) string { return filepath.Dir(src) }, nil, "it contains the source folder"},
		{"content/", func(src string) string { return filepath.Join(src, "content") }, nil, "content/ folder"},
		{"inside content/", func(src string) string { return filepath.Join(src, "content", "public") }, nil, "inside the source's content/ folder"},
		{"inside an edition", func(src string) string { return filepath.Join(src, "content", "2025.1", "public") }, nil, "inside the source's content/ folder"},
		{"inside layouts/", func(src string) string { return filepath.Join(src, "layouts", "public") }, nil, "inside the source's layouts/ folder"},
		{"inside static/", func(src string) string { return filepath.Join(src, "static", "public") }, nil, "inside the source's static/ folder"},
		{"content/ through a symlink", func(src string) string { return filepath.Join(filepath.Dir(src), "link", "public") },
			func(t *testing.T, src, out string) {
				symlink(t, filepath.Dir(src), "link", filepath.Join(src, "content"))
			},
			"inside the source's content/ folder"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			top := t.TempDir()
			src := filepath.Join(top, "src")
			copyTree(t, goodTree, src)
			// Layouts and static files of its own: empty overrides.
			writeFiles(t, src, map[string]string{"layouts/README": "x", "static/README": "x"})
			out := tc.out(src)
			if tc.make != nil {
				tc.make(t, src, out)
			}
			before := takeSnapshot(t, top)
			r := bin.run(t, "build", "-source", src, "-out", out)
			if r.code != 1 || !strings.Contains(r.stderr, "refusing to replace") || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d\n%s\nwant exit 1 and %q", r.code, r.stderr, tc.want)
			}
			if d := before.diff(takeSnapshot(t, top), true); len(d) > 0 {
				t.Errorf("a refused build touched files:\n%s", strings.Join(d, "\n"))
			}
		})
	}
}

// testUnreadable runs the binary as an unprivileged user over a source
// with a file of mode 000 (root reads any file, so TestGenerated cannot
// see this fault when the tests run as root).
func testUnreadable(t *testing.T, bin binary) {
	if os.Geteuid() != 0 {
		t.Skip("not root: TestGenerated/unreadable_file covers it")
	}
	const nobody = 65534
	top := t.TempDir()
	src := filepath.Join(top, "src")
	copyTree(t, goodTree, src)
	if err := os.Chmod(filepath.Join(src, filepath.FromSlash(introFR)), 0); err != nil {
		t.Fatal(err)
	}
	// The binary, the source and the output's parent must be reachable by
	// nobody: open the folders on the way.
	for _, dir := range []string{filepath.Dir(bin.path), filepath.Dir(filepath.Dir(bin.path)), top, filepath.Dir(top)} {
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			os.Chmod(p, 0o755)
		}
		return err
	})
	outDir := filepath.Join(top, "out")
	if err := os.Mkdir(outDir, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(outDir, 0o777); err != nil {
		t.Fatal(err)
	}
	want := introFR + ": cannot read: permission denied"
	for _, cmd := range [][]string{{"check", "-source", src}, {"build", "-source", src, "-out", filepath.Join(outDir, "public")}} {
		c := bin.command(cmd...)
		c.Dir = top
		c.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
		var stderr bytes.Buffer
		c.Stderr = &stderr
		err := c.Run()
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Skipf("cannot run as nobody: %v", err)
		}
		r := result{code: c.ProcessState.ExitCode(), stderr: stderr.String()}
		checkLocated(t, cmd[0], r)
		if r.code != 1 || strings.TrimSpace(r.stderr) != want {
			t.Errorf("%s as nobody: exit %d\n%s\nwant exit 1\n%s", cmd[0], r.code, r.stderr, want)
		}
	}
}
