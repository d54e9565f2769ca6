package wire

import (
	"context"
	"fmt"
	"io/fs"

	"example.com/handbook/build/cli"
)

type server struct{ layouts, static fs.FS }

func (s server) Serve(ctx context.Context, o cli.ServeOptions) error {
	return fmt.Errorf("serve: not wired yet")
}
