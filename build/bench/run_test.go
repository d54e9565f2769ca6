package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// fakeHandbook writes a script that stands for `handbook build`: it copies
// content/ to the output (or fails when fail is set). Each build appends
// a line to the file log (when not ""): "new" or "old" (whether the output
// folder existed), then the output folder, and whether anything else was
// in the output's parent folder ("alone" or "crowded").
func fakeHandbook(t *testing.T, fail bool, log string) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake builder is a shell script")
	}
	if log == "" {
		log = "/dev/null"
	}
	body := `#!/bin/sh
if [ "$2" = "-h" ]; then echo "usage: handbook build [-source DIR] [-out DIR] [-cache DIR]"; exit 2; fi
[ -n "$HANDBOOK_NOW" ] || { echo "HANDBOOK_NOW not set" >&2; exit 1; }
state=new; [ -e "$5" ] && state=old
others=alone; [ -n "$(ls -A "$(dirname "$5")" | grep -vx "$(basename "$5")")" ] && others=crowded
echo "$state $5 $others" >> '` + log + `'
rm -rf "$5" && mkdir -p "$5" && cp -R "$3/content" "$5/" && echo "content/x.md:1: warning: example" >&2
`
	if fail {
		body = "#!/bin/sh\n[ \"$2\" = \"-h\" ] && { echo usage; exit 2; }\necho 'content/2020.1/0001-a.fr.md:3: unknown key \"x\"' >&2\nexit 1\n"
	}
	bin := filepath.Join(t.TempDir(), "handbook")
	if err := os.WriteFile(bin, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin
}

// TestRun runs the whole harness with a fake builder: every measure is
// reported, and the kept corpus is left as generated.
func TestRun(t *testing.T) {
	gen := GenOptions{Chapters: 10, Editions: 2, Seed: 1}
	keep := filepath.Join(t.TempDir(), "corpus")
	_, err := exec.LookPath("hugo")
	log := filepath.Join(t.TempDir(), "builds.log")
	o := RunOptions{Gen: gen, Runs: 2, Keep: keep, Handbook: fakeHandbook(t, false, log), Hugo: err == nil, Settle: time.Millisecond}
	var out bytes.Buffer
	if err := Run(context.Background(), o, &out); err != nil {
		t.Fatal(err)
	}
	report := out.String()
	t.Log("\n" + report)
	wantMeasures := []string{measureCold, measureNoChange, measureOneChange, measureAddEd, measureFloor, measureFiles}
	if o.Hugo {
		wantMeasures = append(wantMeasures, measureHugo)
	}
	got := map[string]map[string]any{}
	for l := range strings.SplitSeq(report, "\n") {
		if js, ok := strings.CutPrefix(l, "BENCH "); ok {
			var v map[string]any
			if err := json.Unmarshal([]byte(js), &v); err != nil {
				t.Fatalf("bad line %q: %v", l, err)
			}
			if m, ok := v["measure"].(string); ok {
				got[m] = v
			}
		}
	}
	for _, m := range wantMeasures {
		v, ok := got[m]
		if !ok {
			t.Errorf("no BENCH line for %s in:\n%s", m, report)
			continue
		}
		if v["runs"] != float64(2) || v["chapter_pages"] != float64(40) || v["median_s"].(float64) <= 0 {
			t.Errorf("%s: %v", m, v)
		}
	}
	if f := got[measureFloor]["files"]; f != float64(40) {
		t.Errorf("floor wrote %v files, want 40", f)
	}
	// The fake build copies content/: the added edition's files are there.
	if a, c := got[measureAddEd]["files"].(float64), got[measureCold]["files"].(float64); a != c+2+20 {
		t.Errorf("after adding an edition %v files, want %v", a, c+22)
	}
	if f, c := got[measureFiles]["files"], got[measureCold]["files"]; f != c {
		t.Errorf("files floor wrote %v files, the cold build %v", f, c)
	}
	// Each run: one cold build into a folder that never existed, alone in
	// a parent folder that never existed either, then three rebuilds of it.
	data, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	builds := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(builds) != 8 {
		t.Fatalf("%d builds, want 8:\n%s", len(builds), data)
	}
	seen := map[string]bool{}
	for i, b := range builds {
		f := strings.Fields(b)
		cold := i%4 == 0
		switch {
		case cold && (f[0] != "new" || f[2] != "alone" || seen[filepath.Dir(f[1])]):
			t.Errorf("cold build %d: %s; want a new output, alone in a new folder", i/4+1, b)
		case !cold && (f[0] != "old" || f[1] != strings.Fields(builds[i/4*4])[1]):
			t.Errorf("rebuild %d: %s; want the cold build's output", i, b)
		}
		seen[filepath.Dir(f[1])] = true
	}
	wants := []string{"cold full build", "ratios of medians", "the cold build printed 1 warning", "files floor: creating the cold build's"}
	if free, ok := freeSpace(t.TempDir()); ok && free > 2*keepReserve {
		// With room, no output is deleted before a timed run.
		wants = append(wants, "outputs were deleted only after the last run")
	}
	for _, s := range wants {
		if !strings.Contains(report, s) {
			t.Errorf("report lacks %q:\n%s", s, report)
		}
	}
	if treeHash(t, filepath.Join(keep, "handbook")) != treeHash(t, generated(t, gen)) {
		t.Error("the kept corpus is not as generated: a run left a change behind")
	}
}

