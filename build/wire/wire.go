// Package wire connects the command line (build/cli) to the builder
// (build/site) and the preview server (build/serve), so that cmd/handbook
// holds nothing but the process's entry point.
package wire

import (
	"context"
	"fmt"
	"io/fs"

	"example.com/handbook/build/cli"
	"example.com/handbook/build/content"
	"example.com/handbook/build/diag"
	"example.com/handbook/build/site"
	"example.com/handbook/build/site/runner"
)

// Commands returns the sub-commands that live outside build/cli, using
// layouts and static as the default layouts and static files.
func Commands(layouts, static fs.FS) cli.Commands {
	return cli.Commands{
		Build: builder{layouts, static},
		Check: checker{layouts, static},
		Serve: server{layouts, static},
	}
}

type builder struct{ layouts, static fs.FS }

func (b builder) Build(ctx context.Context, o cli.BuildOptions) (cli.BuildResult, error) {
	cfg := runner.BuildConfig{
		Source: o.Source, Out: o.Out, Drafts: o.Drafts, BaseURL: o.BaseURL, Minify: o.Minify,
		Today: o.Today, Layouts: b.layouts, Static: b.static, Force: o.NoCache, CacheDir: o.CacheDir,
	}
	if o.Progress {
		cfg.Progress = o.Stderr
	}
	dl, err := runner.Build(ctx, cfg)
	for _, d := range dl {
		if d.Warning {
			fmt.Fprintln(o.Stderr, d)
		}
	}
	return cli.BuildResult{}, err
}

type checker struct{ layouts, static fs.FS }

func (c checker) Check(ctx context.Context, src fs.FS, h *content.Handbook) diag.List {
	return site.Check(ctx, src, h, site.Options{Drafts: true, Layouts: c.layouts, Static: c.static})
}
