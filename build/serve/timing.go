package serve

import (
	"fmt"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"
)

// savesKept is how many saves the server remembers the time of, so that
// the timings a browser reports for one of them can be logged against the
// save; older reports are logged without it. Bounded, so that a long
// session does not grow.
const savesKept = 64

// saveLog remembers when recent saves happened (serve -v).
type saveLog struct {
	mu    sync.Mutex
	times map[uint64]time.Time // by save (generation)
}

func (l *saveLog) add(save uint64, at time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.times == nil {
		l.times = map[uint64]time.Time{}
	}
	l.times[save] = at
	if save > savesKept {
		delete(l.times, save-savesKept)
	}
}

func (l *saveLog) at(save uint64) (time.Time, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	t, ok := l.times[save]
	return t, ok
}

// savedAt is when the files of a burst were last written: the newest
// modification time among them, or the burst's first event when none can
// be read (all removed).
func savedAt(root string, b burst) time.Time {
	var at time.Time
	for _, p := range b.paths {
		if p == rescan {
			continue
		}
		st, err := os.Stat(filepath.Join(root, filepath.FromSlash(strings.TrimSuffix(p, "/"))))
		if err != nil || st.IsDir() {
			continue
		}
		// An mtime after the last event is a later write, not this one.
		if m := st.ModTime(); m.After(at) && !m.After(b.last) {
			at = m
		}
	}
	if at.IsZero() {
		return b.first
	}
	return at
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 1, 64) + " ms"
}

// logRebuild writes what one save did: with -v, the files read, the pages
// invalidated and the time of each step since the save; else one line.
func (s *Server) logRebuild(b burst, res rebuildResult) {
	if !res.ok {
		return // print wrote the errors
	}
	if !s.o.Verbose {
		fmt.Fprintf(s.o.Stdout, "rebuilt in %v\n", res.took.Round(time.Millisecond))
		return
	}
	saved := savedAt(s.o.Source, b)
	s.saves.add(res.save, saved)
	var w strings.Builder
	fmt.Fprintf(&w, "save %d: read %s; %d cached page(s) invalidated%s", res.save, strings.Join(b.paths, ", "), len(res.dropped), listSome(res.dropped))
	switch {
	case res.reloaded:
		w.WriteString("; every tab reloads")
	case len(res.updated) > 0:
		fmt.Fprintf(&w, "; tabs to update: %s", strings.Join(res.updated, ", "))
	default:
		w.WriteString("; no open tab shows a changed page")
	}
	if len(res.css) > 0 {
		fmt.Fprintf(&w, "; stylesheets swapped: %s", strings.Join(res.css, ", "))
	}
	fmt.Fprintf(&w, "\nsave %d: write→event %s, debounce %s, rebuild %s, event sent %s after the save; live heap %s\n", res.save,
		ms(b.last.Sub(saved)), ms(b.delivered.Sub(b.last)), ms(res.took), ms(res.sent.Sub(saved)), liveHeap())
	fmt.Fprint(s.o.Stdout, w.String())
}

// listSome lists up to a few pages, in parentheses.
func listSome(pages []string) string {
	const some = 4
	switch {
	case len(pages) == 0:
		return ""
	case len(pages) <= some:
		return " (" + strings.Join(pages, ", ") + ")"
	}
	return " (" + strings.Join(pages[:some], ", ") + ", …)"
}

// serveTiming takes a tab's report of its steps for one save (epoch
// milliseconds: event received, page fetched, DOM replaced, painted) and
// logs it with serve -v.
func (s *Server) serveTiming(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusNoContent)
	if !s.o.Verbose {
		return
	}
	q := r.URL.Query()
	save, err := strconv.ParseUint(q.Get("save"), 10, 64)
	if err != nil {
		return
	}
	at := func(k string) (time.Time, bool) {
		f, err := strconv.ParseFloat(q.Get(k), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f <= 0 {
			return time.Time{}, false
		}
		return time.UnixMicro(int64(f * 1000)), true
	}
	received, ok1 := at("received")
	fetched, ok2 := at("fetched")
	replaced, ok3 := at("replaced")
	painted, ok4 := at("painted")
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return
	}
	page := strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, q.Get("page"))
	line := fmt.Sprintf("save %d: %s: page fetched %s, DOM replaced %s, painted %s after the event", save, page,
		ms(fetched.Sub(received)), ms(replaced.Sub(fetched)), ms(painted.Sub(received)))
	if saved, ok := s.saves.at(save); ok {
		line += fmt.Sprintf("; event received %s, new DOM %s, on screen %s after the save",
			ms(received.Sub(saved)), ms(replaced.Sub(saved)), ms(painted.Sub(saved)))
	}
	fmt.Fprintln(s.o.Stdout, line)
}

// liveHeap is the heap the last garbage collection found live, which a
// leak of old renders would make grow from save to save.
func liveHeap() string {
	m := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(m)
	if m[0].Value.Kind() != metrics.KindUint64 {
		return "unknown"
	}
	return strconv.FormatFloat(float64(m[0].Value.Uint64())/(1<<20), 'f', 1, 64) + " MB"
}
