// Package wire connects the command line (build/cli) to the builder
// (build/site/runner, build/site) and the preview server (build/serve), so
// that cmd/handbook holds nothing but the process's entry point.
package wire

import (
	"context"
	"io/fs"

	"example.com/handbook/build/cli"
	"example.com/handbook/build/config"
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

func (b builder) Build(ctx context.Context, o config.Options) (cli.BuildResult, diag.List, error) {
	o.Layouts, o.Static = b.layouts, b.static
	res, dl, err := runner.Build(ctx, o)
	return cli.BuildResult{Files: res.Files, Pages: res.Pages, Feeds: res.Feeds, UpToDate: res.UpToDate}, dl, err
}

type checker struct{ layouts, static fs.FS }

// Check checks what a build with drafts would: the default build minifies,
// so the static files are minified too.
func (c checker) Check(ctx context.Context, src fs.FS, h *content.Handbook) (diag.List, error) {
	return site.Check(ctx, src, h, config.Options{Drafts: true, Minify: true, Layouts: c.layouts, Static: c.static})
}
