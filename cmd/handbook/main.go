// Command handbook turns a folder of Markdown chapters into a published,
// versioned, searchable, bilingual policy handbook. See README.md.
//
// This file only wires the process to build/cli, where the commands live,
// and build/wire, which connects them to the builder and the server.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	handbook "example.com/handbook"
	"example.com/handbook/build/cli"
	"example.com/handbook/build/wire"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	cmds := wire.Commands(handbook.Layouts(), handbook.Static())
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr, cli.OSEnv(), cmds)
	stop()
	os.Exit(code)
}
