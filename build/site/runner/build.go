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
	"os"
	"path/filepath"
	"time"

	"example.com/handbook/build/cache"
	"example.com/handbook/build/config"
	"example.com/handbook/build/content"
	"example.com/handbook/build/diag"
	"example.com/handbook/build/internal/version"
	"example.com/handbook/build/output"
	"example.com/handbook/build/site"
	"example.com/handbook/build/site/prep"
)

// Result says what a build did.
type Result struct {
	// UpToDate is true when the output was built from the same inputs
	// already and was left as it was.
	UpToDate bool
	// Files counts every file of the output; Pages its HTML pages and
	// Feeds its RSS, Atom and JSON feeds.
	Files, Pages, Feeds int
}

// Build loads the source, renders every page and publishes them to Out in
// one atomic swap. Content faults come back as diagnostics (warnings too);
// when one is an error, nothing is published. The error is for the other
// faults (the output cannot be written, the build was cancelled).
func Build(ctx context.Context, cfg config.Options) (Result, diag.List, error) {
	progress := func(format string, args ...any) {
		if cfg.Progress && cfg.Stderr != nil {
			fmt.Fprintf(cfg.Stderr, format+"\n", args...)
		}
	}
	today := content.Today
	if cfg.Today != nil {
		today = cfg.Today
	}
	day, err := today()
	if err != nil {
		return Result{}, nil, err
	}
	root, err := content.OpenSource(cfg.Source)
	if err != nil {
		return Result{}, nil, err
	}
	fsys, closeFS := root.FS(), root.Close
	defer closeFS()
	start := time.Now()
	// A source the manifest cannot read (a symlink loop, an unreadable
	// file) is never up to date: the loader then says where the fault is.
	// The builder is named by the hash of its executable, so that `go
	// run` twice is the same builder and a rebuilt one is another.
	builder := version.Of().Builder
	manifest, merr := inputManifest(fsys, cfg, day, builder)
	upToDate := func(out string) bool {
		return merr == nil && !cfg.NoCache && outputMatches(out, manifest)
	}
	// Recycle: the output before the previous one is written over, not
	// rebuilt from nothing; -no-cache starts from an empty folder.
	publish := output.Options{Out: cfg.Out, Source: cfg.Source, Wait: cfg.Wait, UpToDate: upToDate, Recycle: !cfg.NoCache}
	// Fast path: a finished output built from the same inputs (no crashed
	// or running build beside it) needs nothing, not even the lock.
	if output.Settled(publish) && upToDate(publish.Out) {
		progress("%s is up to date (no input changed)", cfg.Out)
		return Result{UpToDate: true}, nil, nil
	}
	// Content faults are found before the output is touched at all, all
	// in one run: a model with errors still goes through the checks that
	// need the Markdown parse (links, anchors, images, layouts).
	h, dl := content.Load(fsys, content.LoadOptions{Today: day, Drafts: cfg.Drafts})
	if dl.HasErrors() {
		cdl, err := site.Check(ctx, fsys, h, cfg)
		return Result{}, append(dl, cdl...).Sort(), err
	}
	progress("loaded %d editions in %v", len(h.Editions), time.Since(start).Round(time.Millisecond))
	var (
		pack *cache.Pack
		docs *prep.DocCache
	)
	if cfg.CacheDir != "" && !cfg.NoCache {
		// The cache only saves work: a folder that cannot be used is said,
		// and the build goes on without it.
		if pack, err = OpenDocPack(cfg.CacheDir, cfg.Source, builder); err != nil {
			dl.Warnf(cfg.CacheDir, 0, "build cache not used: %v", err)
		} else {
			// Saved when the build succeeds; Close drops what a failed one
			// put.
			defer pack.Close()
			docs = prep.NewDiskDocCache(pack)
		}
	}
	s, sdl, err := site.New(ctx, fsys, h, cfg, docs)
	if err != nil {
		return Result{}, dl, err
	}
	dl.Add(sdl...)
	if !dl.HasErrors() {
		// The URLs the output published: this build keeps each of them,
		// or fails saying what to add. Read again under the lock, below.
		published, err := readPublished(cfg.Out)
		if err != nil {
			return Result{}, dl.Sort(), fmt.Errorf("%s: %w", cfg.Out, err)
		}
		var kdl diag.List
		s, kdl = s.Keep(published)
		dl.Add(kdl...)
	}
	dl = dl.Sort()
	if dl.HasErrors() {
		return Result{}, dl, nil
	}
	progress("prepared %d pages in %v", s.Len(), time.Since(start).Round(time.Millisecond))
	// Under the lock, after the recovery of an interrupted build, the
	// output may turn out up to date after all (another build wrote it).
	var res Result
	err = output.Publish(ctx, publish, func(ctx context.Context, dir string) error {
		out := output.NewDir(dir)
		defer out.Close()
		// Under the lock the previous output is complete (recovered if a
		// build crashed): its unchanged files are linked, not rewritten.
		prev := ""
		if _, err := os.Stat(filepath.Join(cfg.Out, output.MarkerName)); err == nil && !cfg.NoCache {
			prev = cfg.Out
		}
		// Another build may have published more since the list was read.
		now, err := readPublished(cfg.Out)
		if err != nil {
			return fmt.Errorf("%s: %w", cfg.Out, err)
		}
		if gone := output.Vanished(now, func(u string) bool { return s.Page(u) != nil }); len(gone) > 0 {
			return fmt.Errorf("%s: another build published %s (and %d more URLs) while this one was prepared: build again", cfg.Out, gone[0].URL, len(gone)-1)
		}
		files, err := newReuser(out, dir, prev, outputIdentity(builder, cfg.Minify))
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
		res.Files = files.files()
		if err := out.WriteFile(output.PublishedName, output.FormatPublished(s.Published())); err != nil {
			return err
		}
		if merr != nil {
			return nil
		}
		return out.WriteFile(ManifestName, []byte(manifest+"\n"))
	})
	if errors.Is(err, output.ErrUpToDate) {
		progress("%s is up to date (no input changed)", cfg.Out)
		return Result{UpToDate: true}, nil, nil
	}
	if err != nil {
		return Result{}, dl, err
	}
	res.Pages, res.Feeds = s.Counts()
	progress("wrote %s in %v", cfg.Out, time.Since(start).Round(time.Millisecond))
	if pack != nil {
		st := pack.Stats()
		progress("build cache: %d entries reused (chapters, redlines, indexes), %d computed (%d damaged entries dropped)", st.Hits, st.Misses, st.Corrupt)
		if err := pack.Save(); err != nil {
			dl.Warnf(cfg.CacheDir, 0, "build cache not saved: %v", err)
		}
	}
	return res, dl, nil
}

// readPublished reads the published list of the output folder out; none
// when out is not an output handbook wrote (no marker: nothing to keep,
// and Publish says why it will not replace it).
func readPublished(out string) ([]output.Published, error) {
	if _, err := os.Stat(filepath.Join(out, output.MarkerName)); err != nil {
		return nil, nil
	}
	return output.ReadPublished(os.DirFS(out))
}
