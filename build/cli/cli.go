// Package cli is handbook's command line as a library: Main parses the
// arguments, runs a sub-command and returns the exit status, with its
// environment passed in so that tests run it in-process.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"example.com/handbook/build/config"
	"example.com/handbook/build/content"
	"example.com/handbook/build/diag"
)

// Exit statuses.
const (
	exitOK    = 0 // success, warnings allowed
	exitFail  = 1 // content errors (or warnings with check -strict), I/O errors
	exitUsage = 2 // bad usage
)

// Env is what the command line needs from its process.
type Env struct {
	// Getenv reads an environment variable (HANDBOOK_NOW, CI); nil reads none.
	Getenv func(key string) string
	// Getwd returns the current folder, that -source and -out are
	// relative to; nil uses os.Getwd.
	Getwd func() (string, error)
	// IsTerminal reports whether w is a terminal (progress is shown only
	// there); nil means never.
	IsTerminal func(w io.Writer) bool
	// UserCacheDir returns the user's cache folder, under which `build`
	// keeps its cache by default; nil means no default cache (tests).
	UserCacheDir func() (string, error)
}

// OSEnv is the environment of the running process.
func OSEnv() Env {
	return Env{
		Getenv:       os.Getenv,
		Getwd:        os.Getwd,
		UserCacheDir: os.UserCacheDir,
		IsTerminal: func(w io.Writer) bool {
			f, ok := w.(*os.File)
			if !ok {
				return false
			}
			fi, err := f.Stat()
			return err == nil && fi.Mode()&os.ModeCharDevice != 0
		},
	}
}

// BuildResult is what a successful build made, for the line "build" ends
// with.
type BuildResult struct {
	// Files counts every file of the output; Pages its HTML pages and
	// Feeds its RSS, Atom and JSON feeds.
	Files, Pages, Feeds int
	// UpToDate is true when the output was built from the same inputs
	// already and was left as it was.
	UpToDate bool
}

// Builder builds the site. It returns the diagnostics of the content,
// warnings too, which Main prints sorted, and an error only for faults
// that are not in the content (the output cannot be written, the build
// was cancelled).
type Builder interface {
	Build(ctx context.Context, o config.Options) (BuildResult, diag.List, error)
}

// Server runs the preview server until ctx is done.
type Server interface {
	Serve(ctx context.Context, o config.Options) error
}

// Checker runs the checks that need more than the content model (links,
// anchors and images need the Markdown parse). check and release call it
// on a model with errors too, so that every fault is reported in one run.
type Checker interface {
	Check(ctx context.Context, src fs.FS, h *content.Handbook) (diag.List, error)
}

// Commands are the parts of the program that live outside this package;
// a nil one makes its sub-command say "not implemented yet".
type Commands struct {
	Build Builder
	Serve Server
	Check Checker
}

const usage = `usage:
  handbook build   [-source DIR] [-out DIR] [-drafts] [-base-url URL] [-no-minify] [-cache DIR | -no-cache] [-q]
  handbook serve   [-source DIR | -out DIR] [-addr 127.0.0.1:8080]
  handbook check   [-source DIR] [-strict] [-q]
  handbook new chapter  [-source DIR] [-edition ID] SLUG
  handbook new edition  [-source DIR] ID
  handbook release      [-source DIR] [-date YYYY-MM-DD] ID
  handbook init    [-lang fr,en] [-title TITLE] DIR
  handbook version

Flags come before arguments. "handbook COMMAND -h" lists a command's flags.
-source is the folder that holds content/ (default: the current folder).
HANDBOOK_NOW=YYYY-MM-DD sets the day the edition rules apply on (default: today).
`

// Main runs the command line args (without the program name) and returns
// the exit status: 0 success, 1 failure, 2 bad usage.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer, env Env, cmds Commands) int {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	if env.Getwd == nil {
		env.Getwd = os.Getwd
	}
	if env.IsTerminal == nil {
		env.IsTerminal = func(io.Writer) bool { return false }
	}
	r := &runner{ctx: ctx, stdout: stdout, stderr: stderr, env: env, cmds: cmds}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "build":
		return r.build(args[1:])
	case "serve":
		return r.serve(args[1:])
	case "check":
		return r.check(args[1:])
	case "new":
		if len(args) > 1 {
			switch args[1] {
			case "chapter":
				return r.newChapter(args[2:])
			case "edition":
				return r.newEdition(args[2:])
			}
		}
		fmt.Fprint(stderr, "handbook new: want \"new chapter\" or \"new edition\"\n\n"+usage)
		return exitUsage
	case "release":
		return r.release(args[1:])
	case "init":
		return r.init(args[1:])
	case "version":
		return r.version(args[1:])
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "handbook: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

