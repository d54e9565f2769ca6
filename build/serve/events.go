package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"example.com/handbook/build/diag"
)

// Server-Sent Events sent to the reload script (static/js/serve/reload.js):
//
//	event: update  data: {"pages":["fr/netiquette/"], "save":7, "report":true,
//	                      "gen":7, "shell":"…", "title":"…", "banner":"<div…", "since":"<div…", "main":"<main…"}
//	event: reload  data: {"all":true, "save":7}
//	event: css     data: {"files":["assets/css/site.css"]}
//	event: errors  data: {"errors":[{"path":..., "line":..., "message":..., "text":"path:line: message"}]}
//
// update goes only to the tabs whose page changed (one page each): the tab
// replaces <main>, the title and the banner in place with those the event
// carries (or, when it carries none, with those of its page fetched
// again), or reloads when the rest of the page (its shell) changed too.
// reload (a script, a font or an image changed) reloads every tab. save
// numbers the rebuild, so that the tab can report its timings for it
// (report: the server logs them, with serve -v). An empty errors list
// removes the overlay.
type event struct {
	name string
	data []byte
}

type reloadData struct {
	All    bool     `json:"all,omitempty"`
	Pages  []string `json:"pages,omitempty"`
	Save   uint64   `json:"save,omitempty"`
	Report bool     `json:"report,omitempty"`
	// The new page's parts, when the server rendered it before telling
	// (see Server.prerender): the tab replaces its own with them at once,
	// with no request. Without them, the tab fetches its page.
	Gen    uint64 `json:"gen,omitempty"`
	Shell  string `json:"shell,omitempty"`
	Title  string `json:"title,omitempty"`
	Banner string `json:"banner,omitempty"`
	Since  string `json:"since,omitempty"`
	Main   string `json:"main,omitempty"`
}

type cssData struct {
	Files []string `json:"files"`
}

type errorItem struct {
	Path    string `json:"path"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
	Text    string `json:"text"`
}

type errorsData struct {
	Errors []errorItem `json:"errors"`
}

func newEvent(name string, v any) event {
	// HTML in an update is sent as it is, not with <, > and & escaped:
	// a page's <main> is mostly markup. JSON escapes the line breaks, so
	// the data stays on one line of the stream.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // plain structs of strings
	}
	return event{name: name, data: bytes.TrimSuffix(buf.Bytes(), []byte("\n"))}
}

func errorsEvent(dl diag.List) event {
	items := make([]errorItem, 0, len(dl))
	for _, d := range dl {
		items = append(items, errorItem{Path: d.Path, Line: d.Line, Message: d.Message, Text: d.String()})
	}
	return newEvent("errors", errorsData{Errors: items})
}

// subscriber is one open event stream: a browser tab showing page.
type subscriber struct {
	page string
	ch   chan event
	// gone is closed when the subscriber fell behind: its stream ends, and
	// the browser reconnects and is told then whether its page is stale.
	gone chan struct{}
	once sync.Once
}

func (s *subscriber) kick() { s.once.Do(func() { close(s.gone) }) }

// broker keeps the open event streams.
type broker struct {
	mu   sync.Mutex
	subs map[*subscriber]bool
}

func newBroker() *broker { return &broker{subs: map[*subscriber]bool{}} }

func (b *broker) subscribe(page string) *subscriber {
	s := &subscriber{page: page, ch: make(chan event, 16), gone: make(chan struct{})}
	b.mu.Lock()
	b.subs[s] = true
	b.mu.Unlock()
	return s
}

func (b *broker) unsubscribe(s *subscriber) {
	b.mu.Lock()
	delete(b.subs, s)
	b.mu.Unlock()
}

// pages returns the pages the open streams show, sorted, without repeats.
func (b *broker) pages() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for s := range b.subs {
		out = append(out, s.page)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// sendPages queues on each stream showing one of pages the event that
// makeEvent returns for its page, without blocking; the other streams get
// nothing. It returns how many streams it queued on.
func (b *broker) sendPages(pages []string, makeEvent func(page string) event) int {
	want := map[string]*event{}
	for _, p := range pages {
		want[p] = nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	n := 0
	for s := range b.subs {
		ev, ok := want[s.page]
		if !ok {
			continue
		}
		if ev == nil {
			e := makeEvent(s.page)
			ev = &e
			want[s.page] = ev
		}
		sendTo(s, *ev)
		n++
	}
	return n
}

// send queues ev on every stream without blocking.
func (b *broker) send(ev event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for s := range b.subs {
		sendTo(s, ev)
	}
}

func sendTo(s *subscriber, ev event) {
	select {
	case s.ch <- ev:
	default:
		s.kick()
	}
}

// count returns the number of open streams.
func (b *broker) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.subs)
}

// keepAlive is how often an idle stream gets a comment line, so that
// proxies and the browser keep it open.
const keepAlive = 20 * time.Second

// serveEvents streams events to one browser tab. The query names the page
// it shows and the generation of the site the page was rendered from.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	page := r.URL.Query().Get("page")
	gen, _ := strconv.ParseUint(r.URL.Query().Get("gen"), 10, 64)
	sub := s.subscribe(page, gen)
	defer s.events.unsubscribe(sub)

	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	// Reconnect quickly when the server restarts.
	if _, err := fmt.Fprint(w, "retry: 500\n\n"); err != nil {
		return
	}
	fl.Flush()
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case ev := <-sub.ch:
			if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data); err != nil {
				return
			}
			fl.Flush()
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil {
				return
			}
			fl.Flush()
		case <-sub.gone:
			return
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}