func TestRunReportsBuildErrors(t *testing.T) {
	o := RunOptions{Gen: GenOptions{Chapters: 3, Editions: 1}, Runs: 1, Handbook: fakeHandbook(t, true, ""), Settle: -1}
	err := Run(context.Background(), o, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), `unknown key "x"`) {
		t.Errorf("Run = %v, want the builder's error", err)
	}
}

func TestFloor(t *testing.T) {
	o := GenOptions{Chapters: 8, Editions: 2, Seed: 1}
	out := filepath.Join(t.TempDir(), "floor")
	n, err := Floor(context.Background(), generated(t, o), out)
	if err != nil {
		t.Fatal(err)
	}
	if n != 32 {
		t.Errorf("floor wrote %d pages, want 32", n)
	}
	data, err := os.ReadFile(filepath.Join(out, "2021.1", "fr", "moderation-principes-2.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"<title>Modération : principes</title>", "<h2>1. ", "<li>"} {
		if !bytes.Contains(data, []byte(s)) {
			t.Errorf("floor page lacks %q", s)
		}
	}
}

func TestSummarize(t *testing.T) {
	tests := []struct {
		name       string
		in         []sample
		med        time.Duration
		wantPeakMB int64
	}{
		{"odd", []sample{{d: 3}, {d: 1, rss: 5 << 20}, {d: 2, rss: 7 << 20}}, 2, 7},
		{"even", []sample{{d: 4}, {d: 1}, {d: 2}, {d: 3}}, 2, 0},
		{"one", []sample{{d: 9, rss: 1 << 20}}, 9, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := summarize(tc.in)
			if s.median != tc.med || s.peak>>20 != tc.wantPeakMB {
				t.Errorf("median %v peak %d MB, want %v, %d MB", s.median, s.peak>>20, tc.med, tc.wantPeakMB)
			}
		})
	}
}

// TestTreeCreate checks that the files floor makes the shape it read.
func TestTreeCreate(t *testing.T) {
	src := filepath.Join(t.TempDir(), "src")
	for name, size := range map[string]int{"index.html": 10, "fr/index.html": 300, "fr/a/index.html": 0, "fr/a/b/feed.xml": 7} {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, bytes.Repeat([]byte("x"), size), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(src, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	tr, err := readTree(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.dirs) != 4 || len(tr.files) != 4 || tr.bytes != 317 {
		t.Fatalf("read %d folders, %d files, %d bytes; want 4, 4, 317", len(tr.dirs), len(tr.files), tr.bytes)
	}
	dst := filepath.Join(t.TempDir(), "copy")
	s, err := tr.create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if s.files != 4 {
		t.Errorf("created %d files, want 4", s.files)
	}
	again, err := readTree(dst)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(again) != fmt.Sprint(tr) {
		t.Errorf("created %v, want %v", again, tr)
	}
	if _, err := tr.create(dst); err == nil {
		t.Error("creating over an existing folder: no error")
	}
}
