package bench

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// report is what Run measured, ready to print.
type report struct {
	opts        RunOptions
	pages       int // chapter pages: chapters × editions × languages
	editions    int
	today       string
	warnings    int
	cacheFlag   bool
	hugoVersion string
	results     map[string][]sample
	tree        *tree  // the shape of the first cold build's output
	loadStart   string // load averages before and after the runs
	loadEnd     string
	deletes     int // times outputs were deleted before a timed run, for room
}

// measures are the rows of the report, in order, with their labels.
var measures = [...]struct{ key, label string }{
	{measureCold, "cold full build"},
	{measureHugo, "hugo --minify (cold)"},
	{measureNoChange, "no-change rebuild"},
	{measureOneChange, "rebuild, one chapter changed"},
	{measureAddEd, "rebuild, one edition added"},
	{measureFloor, "floor: read+front matter+goldmark+write"},
	{measureFiles, "files floor: same folders+files, 1 thread"},
}

// summary is the medians of one measure.
type summary struct {
	median, min, max time.Duration // wall time
	user             time.Duration // median processor time in user space
	sys              time.Duration // median processor time in the kernel
	peak             int64         // the largest peak RSS of the runs
	files            int
}

func summarize(ss []sample) summary {
	ds, users, syss := make([]time.Duration, len(ss)), make([]time.Duration, len(ss)), make([]time.Duration, len(ss))
	var s summary
	for i, x := range ss {
		ds[i], users[i], syss[i] = x.d, x.user, x.sys
		s.peak = max(s.peak, x.rss)
		s.files = x.files
	}
	slices.Sort(ds)
	s.min, s.max = ds[0], ds[len(ds)-1]
	s.median, s.user, s.sys = median(ds), median(users), median(syss)
	return s
}

// pairedRatio is the median over runs of a[i]/b[i] (wall times): the
// ratio of two tools measured side by side, run after run, which the
// load of a shared machine affects less than a ratio of medians.
func pairedRatio(a, b []sample) float64 {
	var rs []float64
	for i := range min(len(a), len(b)) {
		if b[i].d > 0 {
			rs = append(rs, a[i].d.Seconds()/b[i].d.Seconds())
		}
	}
	if len(rs) == 0 {
		return 0
	}
	slices.Sort(rs)
	if n := len(rs); n%2 == 1 {
		return rs[n/2]
	}
	n := len(rs)
	return (rs[n/2-1] + rs[n/2]) / 2
}

// median returns the median of ds; it sorts ds.
func median(ds []time.Duration) time.Duration {
	slices.Sort(ds)
	if n := len(ds); n%2 == 1 {
		return ds[n/2]
	}
	n := len(ds)
	return (ds[n/2-1] + ds[n/2]) / 2
}

