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
	// Hugo also times `hugo --minify` on the same corpus, alternating with
	// our cold builds.
	Hugo bool
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
	measureNoChange  = "no-change"
	measureOneChange = "one-change"
	measureAddEd     = "add-edition"
	measureFloor     = "floor"
	measureHugo      = "hugo"
)

// sample is one timed run.
type sample struct {
	d     time.Duration // wall time
	cpu   time.Duration // processor time, user and system; 0 when unknown
	sys   time.Duration // of which in the kernel (files, memory); 0 when unknown
	rss   int64         // peak resident set size in bytes; 0 when unknown
	files int           // files in the output
}

// Run generates (or copies) a handbook into a temporary folder and times,
// o.Runs times each: a cold build of the handbook binary (fresh output,
// fresh cache, fresh process), a rebuild with nothing changed, a rebuild
// after one chapter changed, a rebuild after adding an edition; the floor
// (in process); and Hugo with o.Hugo. It writes a table and one
// machine-readable line per measure to w.
func Run(ctx context.Context, o RunOptions, w io.Writer) error {
	if o.Runs <= 0 {
		o.Runs = 3
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

	// XDG_CACHE_HOME: should the builder keep a cache where -cache does not
	// say, it goes to the work folder (emptied before each cold build), not
	// to the user's.
	xdg := filepath.Join(work, "xdg-cache")
	b := &builder{bin: bin, src: src, xdg: xdg, env: append(os.Environ(), "HANDBOOK_NOW="+today, "XDG_CACHE_HOME="+xdg)}
	if b.cache, err = supportsCache(ctx, bin); err != nil {
		return err
	}

	m := &measurer{b: b, work: work, src: src, gen: gen, hugoBin: hugoBin, hugoSite: hugoSite, runs: o.Runs, logf: logf, results: map[string][]sample{}}
	for run := range o.Runs {
		if err := m.run(ctx, run); err != nil {
			return err
		}
	}

	r := report{
		opts: o, pages: pages, editions: editions, today: today, warnings: m.warnings,
		cacheFlag: b.cache, results: m.results,
	}
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
	logf      func(format string, args ...any)
	results   map[string][]sample
	warnings  int // in the last cold build
}

// add records a sample.
func (m *measurer) add(run int, measure, label string, s sample) {
	m.results[measure] = append(m.results[measure], s)
	m.logf("run %d/%d: %s %v (CPU %v), %d files, peak %s", run+1, m.runs, label, s.d.Round(time.Millisecond), s.cpu.Round(time.Millisecond), s.files, mb(s.rss))
}

// run takes every measure once, in this order: cold build, Hugo, floor,
// no-change rebuild, one chapter changed, one edition added. It leaves
// the source as it found it, even when a build fails.
func (m *measurer) run(ctx context.Context, run int) (err error) {
	out := filepath.Join(m.work, fmt.Sprintf("out-%d", run))
	cache := filepath.Join(m.work, fmt.Sprintf("cache-%d", run))
	defer func() { err = errors.Join(err, os.RemoveAll(out), os.RemoveAll(cache)) }()
	if err := os.RemoveAll(m.b.xdg); err != nil {
		return err
	}

	s, stderr, err := m.b.build(ctx, out, cache)
	if err != nil {
		return fmt.Errorf("cold build: %w", err)
	}
	m.warnings = strings.Count(stderr, ": warning: ")
	m.add(run, measureCold, "cold build", s)

	if m.hugoBin != "" {
		s, err := runHugo(ctx, m.hugoBin, m.hugoSite, filepath.Join(m.work, fmt.Sprintf("hugo-out-%d", run)), filepath.Join(m.work, fmt.Sprintf("hugo-cache-%d", run)))
		if err != nil {
			return err
		}
		m.add(run, measureHugo, "hugo", s)
	}

	if s, err = runFloor(ctx, m.src, filepath.Join(m.work, fmt.Sprintf("floor-%d", run))); err != nil {
		return err
	}
	m.add(run, measureFloor, "floor", s)

	if s, _, err = m.b.build(ctx, out, cache); err != nil {
		return fmt.Errorf("no-change rebuild: %w", err)
	}
	m.add(run, measureNoChange, "no-change rebuild", s)

	restore, err := touchChapter(m.src, run)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, restore()) }()
	if s, _, err = m.b.build(ctx, out, cache); err != nil {
		return fmt.Errorf("rebuild after one chapter changed: %w", err)
	}
	m.add(run, measureOneChange, "one chapter changed", s)

	id, err := AddEdition(m.src, m.gen)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, os.RemoveAll(filepath.Join(m.src, "content", id))) }()
	if s, _, err = m.b.build(ctx, out, cache); err != nil {
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
	xdg      string // the children's XDG_CACHE_HOME
	cache    bool   // pass -cache DIR
}

// build runs one build in a fresh process and measures it.
func (b *builder) build(ctx context.Context, out, cache string) (sample, string, error) {
	args := []string{"build", "-source", b.src, "-out", out}
	if b.cache {
		args = append(args, "-cache", cache)
	}
	s, stderr, err := timeChild(ctx, b.env, b.bin, args...)
	if err != nil {
		return s, stderr, err
	}
	s.files, err = countFiles(out)
	return s, stderr, err
}

// runHugo times one `hugo --minify` into a fresh output and cache folder,
// then removes them.
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
	return s, errors.Join(os.RemoveAll(out), os.RemoveAll(cache), lock)
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
		s.cpu = ps.UserTime() + ps.SystemTime()
		s.sys = ps.SystemTime()
	}
	if err != nil {
		return s, stderr.String(), fmt.Errorf("%s %s: %w\n%s", filepath.Base(bin), strings.Join(args, " "), err, tail(stderr.String(), 40))
	}
	return s, stderr.String(), nil
}

// runFloor times Floor in this process, with its peak memory when the
// system lets the peak be reset.
func runFloor(ctx context.Context, src, out string) (sample, error) {
	reset := resetPeakRSS()
	start, cpu := time.Now(), selfCPU()
	n, err := Floor(ctx, src, out)
	s := sample{d: time.Since(start), cpu: selfCPU() - cpu, files: n}
	if err != nil {
		return s, err
	}
	if reset {
		s.rss = selfPeakRSS()
	}
	return s, os.RemoveAll(out)
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
