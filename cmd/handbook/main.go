// Command handbook turns a folder of Markdown chapters into a published,
// versioned, searchable, bilingual policy handbook. See README.md.
//
// This file only wires the process to build/cli, where the commands live.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"example.com/handbook/build/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	cmds := cli.Commands{
		// LEAD: plug the site builder, the preview server and the link
		// checker in here, e.g.
		//   Build: site.Builder{},  // cli.Builder
		//   Serve: serve.Server{},  // cli.Server
		//   Check: site.Checker{},  // cli.Checker (links, anchors, images)
	}
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr, cli.OSEnv(), cmds)
	stop()
	os.Exit(code)
}