// runner holds what every sub-command needs.
type runner struct {
	ctx            context.Context
	stdout, stderr io.Writer
	env            Env
	cmds           Commands
}

// command is one sub-command's flags and the arguments it wants.
type command struct {
	*flag.FlagSet
	r        *runner
	name     string // "new chapter"
	synopsis string // the arguments after the name
	nargs    int
	source   *string
}

// newCommand starts a sub-command's flags; every command but version has -source.
func (r *runner) newCommand(name, synopsis string, nargs int, withSource bool) *command {
	c := &command{FlagSet: flag.NewFlagSet("handbook "+name, flag.ContinueOnError), r: r, name: name, synopsis: synopsis, nargs: nargs}
	c.SetOutput(r.stderr)
	c.Usage = func() {
		fmt.Fprintln(r.stderr, strings.TrimSpace("usage: handbook "+name+" "+synopsis))
		c.PrintDefaults()
	}
	if withSource {
		c.source = c.String("source", ".", "the folder that holds content/ (not content/ itself), and optionally layouts/ and static/")
	}
	return c
}

// quiet adds -q: no summary line on success. CI=… in the environment is
// quiet too, as progress output is.
func (c *command) quiet() func() bool {
	q := c.Bool("q", false, "quiet: print nothing on success (also when the CI environment variable is set)")
	return func() bool { return *q || c.r.env.Getenv("CI") != "" }
}

// sourceDir is -source made absolute. A folder that holds handbook.yaml
// but no content/ is content/ itself: say which folder to give instead.
func (c *command) sourceDir() (string, int, bool) {
	dir, err := c.r.abs(*c.source)
	if err != nil {
		return "", c.fail("%v", err), false
	}
	if _, err := os.Stat(filepath.Join(dir, content.ContentDir)); errors.Is(err, fs.ErrNotExist) {
		if _, err := os.Stat(filepath.Join(dir, "handbook.yaml")); err == nil {
			return "", c.usageError("-source %s: this is the content/ folder; -source wants the folder that holds it: -source %s",
				*c.source, filepath.Dir(filepath.Clean(*c.source))), false
		}
	}
	return dir, exitOK, true
}

// parse parses args; when it returns false, the status is in code.
func (c *command) parse(args []string) (rest []string, code int, ok bool) {
	if err := c.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, exitOK, false
		}
		return nil, exitUsage, false // flag printed the error and the usage
	}
	rest = c.Args()
	if len(rest) != c.nargs {
		switch {
		case len(rest) > c.nargs && strings.HasPrefix(rest[c.nargs], "-"):
			fmt.Fprintf(c.r.stderr, "handbook %s: flags come before arguments: %s\n", c.name, rest[c.nargs])
		case c.nargs == 0:
			fmt.Fprintf(c.r.stderr, "handbook %s: unexpected argument %q\n", c.name, rest[0])
		case len(rest) < c.nargs:
			fmt.Fprintf(c.r.stderr, "handbook %s: missing argument\n", c.name)
		default:
			fmt.Fprintf(c.r.stderr, "handbook %s: too many arguments\n", c.name)
		}
		c.Usage()
		return nil, exitUsage, false
	}
	return rest, exitOK, true
}

// usageError reports a bad argument or flag value, with the usage.
func (c *command) usageError(format string, args ...any) int {
	fmt.Fprintf(c.r.stderr, "handbook %s: %s\n", c.name, fmt.Sprintf(format, args...))
	c.Usage()
	return exitUsage
}

// fail reports a failure that is not a content fault.
func (c *command) fail(format string, args ...any) int {
	fmt.Fprintf(c.r.stderr, "handbook %s: %s\n", c.name, fmt.Sprintf(format, args...))
	return exitFail
}

// abs makes p absolute against the current folder of Env.
func (r *runner) abs(p string) (string, error) {
	if filepath.IsAbs(p) {
		return filepath.Clean(p), nil
	}
	wd, err := r.env.Getwd()
	if err != nil {
		return "", fmt.Errorf("current folder: %w", err)
	}
	return filepath.Join(wd, p), nil
}

// today is the day the edition rules apply on.
func (r *runner) today() (time.Time, error) {
	return content.TodayFrom(r.env.Getenv("HANDBOOK_NOW"), time.Now())
}

// printDiags prints every diagnostic, sorted, one per line.
func (r *runner) printDiags(d diag.List) {
	for _, x := range d.Sort() {
		fmt.Fprintln(r.stderr, x.String())
	}
}
