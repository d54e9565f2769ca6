package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
)

// RunOptions says what Run measures.
type RunOptions struct {
	// Gen is the corpus to generate (ignored with Source, but for Seed and
	// ChangedFraction, which choose the changes of the added edition).
	Gen GenOptions
	// Runs is how many times each measure is taken; medians are reported.
	// Default 3.
	Runs int
	// Hugo also times `hugo --minify` on the same corpus, paired with our
	// cold builds (one of each per run, in alternating order).
	Hugo bool
	// ColdOnly skips the rebuild measures (no change, one chapter changed,
	// one edition added): for large corpora, where they take long.
	ColdOnly bool
	// Settle is how long to wait after deleting old outputs (and flushing
	// the file system) before the next timed run, so that the kernel's
	// work on the deleted files is not charged to it. Default 3 s; a
	// negative value means no wait.
	Settle time.Duration
	// Source is a folder holding a handbook (content/) to measure instead
	// of a generated one. It is copied first: Run never changes it.
	Source string
	// Keep, when set, is where the corpus is written and left (Keep/handbook,
	// and Keep/hugo with Hugo), instead of a temporary folder. It must not
	// exist yet or be empty.
	Keep string
	// Handbook is the builder binary to time. Default: built with `go build`
	// from example.com/handbook/cmd/handbook (so Run must start inside the
	// module).
	Handbook string
	// Log receives progress lines; nil for none.
	Log io.Writer
	// Serve measures the preview server instead of builds: Runs × 5
	// edits of one chapter with its page open in Chromium (and two tabs
	// on other chapters), save to event and save to screen, then the
	// server's memory over 100 more edits.
	Serve bool
}

// Measure names, in report order.
const (
	measureCold      = "cold"
	measureHugo      = "hugo"
	measureNoChange  = "no-change"
	measureOneChange = "one-change"
	measureAddEd     = "add-edition"
	measureFloor     = "floor"
	measureFiles     = "files-floor"
)

// sample is one timed run.
type sample struct {
	d     time.Duration // wall time
	user  time.Duration // processor time in user space; 0 when unknown
	sys   time.Duration // processor time in the kernel (files, memory); 0 when unknown
	rss   int64         // peak resident set size in bytes; 0 when unknown
	files int           // files in the output
}

