// Package config holds the options of a build, a check and the preview
// server: one struct, filled by the command line (or a program using the
// builder as a library) and read by every stage down to the renderer.
package config

import (
	"io"
	"io/fs"
	"time"
)

// Options say what to build and how. Each command reads the fields it
// needs and ignores the others.
type Options struct {
	// Source is the folder holding content/ (and optionally layouts/ and
	// static/).
	Source string
	// Layouts and Static are the default layouts and static files; the
	// source's own layouts/ and static/ override them file by file. The
	// preview server needs js/serve/reload.js in Static.
	Layouts, Static fs.FS
	// Today gives the day the edition rules apply on. A build and a check
	// ask once; the preview server asks on each rebuild, as it may run
	// past midnight. Nil means content.Today (HANDBOOK_NOW or the local
	// date).
	Today func() (time.Time, error)
	// Drafts publishes draft editions and draft chapters, marked, at their
	// permanent URLs (build -drafts, serve). A draft never becomes current.
	Drafts bool
	// BaseURL overrides handbook.yaml's base_url when set.
	BaseURL string
	// Minify minifies HTML, CSS and JavaScript.
	Minify bool
	// Preview is set by the preview server: static files are not
	// fingerprinted, search indexes are built when first asked for.
	Preview bool

	// Out is the output folder of a build; for the preview server, a built
	// folder to serve as it is instead of previewing Source.
	Out string
	// CacheDir is the folder of the build cache: chapters rendered by an
	// earlier build of the same builder are read from it. "" renders
	// everything.
	CacheDir string
	// NoCache rebuilds everything: no cache, no page reused from the
	// previous output, even when no input changed.
	NoCache bool
	// Wait makes a build wait for another build on the same Out instead of
	// refusing at once.
	Wait bool

	// Addr is the TCP address the preview server listens on.
	Addr string

	// Stdout receives results (the preview server's address and rebuild
	// notes); Stderr progress and diagnostics. Nil discards.
	Stdout, Stderr io.Writer
	// Progress asks a build for one line per stage on Stderr.
	Progress bool
}

// Day returns a Today that always gives d.
func Day(d time.Time) func() (time.Time, error) {
	return func() (time.Time, error) { return d, nil }
}
