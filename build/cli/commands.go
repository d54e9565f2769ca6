package cli

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"example.com/handbook/build/config"
	"example.com/handbook/build/content"
	"example.com/handbook/build/diag"
	"example.com/handbook/build/internal/version"
)

// build parses the flags of "handbook build" and hands them to the Builder.
func (r *runner) build(args []string) int {
	c := r.newCommand("build", "[-source DIR] [-out DIR] [-drafts] [-base-url URL] [-no-minify] [-cache DIR | -no-cache] [-q]", 0, true)
	out := c.String("out", "public", "the output folder, relative to the current folder")
	drafts := c.Bool("drafts", false, "include draft editions and chapters, marked as drafts")
	baseURL := c.String("base-url", "", "the absolute URL the site is published at (overrides handbook.yaml's base_url)")
	noMinify := c.Bool("no-minify", false, "do not minify HTML, CSS and JavaScript")
	cacheDir := c.String("cache", "", "the folder of the render cache (default: the user's cache folder)")
	noCache := c.Bool("no-cache", false, "render everything, without reading or writing the cache")
	quiet := c.quiet()
	_, code, ok := c.parse(args)
	if !ok {
		return code
	}
	if *cacheDir != "" && *noCache {
		return c.usageError("-cache and -no-cache exclude each other")
	}
	if *baseURL != "" {
		u, err := url.Parse(*baseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return c.usageError("-base-url: want an absolute http or https URL, got %q", *baseURL)
		}
		if !strings.HasSuffix(*baseURL, "/") {
			*baseURL += "/"
		}
	}
	today, err := r.today()
	if err != nil {
		return c.usageError("%v", err)
	}
	o := config.Options{Drafts: *drafts, BaseURL: *baseURL, Minify: !*noMinify, NoCache: *noCache,
		Today: config.Day(today), Stdout: r.stdout, Stderr: r.stderr,
		Progress: r.env.IsTerminal(r.stderr) && r.env.Getenv("CI") == ""}
	if o.Source, code, ok = c.sourceDir(); !ok {
		return code
	}
	for _, p := range []struct {
		dst *string
		src string
	}{{&o.Out, *out}, {&o.CacheDir, *cacheDir}} {
		if p.src == "" {
			continue
		}
		if *p.dst, err = r.abs(p.src); err != nil {
			return c.fail("%v", err)
		}
	}
	if o.CacheDir == "" && !o.NoCache && r.env.UserCacheDir != nil {
		// No user cache folder (no $HOME): build without a cache.
		if dir, err := r.env.UserCacheDir(); err == nil {
			o.CacheDir = filepath.Join(dir, "handbook")
		}
	}
	if r.cmds.Build == nil {
		return c.fail("not implemented yet")
	}
	start := time.Now()
	res, dl, err := r.cmds.Build.Build(r.ctx, o)
	r.printDiags(dl)
	if err == nil && dl.HasErrors() {
		return exitFail
	}
	if code := r.report(c, err); code != exitOK || quiet() {
		return code
	}
	took := time.Since(start).Seconds()
	if res.UpToDate {
		fmt.Fprintf(r.stderr, "up to date: no input changed since the last build (%.2f s) → %s\n", took, r.shortPath(o.Out))
		return exitOK
	}
	fmt.Fprintf(r.stderr, "built %s (%s, %s) in %.2f s → %s\n", plural(res.Files, "file"), plural(res.Pages, "page"), plural(res.Feeds, "feed"), took, r.shortPath(o.Out))
	return exitOK
}

// shortPath is p relative to the current folder when it lies inside it,
// with a final separator since it names a folder; else p.
func (r *runner) shortPath(p string) string {
	if wd, err := r.env.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, p); err == nil && filepath.IsLocal(rel) {
			p = rel
		}
	}
	return p + string(filepath.Separator)
}