// Run generates (or copies) a handbook into a temporary folder and times,
// o.Runs times each: a cold build of the handbook binary (fresh output,
// fresh cache, fresh process) paired with Hugo when o.Hugo is set; a
// rebuild with nothing changed, after one chapter changed and after
// adding an edition; the floor (read, front matter, goldmark, write, in
// process); and the files floor, the kernel time of creating the cold
// build's folders and files with no other work. It writes a table and one
// machine-readable line per measure to w.
//
// Every timed run writes to a folder whose name never existed. Outputs are
// kept until the end while the disk has room (see keepReserve), since the
// file system charges a tree's deletion to the creates that follow it;
// when room runs short they are deleted between timed runs, never during
// one, then the file system is flushed and the run waits o.Settle.
func Run(ctx context.Context, o RunOptions, w io.Writer) error {
	if o.Runs <= 0 {
		o.Runs = 3
	}
	if o.Settle == 0 {
		o.Settle = 3 * time.Second
	}
	gen, err := o.Gen.withDefaults()
	if err != nil {
		return err
	}
	o.Gen = gen
	logf := func(format string, args ...any) {
		if o.Log != nil {
			fmt.Fprintf(o.Log, "handbook-bench: "+format+"\n", args...)
		}
	}
	var hugoBin string
	if o.Hugo {
		if hugoBin, err = exec.LookPath("hugo"); err != nil {
			return errors.New("-hugo: hugo is not installed; install it with `apt-get install hugo` (Debian, Ubuntu) or from https://gohugo.io/installation/")
		}
	}

	work, err := os.MkdirTemp("", "handbook-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	corpus := work
	if o.Keep != "" {
		if entries, err := os.ReadDir(o.Keep); err == nil && len(entries) > 0 {
			return fmt.Errorf("-keep %s: the folder is not empty", o.Keep)
		}
		corpus = o.Keep
	}
	src := filepath.Join(corpus, "handbook")
	hugoSite := filepath.Join(corpus, "hugo")

	bin := o.Handbook
	if bin == "" {
		logf("building the handbook binary")
		if bin, err = buildHandbook(ctx, filepath.Join(work, "bin")); err != nil {
			return err
		}
	}

	today := os.Getenv("HANDBOOK_NOW")
	if o.Source != "" {
		logf("copying %s", o.Source)
		if err := copySource(o.Source, src); err != nil {
			return err
		}
		if today == "" {
			today = time.Now().Format(time.DateOnly)
		}
	} else {
		logf("generating %d chapters × %d editions × %d languages", gen.Chapters, gen.Editions, len(gen.Langs))
		start := time.Now()
		if err := Generate(src, gen); err != nil {
			return err
		}
		logf("generated in %v", time.Since(start).Round(time.Millisecond))
		today = Today(gen).Format(time.DateOnly)
	}
	if o.Serve {
		pages, editions, err := countChapters(src)
		if err != nil {
			return err
		}
		load := loadAvg()
		r, err := runServe(ctx, bin, src, today, o.Runs, logf)
		if err != nil {
			return err
		}
		if o.Source != "" {
			fmt.Fprintf(w, "handbook-bench -serve: %s: %d chapter pages in %d editions", o.Source, pages, editions)
		} else {
			fmt.Fprintf(w, "handbook-bench -serve: %d chapters × %d editions × %d languages = %d chapter pages (seed %d)", gen.Chapters, gen.Editions, len(gen.Langs), pages, gen.Seed)
		}
		fmt.Fprintf(w, "\n%d CPUs, %s %s/%s; HANDBOOK_NOW=%s; load average before %s, after %s\n", runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH, today, load, loadAvg())
		return r.write(w, pages)
	}
	if o.Hugo {
		logf("writing the Hugo site")
		if o.Source != "" {
			err = ConvertHugo(src, hugoSite)
		} else {
			err = GenerateHugo(hugoSite, gen)
		}
		if err != nil {
			return err
		}
	}
	pages, editions, err := countChapters(src)
	if err != nil {
		return err
	}

	b := &builder{bin: bin, src: src, env: append(os.Environ(), "HANDBOOK_NOW="+today)}
	if b.cache, err = supportsCache(ctx, bin); err != nil {
		return err
	}

	m := &measurer{b: b, work: work, src: src, gen: gen, hugoBin: hugoBin, hugoSite: hugoSite, runs: o.Runs,
		coldOnly: o.ColdOnly, settleFor: o.Settle, logf: logf, results: map[string][]sample{}}
	r := report{opts: o, pages: pages, editions: editions, today: today, cacheFlag: b.cache, loadStart: loadAverage()}
	for run := range o.Runs {
		if err := m.run(ctx, run); err != nil {
			return errors.Join(err, m.settleAt(ctx, true))
		}
	}
	if err := m.settleAt(ctx, true); err != nil {
		return err
	}
	r.loadEnd, r.warnings, r.results, r.tree, r.deletes = loadAverage(), m.warnings, m.results, m.tree, m.deletes
	if o.Hugo {
		r.hugoVersion = hugoVersion(ctx, hugoBin)
	}
	return r.write(w)
}

// measurer takes the measures of one run after another.
type measurer struct {
	b         *builder
	work, src string
	gen       GenOptions
	hugoBin   string // "" without Hugo
	hugoSite  string
	runs      int
	coldOnly  bool
	settleFor time.Duration
	logf      func(format string, args ...any)
	results   map[string][]sample
	warnings  int   // in the last cold build
	tree      *tree // the first cold build's folders and files
	names     int   // folder names handed out by fresh
	trash     []string
	deletes   int // times settle deleted outputs before a timed run
}

// fresh returns the path of a folder in the work folder that never
// existed: kind and a number never handed out before.
func (m *measurer) fresh(kind string) string {
	m.names++
	return filepath.Join(m.work, fmt.Sprintf("%s-%03d", kind, m.names))
}

// discard marks paths to be deleted at the end, or before the next timed
// run when the disk runs short of room.
func (m *measurer) discard(paths ...string) { m.trash = append(m.trash, paths...) }

// keepReserve is the free space under which settle deletes discarded
// outputs before a timed run instead of at the end. Deleting a tree of
// thousands of files makes ext4 and others charge the freed inodes and
// blocks to the next creates, seconds later: 1.2 s of the 2.6 s of kernel
// time of a 2,000-page cold build once came from the previous run's
// deletes, even after a sync and 3 s of wait.
const keepReserve = 8 << 30

// settle runs before each timed run and at the end. When the disk is short
// of room, or at the end, it deletes what was discarded; it asks the
// kernel to write what is pending to disk, and after a delete waits
// m.settleFor, so that neither the deleted inodes nor the previous run's
// dirty pages are paid for by the next run.
func (m *measurer) settle(ctx context.Context) error {
	return m.settleAt(ctx, false)
}

func (m *measurer) settleAt(ctx context.Context, end bool) error {
	var err error
	deleted := false
	if free, ok := freeSpace(m.work); end || !ok || free < keepReserve {
		deleted = len(m.trash) > 0
		for _, p := range m.trash {
			err = errors.Join(err, os.RemoveAll(p))
		}
		m.trash = m.trash[:0]
		if end {
			return err
		}
		if deleted {
			m.deletes++
		}
	}
	syncFS()
	if deleted && m.settleFor > 0 {
		select {
		case <-time.After(m.settleFor):
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		}
	}
	return err
}

// add records a sample.
func (m *measurer) add(run int, measure, label string, s sample) {
	m.results[measure] = append(m.results[measure], s)
	m.logf("run %d/%d: %s %v (user %v, sys %v), %d files, peak %s", run+1, m.runs, label, s.d.Round(time.Millisecond),
		s.user.Round(time.Millisecond), s.sys.Round(time.Millisecond), s.files, mb(s.rss))
}

// run takes every measure once: our cold build and Hugo's (ours first in
// even runs, Hugo's first in odd ones), the floor, the files floor, then
// the no-change rebuild, one chapter changed and one edition added. It
// leaves the source as it found it, even when a build fails.
func (m *measurer) run(ctx context.Context, run int) (err error) {
	// Each cold build gets its own new parent folder, so that nothing
	// beside its output (lock, spare folder) was left by an earlier run.
	out := filepath.Join(m.fresh("cold"), "public")
	cache := m.fresh("cache")
	xdg := m.fresh("xdg-cache")
	defer m.discard(filepath.Dir(out), cache, xdg)

	cold := func() error {
		if err := m.settle(ctx); err != nil {
			return err
		}
		s, stderr, err := m.b.build(ctx, out, cache, xdg)
		if err != nil {
			return fmt.Errorf("cold build: %w", err)
		}
		m.warnings = strings.Count(stderr, ": warning: ")
		m.add(run, measureCold, "cold build", s)
		if m.tree == nil {
			m.tree, err = readTree(out)
		}
		return err
	}
	hugo := func() error {
		if m.hugoBin == "" {
			return nil
		}
		if err := m.settle(ctx); err != nil {
			return err
		}
		hout, hcache := m.fresh("hugo-out"), m.fresh("hugo-cache")
		m.discard(hout, hcache)
		s, err := runHugo(ctx, m.hugoBin, m.hugoSite, hout, hcache)
		if err != nil {
			return err
		}
		m.add(run, measureHugo, "hugo", s)
		return nil
	}
	first, second := cold, hugo
	if run%2 == 1 {
		first, second = hugo, cold
	}
	if err := first(); err != nil {
		return err
	}
	if err := second(); err != nil {
		return err
	}

	if err := m.settle(ctx); err != nil {
		return err
	}
	floor := m.fresh("floor")
	m.discard(floor)
	s, err := runFloor(ctx, m.src, floor)
	if err != nil {
		return err
	}
	m.add(run, measureFloor, "floor", s)

	if err := m.settle(ctx); err != nil {
		return err
	}
	files := m.fresh("files-floor")
	m.discard(files)
	if s, err = m.tree.create(files); err != nil {
		return err
	}
	m.add(run, measureFiles, "files floor", s)

	if m.coldOnly {
		return nil
	}
	// The rebuilds write over the cold build's output, as a real rebuild
	// does; only the first may find deleted files to reuse (the floors'),
	// hence the settle.
	if err := m.settle(ctx); err != nil {
		return err
	}
	if s, _, err = m.b.build(ctx, out, cache, xdg); err != nil {
		return fmt.Errorf("no-change rebuild: %w", err)
	}
	m.add(run, measureNoChange, "no-change rebuild", s)

	restore, err := touchChapter(m.src, run)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, restore()) }()
	syncFS()
	if s, _, err = m.b.build(ctx, out, cache, xdg); err != nil {
		return fmt.Errorf("rebuild after one chapter changed: %w", err)
	}
	m.add(run, measureOneChange, "one chapter changed", s)

	id, err := AddEdition(m.src, m.gen)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, os.RemoveAll(filepath.Join(m.src, "content", id))) }()
	syncFS()
	if s, _, err = m.b.build(ctx, out, cache, xdg); err != nil {
		return fmt.Errorf("rebuild after adding edition %s: %w", id, err)
	}
	m.add(run, measureAddEd, "one edition added", s)
	return nil
}

