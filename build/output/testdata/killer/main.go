// Command killer publishes a site of 2,000 files whose contents depend on a
// run number, through output.Publish. TestPublishSurvivesSIGKILL runs it and
// kills it at random moments.
//
// Usage: killer OUT SOURCE RUN
package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"

	"example.com/handbook/build/output"
)

// files is the number of files of a site; fileName and fileContent must stay
// in step with the test's copies.
const files = 2000

func fileName(i int) string { return fmt.Sprintf("d%02d/f%04d.txt", i%40, i) }

func fileContent(run, i int) string {
	return strings.Repeat(fmt.Sprintf("run %d file %d\n", run, i), 1+(run*7+i)%50)
}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: killer OUT SOURCE RUN")
		os.Exit(2)
	}
	run, err := strconv.Atoi(os.Args[3])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	err = output.Publish(context.Background(), output.Options{Out: os.Args[1], Source: os.Args[2]}, func(ctx context.Context, dir string) error {
		const workers = 4
		errs := make([]error, workers)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for i := w; i < files; i += workers {
					if err := output.WriteFile(dir, fileName(i), []byte(fileContent(run, i))); err != nil {
						errs[w] = err
						return
					}
				}
			})
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				return err
			}
		}
		return output.WriteFile(dir, "run.txt", []byte(strconv.Itoa(run)))
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