// serve parses the flags of "handbook serve" and hands them to the Server.
func (r *runner) serve(args []string) int {
	c := r.newCommand("serve", "[-source DIR | -out DIR] [-addr 127.0.0.1:8080]", 0, true)
	addr := c.String("addr", "127.0.0.1:8080", "the address to listen on (host:port)")
	out := c.String("out", "", "serve this built output folder as a web server would, under its base_url's path, instead of previewing -source")
	if _, code, ok := c.parse(args); !ok {
		return code
	}
	o := config.Options{Addr: *addr, Stdout: r.stdout, Stderr: r.stderr, Today: r.today}
	var err error
	if *out != "" {
		if *c.source != "." {
			return c.usageError("-source and -out exclude each other: -out serves a built folder")
		}
		if o.Out, err = r.abs(*out); err != nil {
			return c.fail("%v", err)
		}
	} else {
		if _, err := r.today(); err != nil {
			return c.usageError("%v", err)
		}
		var code int
		var ok bool
		if o.Source, code, ok = c.sourceDir(); !ok {
			return code
		}
	}
	if r.cmds.Serve == nil {
		return c.fail("not implemented yet")
	}
	return r.report(c, r.cmds.Serve.Serve(r.ctx, o))
}

// report turns a Builder's or Server's error into the exit status.
func (r *runner) report(c *command, err error) int {
	if err == nil {
		return exitOK
	}
	if d, ok := diag.AsList(err); ok {
		r.printDiags(d)
		return exitFail
	}
	if r.ctx.Err() != nil {
		return c.fail("interrupted")
	}
	return c.fail("%v", err)
}

// check validates the content: every error and warning on stderr.
func (r *runner) check(args []string) int {
	c := r.newCommand("check", "[-source DIR] [-strict] [-q]", 0, true)
	strict := c.Bool("strict", false, "fail on warnings too")
	quiet := c.quiet()
	if _, code, ok := c.parse(args); !ok {
		return code
	}
	s, code, ok := r.open(c)
	if !ok {
		return code
	}
	defer s.close()
	h, d, err := r.loadAll(s)
	if err != nil {
		return r.report(c, err)
	}
	r.printDiags(d)
	if d.HasErrors() || *strict && len(d) > 0 {
		return exitFail
	}
	if !quiet() {
		fmt.Fprintf(r.stdout, "ok: %s\n", checkSummary(h, d))
	}
	return exitOK
}

// checkSummary counts what check read: "11 chapters × 2 languages × 3
// editions, 0 errors, 2 warnings". Chapters are counted by slug over every
// edition.
func checkSummary(h *content.Handbook, d diag.List) string {
	slugs := map[string]bool{}
	for _, e := range h.Editions {
		for _, ch := range e.Chapters {
			slugs[ch.Slug] = true
		}
	}
	warnings := len(d) - len(d.Errors())
	return fmt.Sprintf("%s × %s × %s, %s, %s",
		plural(len(slugs), "chapter"), plural(len(h.Settings.Languages), "language"), plural(len(h.Editions), "edition"),
		plural(len(d.Errors()), "error"), plural(warnings, "warning"))
}

// plural is "1 edition", "3 editions", "0 errors".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// version prints the version of the program.
func (r *runner) version(args []string) int {
	c := r.newCommand("version", "", 0, false)
	if _, code, ok := c.parse(args); !ok {
		return code
	}
	fmt.Fprintf(r.stdout, "handbook %s\n", version.Of().Release)
	return exitOK
}

// source is the opened source folder.
type source struct {
	root *os.Root
	dir  string
	opts content.LoadOptions
}

func (s *source) close() { s.root.Close() }

// open opens the -source folder through os.Root: reads and writes stay
// inside it.
func (r *runner) open(c *command) (*source, int, bool) {
	today, err := r.today()
	if err != nil {
		return nil, c.usageError("%v", err), false
	}
	dir, code, ok := c.sourceDir()
	if !ok {
		return nil, code, false
	}
	root, err := content.OpenSource(dir)
	if err != nil {
		return nil, c.fail("%v", err), false
	}
	return &source{root: root, dir: dir, opts: content.LoadOptions{Today: today, Drafts: true}}, exitOK, true
}

// loadAll loads the whole handbook, drafts included, and runs the
// Checker, on a model with errors too: every fault is reported in one
// run. The error says the command was interrupted.
func (r *runner) loadAll(s *source) (*content.Handbook, diag.List, error) {
	fsys := s.root.FS()
	h, d := content.Load(fsys, s.opts)
	if r.cmds.Check != nil {
		cd, err := r.cmds.Check.Check(r.ctx, fsys, h)
		if err != nil {
			return h, d, err
		}
		d = append(d, cd...).Sort()
	}
	return h, d, nil
}