// buildHandbook builds the handbook command into dir.
func buildHandbook(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "handbook")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "example.com/handbook/cmd/handbook")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build example.com/handbook/cmd/handbook (run handbook-bench inside the handbook repository): %w\n%s", err, out)
	}
	return bin, nil
}

// supportsCache reports whether `handbook build` takes -cache.
func supportsCache(ctx context.Context, bin string) (bool, error) {
	out, _ := exec.CommandContext(ctx, bin, "build", "-h").CombinedOutput()
	if len(out) == 0 {
		return false, fmt.Errorf("%s build -h printed nothing: is it the handbook command?", bin)
	}
	return bytes.Contains(out, []byte("-cache")), nil
}

// builder runs `handbook build` on one source.
type builder struct {
	bin, src string
	env      []string
	cache    bool // pass -cache DIR
}

// build runs one build in a fresh process and measures it. xdg is the
// child's XDG_CACHE_HOME: should the builder keep a cache where -cache
// does not say, it goes to the work folder, not to the user's.
func (b *builder) build(ctx context.Context, out, cache, xdg string) (sample, string, error) {
	args := []string{"build", "-source", b.src, "-out", out}
	if b.cache {
		args = append(args, "-cache", cache)
	}
	s, stderr, err := timeChild(ctx, append(slices.Clip(b.env), "XDG_CACHE_HOME="+xdg), b.bin, args...)
	if err != nil {
		return s, stderr, err
	}
	s.files, err = countFiles(out)
	return s, stderr, err
}

