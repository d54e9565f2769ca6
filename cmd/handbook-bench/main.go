// Command handbook-bench measures the handbook builder on a generated
// handbook, and optionally Hugo on the same corpus. See build/bench.
//
//	handbook-bench [-chapters N] [-editions E] [-langs fr,en] [-runs 3] [-hugo]
//	               [-cold-only] [-settle 3s] [-handbook BIN] [-source DIR] [-keep DIR]
//	               [-changed 0.05] [-seed 1] [-serve]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"time"

	"example.com/handbook/build/bench"
)

func main() {
	var o bench.RunOptions
	var langs string
	flag.IntVar(&o.Gen.Chapters, "chapters", 500, "chapters per edition")
	flag.IntVar(&o.Gen.Editions, "editions", 2, "editions")
	flag.StringVar(&langs, "langs", "fr,en", "languages, comma-separated, the reference first")
	flag.IntVar(&o.Runs, "runs", 3, "runs of each measure (medians are reported)")
	flag.BoolVar(&o.Hugo, "hugo", false, "also time `hugo --minify` on the same corpus, paired with our cold builds")
	flag.BoolVar(&o.ColdOnly, "cold-only", false, "time cold builds and the floors only, no rebuilds")
	flag.DurationVar(&o.Settle, "settle", 3*time.Second, "wait after deleting old outputs before the next timed run, when the disk is short of room for keeping them to the end (0: none)")
	flag.StringVar(&o.Source, "source", "", "measure this handbook (a folder holding content/) instead of a generated one; it is copied, never changed")
	flag.StringVar(&o.Handbook, "handbook", "", "time this handbook binary (default: built from this module with go build)")
	flag.StringVar(&o.Keep, "keep", "", "write the generated corpus (and Hugo site) to this new folder and keep it")
	flag.Float64Var(&o.Gen.ChangedFraction, "changed", 0.05, "share of chapters that change between consecutive editions")
	flag.Int64Var(&o.Gen.Seed, "seed", 1, "seed of the generator")
	flag.BoolVar(&o.Serve, "serve", false, "measure the preview server instead of builds: save to event and save to screen in Chromium over runs × 5 edits, and memory over 100 more")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: handbook-bench [flags]\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	o.Gen.Langs = strings.Split(langs, ",")
	if o.Gen.ChangedFraction == 0 {
		o.Gen.ChangedFraction = -1 // -changed 0: no chapter changes (0 means the default to the library)
	}
	if o.Settle == 0 {
		o.Settle = -1 // -settle 0: no wait (0 means the default to the library)
	}
	o.Log = os.Stderr

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := bench.Run(ctx, o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "handbook-bench:", err)
		stop()
		os.Exit(1)
	}
}
