package cli

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	goldenfile "example.com/handbook/build/internal/golden"

	"example.com/handbook/build/config"
	"example.com/handbook/build/content"
	"example.com/handbook/build/diag"
)

// copySrc copies testdata/src (a small handbook: 2024.1 released, 2025.1 a
// draft) to a temporary folder and returns it.
func copySrc(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "src")
	err := filepath.WalkDir("testdata/src", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("testdata/src", p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// result is what one run of Main gave.
type result struct {
	code           int
	stdout, stderr string
}

// run runs Main in-process with the current folder wd and HANDBOOK_NOW now
// (none when "").
func run(t *testing.T, wd, now string, cmds Commands, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	env := Env{
		Getenv: func(k string) string {
			if k == "HANDBOOK_NOW" {
				return now
			}
			return ""
		},
		Getwd: func() (string, error) { return wd, nil },
	}
	code := Main(context.Background(), args, &out, &errb, env, cmds)
	return result{code, out.String(), errb.String()}
}

// golden compares got with the file testdata/golden/name, or rewrites the
// file when UPDATE_GOLDEN is set.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", "golden", filepath.FromSlash(name)), got)
}

func readFile(t *testing.T, dir, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func writeFile(t *testing.T, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// checkClean runs check -strict and expects no diagnostic at all.
func checkClean(t *testing.T, src, now string) {
	t.Helper()
	if r := run(t, src, now, Commands{}, "check", "-strict"); r.code != 0 || r.stderr != "" {
		t.Errorf("check after: exit %d\n%s", r.code, r.stderr)
	}
}

func TestUsage(t *testing.T) {
	src := copySrc(t)
	cases := []struct {
		name   string
		now    string
		args   []string
		code   int
		stderr string // the first line of stderr
	}{
		{"no command", "", nil, 2, "usage:"},
		{"unknown command", "", []string{"frob"}, 2, `handbook: unknown command "frob"`},
		{"new without kind", "", []string{"new"}, 2, `handbook new: want "new chapter" or "new edition"`},
		{"new bad kind", "", []string{"new", "page", "x"}, 2, `handbook new: want "new chapter" or "new edition"`},
		{"unknown flag", "", []string{"check", "-nope"}, 2, "flag provided but not defined: -nope"},
		{"extra argument", "", []string{"check", "extra"}, 2, `handbook check: unexpected argument "extra"`},
		{"flag after argument", "", []string{"new", "chapter", "x", "-edition", "2025.1"}, 2, "handbook new chapter: flags come before arguments: -edition"},
		{"missing argument", "", []string{"new", "chapter"}, 2, "handbook new chapter: missing argument"},
		{"too many arguments", "", []string{"release", "a", "b"}, 2, "handbook release: too many arguments"},
		{"cache and no-cache", "", []string{"build", "-cache", "c", "-no-cache"}, 2, "handbook build: -cache and -no-cache exclude each other"},
		{"relative base-url", "", []string{"build", "-base-url", "/h/"}, 2, `handbook build: -base-url: want an absolute http or https URL, got "/h/"`},
		{"impossible -date", "", []string{"release", "-date", "2025-02-30", "2025.1"}, 2, `handbook release: -date: impossible date "2025-02-30"`},
		{"bad slug", "", []string{"new", "chapter", "Données"}, 2, `handbook new chapter: bad slug "Données": use lowercase letters a-z, digits and hyphens, starting with a letter`},
		{"reserved slug", "", []string{"new", "chapter", "search"}, 2, `handbook new chapter: slug "search" is reserved (it names a page of the site)`},
		{"bad edition id", "", []string{"new", "edition", "v2"}, 2, `handbook new edition: bad edition id "v2": a digit first, then digits, letters, dots or hyphens`},
		{"version argument", "", []string{"version", "x"}, 2, `handbook version: unexpected argument "x"`},
		{"bad HANDBOOK_NOW", "soon", []string{"check"}, 2, `handbook check: HANDBOOK_NOW: want a date YYYY-MM-DD, got "soon"`},
		{"help", "", []string{"help"}, 0, ""},
		{"command help", "", []string{"check", "-h"}, 0, "usage: handbook check [-source DIR] [-strict] [-q]"},
		{"source is content/", "", []string{"check", "-source", "content"}, 2, "handbook check: -source content: this is the content/ folder; -source wants the folder that holds it: -source ."},
		{"serve -out and -source", "", []string{"serve", "-source", "s", "-out", "public"}, 2, "handbook serve: -source and -out exclude each other: -out serves a built folder"},
		{"init without folder", "", []string{"init"}, 2, "handbook init: missing argument"},
		{"init bad -lang", "", []string{"init", "-lang", ",", "x"}, 2, "handbook init: -lang: want one language or more, e.g. fr,en"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, src, tc.now, Commands{}, tc.args...)
			first, _, _ := strings.Cut(r.stderr, "\n")
			if r.code != tc.code || first != tc.stderr {
				t.Errorf("exit %d, stderr first line %q; want %d, %q\n%s", r.code, first, tc.code, tc.stderr, r.stderr)
			}
			if tc.code == 2 && !strings.Contains(r.stderr, "usage:") {
				t.Errorf("no usage text on stderr:\n%s", r.stderr)
			}
		})
	}
	if r := run(t, src, "", Commands{}, "help"); !strings.HasPrefix(r.stdout, "usage:\n  handbook build") {
		t.Errorf("help: %q", r.stdout)
	}
}

func TestCheck(t *testing.T) {
	const now = "2025-02-10"
	t.Run("valid", func(t *testing.T) { checkClean(t, copySrc(t), now) })
	t.Run("ok line", func(t *testing.T) {
		src := copySrc(t)
		writeFile(t, src, "content/2025.1/01-intro.en.md", "---\ntitle: Introduction\nowner: Communications\nchange: Nothing.\n---\n\nIntroduction text.\n")
		r := run(t, src, now, Commands{}, "check")
		if want := "ok: 3 chapters × 2 languages × 2 editions, 0 errors, 1 warning\n"; r.code != 0 || r.stdout != want {
			t.Errorf("exit %d, stdout %q, want %q", r.code, r.stdout, want)
		}
		if r := run(t, src, now, Commands{}, "check", "-q"); r.code != 0 || r.stdout != "" {
			t.Errorf("check -q: exit %d, stdout %q", r.code, r.stdout)
		}
		var out, errb bytes.Buffer
		env := Env{Getenv: func(k string) string {
			return map[string]string{"HANDBOOK_NOW": now, "CI": "true"}[k]
		}, Getwd: func() (string, error) { return src, nil }}
		if code := Main(context.Background(), []string{"check"}, &out, &errb, env, Commands{}); code != 0 || out.String() != "" {
			t.Errorf("check under CI: exit %d, stdout %q", code, out.String())
		}
	})
	t.Run("errors and warnings, sorted", func(t *testing.T) {
		src := copySrc(t)
		writeFile(t, src, "content/2025.1/01-intro.fr.md", "---\ntitle: Introduction\nowner: Communications\ntitel: x\nreview_by: 2025-01-01\n---\nx\n")
		writeFile(t, src, "content/2025.1/03-extra.en.md", "---\ntitle: Extra\nowner: C\n---\nx\n")
		writeFile(t, src, "content/2025.1/notes.txt", "x")
		r := run(t, src, now, Commands{}, "check")
		want := "content/2025.1/01-intro.fr.md:4: unknown key \"titel\" (known: title, summary, owner, approved_by, effective, review_by, audience, tags, draft, change, renamed_from, slug)\n" +
			"content/2025.1/01-intro.fr.md:5: warning: review_by: 2025-01-01 is past: review the chapter and set the next date\n" +
			"content/2025.1/03-extra.en.md:1: missing translation: no 03-extra.fr.md in content/2025.1\n" +
			"content/2025.1/notes.txt: unexpected file: an edition folder holds _edition.LANG.md, NN-slug.LANG.md and images/\n"
		if r.code != 1 || r.stderr != want || r.stdout != "" {
			t.Errorf("exit %d\nstderr:\n%s\nwant:\n%s", r.code, r.stderr, want)
		}
	})
	t.Run("warnings pass, fail with -strict", func(t *testing.T) {
		src := copySrc(t)
		writeFile(t, src, "content/2025.1/01-intro.en.md", "---\ntitle: Introduction\nowner: Communications\nchange: Nothing.\n---\n\nIntroduction text.\n")
		want := "content/2025.1/01-intro.en.md:4: warning: change: the text did not change since edition 2024.1: remove the change line\n"
		if r := run(t, src, now, Commands{}, "check"); r.code != 0 || r.stderr != want {
			t.Errorf("check: exit %d\n%s", r.code, r.stderr)
		}
		if r := run(t, src, now, Commands{}, "check", "-strict"); r.code != 1 || r.stderr != want {
			t.Errorf("check -strict: exit %d\n%s", r.code, r.stderr)
		}
	})
	t.Run("no source", func(t *testing.T) {
		r := run(t, t.TempDir(), now, Commands{}, "check", "-source", "nope")
		if r.code != 1 || !strings.HasPrefix(r.stderr, "handbook check: open source folder: ") {
			t.Errorf("exit %d\n%s", r.code, r.stderr)
		}
	})
	t.Run("no content", func(t *testing.T) {
		r := run(t, t.TempDir(), now, Commands{}, "check")
		if want := "content/handbook.yaml: missing: the source folder must hold content/handbook.yaml (is -source right?)\n"; r.code != 1 || r.stderr != want {
			t.Errorf("exit %d\n%s", r.code, r.stderr)
		}
	})
	t.Run("checker", func(t *testing.T) {
		var l diag.List
		l.Errorf("content/2025.1/01-intro.fr.md", 8, "link to a chapter that does not exist: nope.fr.md")
		r := run(t, copySrc(t), now, Commands{Check: fakeChecker(l)}, "check")
		if r.code != 1 || r.stderr != "content/2025.1/01-intro.fr.md:8: link to a chapter that does not exist: nope.fr.md\n" {
			t.Errorf("exit %d\n%s", r.code, r.stderr)
		}
	})
}

type fakeChecker diag.List

func (f fakeChecker) Check(context.Context, fs.FS, *content.Handbook) (diag.List, error) {
	return diag.List(f), nil
}

// fakeBuilder records its options and returns err.
type fakeBuilder struct {
	build *config.Options
	serve *config.Options
	res   BuildResult
	diags diag.List
	err   error
}

func (f *fakeBuilder) Build(_ context.Context, o config.Options) (BuildResult, diag.List, error) {
	f.build = &o
	return f.res, f.diags, f.err
}
func (f *fakeBuilder) Serve(_ context.Context, o config.Options) error { f.serve = &o; return f.err }

func TestBuildAndServeWiring(t *testing.T) {
	wd := t.TempDir()
	t.Run("not implemented", func(t *testing.T) {
		for _, cmd := range []string{"build", "serve"} {
			if r := run(t, wd, "", Commands{}, cmd); r.code != 1 || r.stderr != "handbook "+cmd+": not implemented yet\n" {
				t.Errorf("%s: exit %d %q", cmd, r.code, r.stderr)
			}
		}
	})
	t.Run("build defaults", func(t *testing.T) {
		f := &fakeBuilder{}
		r := run(t, wd, "2025-02-10", Commands{Build: f}, "build")
		want := config.Options{Source: wd, Out: filepath.Join(wd, "public"), Minify: true}
		got := *f.build
		if today, err := got.Today(); err != nil || !today.Equal(time.Date(2025, 2, 10, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("today: %v %v", today, err)
		}
		got.Stdout, got.Stderr, got.Today = nil, nil, nil
		if r.code != 0 || !reflect.DeepEqual(got, want) || f.build.Stderr == nil {
			t.Errorf("exit %d, options %+v, want %+v", r.code, got, want)
		}
	})
	t.Run("build flags", func(t *testing.T) {
		f := &fakeBuilder{}
		r := run(t, wd, "", Commands{Build: f}, "build", "-source", "site", "-out", "/tmp/out", "-drafts",
			"-base-url", "https://x.example/h", "-no-minify", "-cache", "c")
		got := *f.build
		if r.code != 0 || got.Source != filepath.Join(wd, "site") || got.Out != "/tmp/out" || !got.Drafts || got.Minify ||
			got.BaseURL != "https://x.example/h/" || got.CacheDir != filepath.Join(wd, "c") || got.NoCache || got.Progress {
			t.Errorf("exit %d, options %+v", r.code, got)
		}
	})
	t.Run("build cache folder", func(t *testing.T) {
		userCache := func() (string, error) { return "/home/u/.cache", nil }
		noHome := func() (string, error) { return "", errors.New("$HOME is not defined") }
		for _, tc := range []struct {
			name      string
			userCache func() (string, error)
			args      []string
			want      string
		}{
			{"default", userCache, nil, "/home/u/.cache/handbook"},
			{"flag wins", userCache, []string{"-cache", "c"}, filepath.Join(wd, "c")},
			{"no-cache", userCache, []string{"-no-cache"}, ""},
			{"no user cache folder", noHome, nil, ""},
			{"no cache in tests", nil, nil, ""},
		} {
			f := &fakeBuilder{}
			var out, errb bytes.Buffer
			env := Env{Getenv: func(string) string { return "" }, Getwd: func() (string, error) { return wd, nil }, UserCacheDir: tc.userCache}
			code := Main(context.Background(), append([]string{"build"}, tc.args...), &out, &errb, env, Commands{Build: f})
			if code != 0 || f.build.CacheDir != tc.want {
				t.Errorf("%s: exit %d, cache %q, want %q (%s)", tc.name, code, f.build.CacheDir, tc.want, errb.String())
			}
		}
	})
	t.Run("build summary", func(t *testing.T) {
		cases := []struct {
			name string
			res  BuildResult
			args []string
			want string // stderr, with the time as 0.00
		}{
			{"built", BuildResult{Files: 268, Pages: 96, Feeds: 26}, nil, "built 268 files (96 pages, 26 feeds) in 0.00 s → public/\n"},
			{"up to date", BuildResult{UpToDate: true}, nil, "up to date: no input changed since the last build (0.00 s) → public/\n"},
			{"outside the current folder", BuildResult{Files: 1, Pages: 1}, []string{"-out", "/elsewhere/site"}, "built 1 file (1 page, 0 feeds) in 0.00 s → /elsewhere/site/\n"},
			{"quiet", BuildResult{Files: 1}, []string{"-q"}, ""},
		}
		for _, tc := range cases {
			r := run(t, wd, "", Commands{Build: &fakeBuilder{res: tc.res}}, append([]string{"build"}, tc.args...)...)
			got := regexp.MustCompile(`[0-9]+\.[0-9]{2} s`).ReplaceAllString(r.stderr, "0.00 s")
			if r.code != 0 || got != tc.want {
				t.Errorf("%s: exit %d, stderr %q, want %q", tc.name, r.code, r.stderr, tc.want)
			}
		}
	})
	t.Run("build content errors", func(t *testing.T) {
		var l diag.List
		l.Errorf("content/b.md", 2, "second")
		l.Errorf("content/a.md", 1, "first")
		l.Warnf("content/a.md", 3, "third")
		r := run(t, wd, "", Commands{Build: &fakeBuilder{diags: l}}, "build")
		if want := "content/a.md:1: first\ncontent/a.md:3: warning: third\ncontent/b.md:2: second\n"; r.code != 1 || r.stderr != want {
			t.Errorf("exit %d\n%s", r.code, r.stderr)
		}
	})
	t.Run("build failure", func(t *testing.T) {
		r := run(t, wd, "", Commands{Build: &fakeBuilder{err: errors.New("public: not an output folder")}}, "build")
		if r.code != 1 || r.stderr != "handbook build: public: not an output folder\n" {
			t.Errorf("exit %d\n%s", r.code, r.stderr)
		}
	})
	t.Run("serve", func(t *testing.T) {
		f := &fakeBuilder{}
		r := run(t, wd, "2025-02-10", Commands{Serve: f}, "serve", "-source", "s")
		if r.code != 0 || f.serve.Addr != "127.0.0.1:8080" || f.serve.Source != filepath.Join(wd, "s") {
			t.Fatalf("exit %d, options %+v", r.code, f.serve)
		}
		if today, err := f.serve.Today(); err != nil || today.Format(time.DateOnly) != "2025-02-10" {
			t.Errorf("today: %v %v", today, err)
		}
		r = run(t, wd, "", Commands{Serve: f}, "serve", "-addr", ":9000")
		if r.code != 0 || f.serve.Addr != ":9000" {
			t.Errorf("exit %d, addr %q", r.code, f.serve.Addr)
		}
		r = run(t, wd, "", Commands{Serve: f}, "serve", "-out", "public")
		if r.code != 0 || f.serve.Out != filepath.Join(wd, "public") || f.serve.Source != "" {
			t.Errorf("serve -out: exit %d, options %+v", r.code, f.serve)
		}
	})
}

func TestVersion(t *testing.T) {
	r := run(t, t.TempDir(), "", Commands{}, "version")
	v, ok := strings.CutPrefix(r.stdout, "handbook ")
	if r.code != 0 || !ok || strings.TrimSpace(v) == "" || !strings.HasSuffix(v, "\n") || r.stderr != "" {
		t.Errorf("exit %d, %q", r.code, r.stdout)
	}
}