// runHugo times one `hugo --minify` into new output and cache folders
// (which the caller deletes later).
func runHugo(ctx context.Context, bin, site, out, cache string) (sample, error) {
	s, _, err := timeChild(ctx, os.Environ(), bin, "--minify", "--quiet", "--source", site, "--destination", out, "--cacheDir", cache)
	if err != nil {
		return s, fmt.Errorf("hugo: %w", err)
	}
	if s.files, err = countFiles(out); err != nil {
		return s, err
	}
	// Hugo leaves a lock file in the site; a fresh run starts without it.
	lock := os.Remove(filepath.Join(site, ".hugo_build.lock"))
	if errors.Is(lock, fs.ErrNotExist) {
		lock = nil
	}
	return s, lock
}

// timeChild runs a command and returns its wall time and peak memory, and
// its standard error.
func timeChild(ctx context.Context, env []string, bin string, args ...string) (sample, string, error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	s := sample{d: time.Since(start)}
	if ps := cmd.ProcessState; ps != nil {
		s.rss = childPeakRSS(ps)
		s.user, s.sys = ps.UserTime(), ps.SystemTime()
	}
	if err != nil {
		return s, stderr.String(), fmt.Errorf("%s %s: %w\n%s", filepath.Base(bin), strings.Join(args, " "), err, tail(stderr.String(), 40))
	}
	return s, stderr.String(), nil
}

