package wire

import (
	"context"
	"io/fs"

	"example.com/handbook/build/config"
	"example.com/handbook/build/serve"
)

type server struct{ layouts, static fs.FS }

func (s server) Serve(ctx context.Context, o config.Options) error {
	if o.Out != "" {
		return serve.RunBuilt(ctx, o)
	}
	o.Layouts, o.Static = s.layouts, s.static
	return serve.Run(ctx, o)
}
