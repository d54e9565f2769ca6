// Package serve is the preview server (handbook serve): it keeps the
// handbook's model in memory, renders pages when a browser asks for them
// (with a cache), watches the source folder, and on a change rebuilds the
// model, drops the cached pages that depend on the changed files and tells
// the browsers showing them to reload (a stylesheet is swapped in place).
// Content errors are printed and shown over the page; the last good site
// stays served meanwhile.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"time"

	"example.com/handbook/build/config"
	"example.com/handbook/build/content"
)

// DefaultAddr is where the preview listens unless told otherwise: the
// loopback interface only.
const DefaultAddr = "127.0.0.1:8080"

// withDefaults fills what the preview server needs and o leaves out: the
// current folder, DefaultAddr, discarded output, content.Today.
func withDefaults(o config.Options) config.Options {
	if o.Source == "" {
		o.Source = "."
	}
	if o.Addr == "" {
		o.Addr = DefaultAddr
	}
	if o.Stdout == nil {
		o.Stdout = io.Discard
	}
	if o.Stderr == nil {
		o.Stderr = io.Discard
	}
	if o.Today == nil {
		o.Today = content.Today
	}
	return o
}

// baseURL is the preview's own root URL, which replaces base_url in the
// served pages.
func baseURL(o config.Options) string {
	host, port, err := net.SplitHostPort(o.Addr)
	if err != nil {
		return "http://" + o.Addr + "/"
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// isLoopback reports whether addr listens only on this machine.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Run serves the preview until ctx is cancelled (Ctrl-C), then shuts down:
// the event streams end, the HTTP server stops, the watcher closes. It
// returns an error when it cannot start (source folder, address in use).
func Run(ctx context.Context, o config.Options) error {
	o = withDefaults(o)
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	// With port 0 the system chose one: links and messages use it.
	o.Addr = ln.Addr().String()
	s, err := New(ctx, o)
	if err != nil {
		ln.Close()
		return err
	}
	defer s.Close()

	stopWatch, err := s.watch(ctx)
	if err != nil {
		ln.Close()
		return err
	}
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       time.Minute,
	}
	hs.RegisterOnShutdown(s.endStreams)
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()

	fmt.Fprintf(o.Stdout, "Serving %s at %s\n", s.title(), s.homeURL())
	if !isLoopback(o.Addr) {
		fmt.Fprintf(o.Stderr, "warning: %s is not a loopback address: the preview is reachable from other machines\n", o.Addr)
	}

	var runErr error
	select {
	case <-ctx.Done():
	case runErr = <-serveErr:
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s.endStreams() // so that Shutdown need not wait for them
	if err := hs.Shutdown(sctx); err != nil && runErr == nil {
		runErr = err
	}
	stopWatch() // a rebuild in progress ends before the source closes
	if errors.Is(runErr, http.ErrServerClosed) {
		runErr = nil
	}
	return runErr
}

// watch starts watching the source folder: each burst of changes
// rebuilds the site. stop ends the watching and waits for a rebuild in
// progress; it may be called more than once.
func (s *Server) watch(ctx context.Context) (stop func(), err error) {
	idle := time.AfterFunc(time.Hour, s.releaseMemory)
	idle.Stop()
	w, err := newWatcher(s.o.Source, debounceDelay, func(b burst) {
		s.logRebuild(b, s.rebuild(ctx, b.paths))
		idle.Reset(idleRelease)
	}, func(err error) {
		fmt.Fprintf(s.o.Stderr, "watch: %v\n", err)
	})
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", s.o.Source, err)
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.run(ctx)
	}()
	return func() {
		cancel()
		<-done
		idle.Stop()
	}, nil
}

// idleRelease is how long the source stays quiet after a rebuild before
// the server gives the memory it freed back to the system.
const idleRelease = 250 * time.Millisecond

// releaseMemory collects garbage and returns the free heap to the system.
// Between saves, the heap the runtime keeps for the next rebuild (up to
// twice the live heap, GOGC) stays resident and grows the RSS by a few
// megabytes over a session while the live heap stays flat; returning it
// when the author pauses keeps the resident memory flat too. It runs
// once per pause, never between a save and its screen, since a full
// collection costs milliseconds of CPU on a large handbook.
//
// With serve -v it logs the live heap the collection found: measured at
// rest, it is what a leak of old renders would make grow from save to
// save (the figure of each save's line depends on when the last
// collection ran).
func (s *Server) releaseMemory() {
	debug.FreeOSMemory()
	if s.o.Verbose {
		fmt.Fprintf(s.o.Stdout, "at rest: live heap %s\n", liveHeap())
	}
}

// title is the handbook's title in its reference language, or the source
// folder when no site built.
func (s *Server) title() string {
	if st := s.Site(); st != nil {
		set := st.Handbook().Settings
		if t := set.Title[set.Reference()]; t != "" {
			return t
		}
	}
	if abs, err := os.Getwd(); err == nil && s.o.Source == "." {
		return abs
	}
	return s.o.Source
}

// homeURL is the URL of the reference language's home page.
func (s *Server) homeURL() string {
	u := baseURL(s.o)
	if st := s.Site(); st != nil {
		u += st.Handbook().Settings.Reference() + "/"
	}
	return u
}
