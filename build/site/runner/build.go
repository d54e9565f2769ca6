// Package runner runs a whole build: it opens the source, skips the work
// when the output was built from the same inputs (the manifest), prepares
// and plans the site (build/site), renders it over the previous output
// (reusing unchanged pages and files) and the build cache, and publishes
// the result in one atomic swap (build/output).
package runner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"example.com/handbook/build/cache"
	"example.com/handbook/build/content"
	"example.com/handbook/build/diag"
	"example.com/handbook/build/output"
	"example.com/handbook/build/site"
	"example.com/handbook/build/site/prep"
)

// BuildConfig is what `handbook build` needs.
type BuildConfig struct {
	Source  string // the folder holding content/ (and optionally layouts/, static/)
	Out     string // the output folder
	Drafts  bool
	BaseURL string
	Minify  bool
	Today   time.Time
	// Layouts and Static are the embedded defaults.
	Layouts, Static fs.FS
	// Wait makes a build wait for another build on the same Out instead of
	// refusing at once.
	Wait bool
	// Progress, when set, receives one line per stage.
	Progress io.Writer
	// Force rebuilds even when the output was built from the same inputs.
	Force bool
	// CacheDir, when set, is the folder of the build cache: chapters
	// rendered by an earlier build of this builder are read from it, not
	// rendered again. "" renders everything.
	CacheDir string
}

// Build loads the source, renders every page and publishes them to Out in
// one atomic swap. Content faults come back as diagnostics (warnings too);
// the error is non-nil when nothing was published.
func Build(ctx context.Context, cfg BuildConfig) (diag.List, error) {
	progress := func(format string, args ...any) {
		if cfg.Progress != nil {
			fmt.Fprintf(cfg.Progress, format+"\n", args...)
		}
	}
	fsys, closeFS, err := content.OpenSource(cfg.Source)
	if err != nil {
		return nil, err
	}
	defer closeFS()
	start := time.Now()
	// A source the manifest cannot read (a symlink loop, an unreadable
	// file) is never up to date: the loader then says where the fault is.
	// The builder is named by the hash of its executable, so that `go
	// run` twice is the same builder and a rebuilt one is another.
	version := BuilderVersion()
	manifest, merr := inputManifest(fsys, cfg, version)
	upToDate := func(out string) bool {
		return merr == nil && !cfg.Force && outputMatches(out, manifest)
	}
	// Recycle: the output before the previous one is written over, not
	// rebuilt from nothing; -no-cache (Force) starts from an empty folder.
	publish := output.Options{Out: cfg.Out, Source: cfg.Source, Wait: cfg.Wait, UpToDate: upToDate, Recycle: !cfg.Force}
	// Fast path: a finished output built from the same inputs (no crashed
	// or running build beside it) needs nothing, not even the lock.
	if output.Settled(publish) && upToDate(publish.Out) {
		progress("%s is up to date (no input changed)", cfg.Out)
		return nil, nil
	}
	// Content faults are found before the output is touched at all.
	h, dl := content.Load(fsys, content.LoadOptions{Today: cfg.Today, Drafts: cfg.Drafts})
	if dl.HasErrors() {
		return dl.Sort(), dl.Err()
	}
	progress("loaded %d editions in %v", len(h.Editions), time.Since(start).Round(time.Millisecond))
	opts := site.Options{Drafts: cfg.Drafts, BaseURL: cfg.BaseURL, Minify: cfg.Minify, Layouts: cfg.Layouts, Static: cfg.Static}
	var pack *cache.Pack
	if cfg.CacheDir != "" {
		// The cache only saves work: a folder that cannot be used is said,
		// and the build goes on without it.
		if pack, err = OpenDocPack(cfg.CacheDir, cfg.Source, version); err != nil {
			dl.Warnf(cfg.CacheDir, 0, "build cache not used: %v", err)
		} else {
			// Saved when the build succeeds; Close drops what a failed one
			// put.
			defer pack.Close()
			opts.Cache = prep.NewDiskDocCache(pack)
		}
	}
	s, sdl := site.New(ctx, fsys, h, opts)
	dl.Add(sdl...)
	dl = dl.Sort()
	if dl.HasErrors() {
		return dl, dl.Err()
	}
	progress("prepared %d pages in %v", s.Len(), time.Since(start).Round(time.Millisecond))
	// Under the lock, after the recovery of an interrupted build, the
	// output may turn out up to date after all (another build wrote it).
	err = output.Publish(ctx, publish, func(ctx context.Context, dir string) error {
		out := output.NewDir(dir)
		defer out.Close()
		// Under the lock the previous output is complete (recovered if a
		// build crashed): its unchanged files are linked, not rewritten.
		prev := ""
		if _, err := os.Stat(filepath.Join(cfg.Out, output.MarkerName)); err == nil && !cfg.Force {
			prev = cfg.Out
		}
		files, err := newReuser(out, dir, prev, outputIdentity(version, cfg))
		if err != nil {
			return err
		}
		if err := s.WithViews(files.page).RenderAll(ctx, files.write); err != nil {
			return err
		}
		progress("%d pages kept from the previous output, %d rendered; files: %d left in place, %d linked, %d written",
			files.keptN.Load(), files.renderedN.Load(), files.inPlaceN.Load(), files.linkedN.Load(), files.writtenN.Load())
		if err := files.finish(); err != nil {
			return err
		}
		if merr != nil {
			return nil
		}
		return out.WriteFile(ManifestName, []byte(manifest+"\n"))
	})
	if errors.Is(err, output.ErrUpToDate) {
		progress("%s is up to date (no input changed)", cfg.Out)
		return nil, nil
	}
	if err != nil {
		return dl, err
	}
	progress("wrote %s in %v", cfg.Out, time.Since(start).Round(time.Millisecond))
	if pack != nil {
		st := pack.Stats()
		progress("build cache: %d entries reused (chapters, redlines, indexes), %d computed (%d damaged entries dropped)", st.Hits, st.Misses, st.Corrupt)
		if err := pack.Save(); err != nil {
			dl.Warnf(cfg.CacheDir, 0, "build cache not saved: %v", err)
		}
	}
	return dl, nil
}