// runFloor times Floor in this process, with its peak memory when the
// system lets the peak be reset. The output is left for the caller to
// delete.
func runFloor(ctx context.Context, src, out string) (sample, error) {
	reset := resetPeakRSS()
	start := time.Now()
	user, sys := selfTimes()
	n, err := Floor(ctx, src, out)
	user2, sys2 := selfTimes()
	s := sample{d: time.Since(start), user: user2 - user, sys: sys2 - sys, files: n}
	if err != nil {
		return s, err
	}
	if reset {
		s.rss = selfPeakRSS()
	}
	return s, nil
}

// touchChapter changes one chapter file of the latest edition (its
// reference language): one sentence added to its last paragraph, and a
// change line if it has none. It returns a function that puts the file
// back.
func touchChapter(src string, run int) (func() error, error) {
	content := filepath.Join(src, "content")
	eds, err := listEditions(content)
	if err != nil || len(eds) == 0 {
		return nil, fmt.Errorf("change one chapter: no edition found in %s (%v)", content, err)
	}
	last := eds[len(eds)-1]
	lang := handbookLangs(content, last.langs)[0]
	entries, err := os.ReadDir(filepath.Join(content, last.id))
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if m := chapterName.FindStringSubmatch(e.Name()); m != nil && m[3] == lang {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("change one chapter: no %s chapter in %s", lang, last.id)
	}
	slices.Sort(names)
	file := filepath.Join(content, last.id, names[len(names)/2])
	orig, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	fm, body, ok := splitFile(bytes.ReplaceAll(orig, []byte("\r\n"), []byte("\n")))
	if !ok {
		return nil, fmt.Errorf("change one chapter: %s has no front matter", file)
	}
	v := variant(lang)
	added := capital(newDoc([]string{lang}, nil).expand(newRand(int64(run), 3<<32), sentences[run%len(sentences)]))[v]
	lines := strings.Split(body, "\n")
	if paras := proseLines(lines); len(paras) > 0 {
		lines[paras[len(paras)-1]] += " " + added
	} else {
		lines = append(lines[:len(lines)-1], "", added, "")
	}
	if !strings.Contains(fm, "\nchange:") && !strings.HasPrefix(fm, "change:") {
		fm = setKey(fm, "change", quote(pair{"Précision ajoutée.", "Clarification added."}[v]))
	}
	if err := os.WriteFile(file, join(fm, strings.Join(lines, "\n")), 0o644); err != nil {
		return nil, err
	}
	return func() error { return os.WriteFile(file, orig, 0o644) }, nil
}

// copySource copies a handbook's content/, layouts/ and static/ folders.
func copySource(from, to string) error {
	if _, err := os.Stat(filepath.Join(from, "content")); err != nil {
		return fmt.Errorf("-source: %w", err)
	}
	for _, d := range []string{"content", "layouts", "static"} {
		if _, err := os.Stat(filepath.Join(from, d)); err != nil {
			continue
		}
		if err := os.CopyFS(filepath.Join(to, d), os.DirFS(filepath.Join(from, d))); err != nil {
			return fmt.Errorf("-source: copy %s: %w", d, err)
		}
	}
	return nil
}

// countChapters counts the chapter files of a source (one page each per
// edition and language) and its editions.
func countChapters(src string) (pages, editions int, err error) {
	content := filepath.Join(src, "content")
	eds, err := listEditions(content)
	if err != nil {
		return 0, 0, err
	}
	for _, e := range eds {
		entries, err := os.ReadDir(filepath.Join(content, e.id))
		if err != nil {
			return 0, 0, err
		}
		for _, f := range entries {
			if chapterName.MatchString(f.Name()) {
				pages++
			}
		}
	}
	return pages, len(eds), nil
}

// countFiles counts the regular files under dir.
func countFiles(dir string) (int, error) {
	n := 0
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			n++
		}
		return err
	})
	return n, err
}

func hugoVersion(ctx context.Context, bin string) string {
	out, err := exec.CommandContext(ctx, bin, "version").Output()
	if err != nil {
		return "hugo (version unknown)"
	}
	return strings.TrimSpace(string(out))
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"..."}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}

// loadAvg is the system's load averages over 1, 5 and 15 minutes, or
// "unknown".
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