// write prints the table, the ratios against the targets, and one
// line "BENCH {json}" per measure and per ratio.
func (r *report) write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	o := r.opts
	if o.Source != "" {
		fmt.Fprintf(bw, "handbook-bench: %s: %d chapter pages in %d editions", o.Source, r.pages, r.editions)
	} else {
		fmt.Fprintf(bw, "handbook-bench: %d chapters × %d editions × %d languages = %d chapter pages (seed %d, %.0f%% changed per edition)",
			o.Gen.Chapters, o.Gen.Editions, len(o.Gen.Langs), r.pages, o.Gen.Seed, o.Gen.ChangedFraction*100)
	}
	fmt.Fprintf(bw, "\n%d runs each, medians; %d CPUs, %s %s/%s; HANDBOOK_NOW=%s", o.Runs, runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH, r.today)
	if !r.cacheFlag {
		fmt.Fprint(bw, "; handbook build has no -cache flag")
	}
	switch {
	case r.warnings == 1:
		fmt.Fprint(bw, "; the cold build printed 1 warning")
	case r.warnings > 1:
		fmt.Fprintf(bw, "; the cold build printed %d warnings", r.warnings)
	}
	if r.hugoVersion != "" {
		fmt.Fprintf(bw, "\n%s; paired with our cold builds, the order alternating", r.hugoVersion)
	}
	if r.loadStart != "" {
		fmt.Fprintf(bw, "\nload average (1, 5, 15 min): %s before, %s after", r.loadStart, r.loadEnd)
	}
	if r.deletes == 0 {
		fmt.Fprint(bw, "\neach timed run wrote to a new folder; outputs were deleted only after the last run, and each run followed a sync")
	} else {
		fmt.Fprintf(bw, "\neach timed run wrote to a new folder; short of disk room, outputs were deleted %d times between runs, each followed by a sync and %v of wait", r.deletes, o.Settle)
	}
	fmt.Fprint(bw, "\n\n")

	sums := map[string]summary{}
	const row = "%-42s %9s %9s %9s %9s %9s %9s %8s\n"
	fmt.Fprintf(bw, row, "measure", "median", "min", "max", "user", "sys", "peak RSS", "files")
	for _, m := range measures {
		ss := r.results[m.key]
		if len(ss) == 0 {
			continue
		}
		s := summarize(ss)
		sums[m.key] = s
		user, sys := "-", "-"
		if s.user > 0 || s.sys > 0 {
			user, sys = secs(s.user), secs(s.sys)
		}
		fmt.Fprintf(bw, row, m.label, secs(s.median), secs(s.min), secs(s.max), user, sys, mb(s.peak), strconv.Itoa(s.files))
	}
	if t := r.tree; t != nil {
		if f, ok := sums[measureFiles]; ok {
			fmt.Fprintf(bw, "\nfiles floor: creating the cold build's %d folders and %d files (%s) on one thread, with no other work, costs %s of kernel time (%s wall)\n",
				len(t.dirs), len(t.files), mb(t.bytes), secs(f.sys), secs(f.median))
		}
	}

	type ratio struct {
		name   string
		value  float64
		target string
	}
	var ratios []ratio
	add := func(name string, a, b float64, target string) {
		if a > 0 && b > 0 {
			ratios = append(ratios, ratio{name, a / b, target})
		}
	}
	cold, hugo, floor, files := sums[measureCold], sums[measureHugo], sums[measureFloor], sums[measureFiles]
	add("cold / hugo (time, paired)", pairedRatio(r.results[measureCold], r.results[measureHugo]), 1, "at most 0.5")
	add("cold / hugo (time, medians)", cold.median.Seconds(), hugo.median.Seconds(), "")
	add("cold / hugo (user CPU)", cold.user.Seconds(), hugo.user.Seconds(), "")
	add("cold / hugo (kernel CPU)", cold.sys.Seconds(), hugo.sys.Seconds(), "")
	add("peak RSS / hugo", float64(cold.peak), float64(hugo.peak), "under 0.2")
	add("cold / floor (time)", cold.median.Seconds(), floor.median.Seconds(), "aim: within 2")
	add("cold kernel / files floor kernel", cold.sys.Seconds(), files.sys.Seconds(), "")
	add("add edition / cold", sums[measureAddEd].median.Seconds(), cold.median.Seconds(), "under 0.33")
	add("no-change / cold", sums[measureNoChange].median.Seconds(), cold.median.Seconds(), "under 0.1")
	add("one change / cold", sums[measureOneChange].median.Seconds(), cold.median.Seconds(), "")
	if len(ratios) > 0 {
		fmt.Fprint(bw, "\nratios of medians\n")
		tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
		for _, x := range ratios {
			fmt.Fprintf(tw, "  %s\t%.2f\t%s\n", x.name, x.value, x.target)
		}
		tw.Flush()
	}

	fmt.Fprintln(bw)
	for _, m := range measures {
		s, ok := sums[m.key]
		if !ok {
			continue
		}
		line := map[string]any{
			"measure": m.key, "chapter_pages": r.pages, "editions": r.editions, "runs": len(r.results[m.key]),
			"median_s": round3(s.median.Seconds()), "min_s": round3(s.min.Seconds()), "max_s": round3(s.max.Seconds()), "user_s": round3(s.user.Seconds()), "sys_s": round3(s.sys.Seconds()), "cpu_s": round3((s.user + s.sys).Seconds()),
			"peak_rss_mb": round3(float64(s.peak) / (1 << 20)), "files": s.files,
		}
		if r.loadStart != "" {
			line["load_before"], line["load_after"] = r.loadStart, r.loadEnd
		}
		if o.Source == "" {
			line["chapters"], line["langs"], line["seed"] = o.Gen.Chapters, strings.Join(o.Gen.Langs, ","), o.Gen.Seed
		}
		if err := benchLine(bw, line); err != nil {
			return err
		}
	}
	for _, x := range ratios {
		if err := benchLine(bw, map[string]any{"ratio": x.name, "value": round3(x.value), "chapter_pages": r.pages}); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func benchLine(w io.Writer, v map[string]any) error {
	data, err := json.Marshal(v) // maps marshal with sorted keys: stable lines
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "BENCH %s\n", data)
	return err
}

func round3(f float64) float64 { return float64(int64(f*1000+0.5)) / 1000 }

func secs(d time.Duration) string { return fmt.Sprintf("%.3fs", d.Seconds()) }

// mb formats a byte count in MiB, or "n/a" when unknown.
func mb(n int64) string {
	if n <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.0f MB", float64(n)/(1<<20))
}
