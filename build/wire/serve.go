package wire

import (
	"context"
	"io/fs"

	"example.com/handbook/build/cli"
	"example.com/handbook/build/serve"
)

type server struct{ layouts, static fs.FS }

func (s server) Serve(ctx context.Context, o cli.ServeOptions) error {
	if o.Out != "" {
		return serve.RunBuilt(ctx, serve.BuiltOptions{Dir: o.Out, Addr: o.Addr, Stdout: o.Stdout})
	}
	return serve.Run(ctx, serve.Options{
		Source: o.Source, Addr: o.Addr, Layouts: s.layouts, Static: s.static,
		Stdout: o.Stdout, Stderr: o.Stderr, Today: o.Today,
	})
}
