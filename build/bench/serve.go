package bench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/chromedp"

	"example.com/handbook/build/content"
	"example.com/handbook/build/site/route"
)

// serveEdits is how many edits the memory measure makes (the browser
// measure makes Runs × 5).
const serveEdits = 100

// serveSample is one edit measured from the save: the event on a stream
// of our own, and in Chromium the new DOM and the frame after it.
type serveSample struct {
	event, received, dom, painted time.Duration
}

// servePage is a page of the served handbook and the file that shows in it.
type servePage struct {
	url, file string
}

// runServe starts `handbook serve` on src, opens the page of one chapter
// of the current edition in Chromium with two more tabs on other chapters,
// and edits that chapter runs × 5 times, measuring each save to the event
// (a stream of its own) and to the new DOM in the tab. Then it makes
// serveEdits more edits, watched by the stream alone, and compares the
// server's memory after the first and the last. It restores the chapter.
func runServe(ctx context.Context, bin, src, today string, runs int, logf func(string, ...any)) (*serveReport, error) {
	pages, err := pickPages(src, today)
	if err != nil {
		return nil, err
	}
	edited := pages[0]
	orig, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(edited.file)))
	if err != nil {
		return nil, err
	}
	defer os.WriteFile(filepath.Join(src, filepath.FromSlash(edited.file)), orig, 0o644)

	srv, err := startServe(ctx, bin, src, today)
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	logf("serving at %s; editing %s, shown at /%s", srv.root, edited.file, edited.url)

	browser, closeBrowser, err := newBrowser(ctx)
	if err != nil {
		return nil, err
	}
	defer closeBrowser()
	var tabs []context.Context
	for _, p := range pages {
		tab, cancel := chromedp.NewContext(browser)
		defer cancel()
		if _, err := chromedp.Run(tab, chromedp.Navigate(srv.root+p.url)); err != nil {
			return nil, fmt.Errorf("open %s: %w", p.url, err)
		}
		if err := waitJS(tab, `!!window.handbookServe && window.handbookServe.open`, time.Minute); err != nil {
			return nil, fmt.Errorf("%s: the reload script never connected: %w", p.url, err)
		}
		if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`window.__mark = 1, true`)); err != nil {
			return nil, err
		}
		tabs = append(tabs, tab)
	}

	stream, err := openStream(ctx, srv.root, edited.url)
	if err != nil {
		return nil, err
	}
	defer stream.close()

	r := &serveReport{file: edited.file, page: edited.url}
	// The memory is read at rest, after the first edit and after the
	// last: once the server has said, after the edit, that it collected
	// garbage and gave the free heap back (serve -v's "at rest" line).
	rests := 0
	edit := func(i int) (time.Time, error) {
		text := append(slices.Clip(orig), fmt.Sprintf("\n\nMesure de l’aperçu, modification %d.\n", i)...)
		stream.drain()
		rests = srv.restsSoFar()
		saved := time.Now()
		return saved, os.WriteFile(filepath.Join(src, filepath.FromSlash(edited.file)), text, 0o644)
	}
	r.cpuStart, _ = procCPU(srv.pid)
	for i := range runs * 5 {
		saved, err := edit(i)
		if err != nil {
			return nil, err
		}
		at, err := stream.waitUpdate(30 * time.Second)
		if err != nil {
			return nil, fmt.Errorf("edit %d: %w", i+1, err)
		}
		marker := fmt.Sprintf("modification %d.", i)
		// The cheap tests first: innerText lays the page out.
		if err := waitJS(tabs[0], `!!window.handbookServe.last && window.handbookServe.last.painted > 0 && window.handbookServe.last.replaced > `+ms3(saved)+` && document.querySelector("main").innerText.includes(`+strconv.Quote(marker)+`)`, 30*time.Second); err != nil {
			return nil, fmt.Errorf("edit %d: the tab never showed it: %w", i+1, err)
		}
		type last struct{ Received, Parsed, Swapped, LaidOut, Enhanced, Replaced, Painted float64 }
		l, err := chromedp.Run(tabs[0], chromedp.Evaluate[last](`(({last: l, steps: s}) => ({Received: l.received, Parsed: s.parsed || 0, Swapped: s.swapped || 0, LaidOut: s.laidOut || 0, Enhanced: s.enhanced || 0, Replaced: l.replaced, Painted: l.painted}))(window.handbookServe)`))
		if err != nil {
			return nil, err
		}
		s := serveSample{event: at.Sub(saved), received: sinceMs(saved, l.Received), dom: sinceMs(saved, l.Replaced), painted: sinceMs(saved, l.Painted)}
		r.samples = append(r.samples, s)
		// The steps inside the tab, for who cuts the path next: parsing the
		// pushed HTML, replacing the nodes, the layout that restoring the
		// scroll position forces, main.js enhancing the new content.
		logf("edit %d: event %v (in the tab %v), new DOM %v, painted %v; in the tab: parse %v, swap %v, layout %v, enhance %v", i+1,
			round01(s.event), round01(s.received), round01(s.dom), round01(s.painted),
			round01(sinceMs(saved, l.Parsed)-s.received), round01(sinceMs(saved, l.Swapped)-sinceMs(saved, l.Parsed)),
			round01(sinceMs(saved, l.LaidOut)-sinceMs(saved, l.Swapped)), round01(sinceMs(saved, l.Enhanced)-sinceMs(saved, l.LaidOut)))
		if i == 0 {
			// At rest, as after the last edit below.
			if err := srv.waitRest(rests, time.Minute); err != nil {
				return nil, err
			}
			r.rssFirst, _ = procRSS(srv.pid)
			r.liveFirst = srv.live()
		}
		time.Sleep(150 * time.Millisecond) // one save, then the author reads
	}
	r.cpuEnd, _ = procCPU(srv.pid)
	for _, tab := range tabs {
		type count struct {
			Mark    bool
			Events  int
			Updates int
		}
		c, err := chromedp.Run(tab, chromedp.Evaluate[count](`({Mark: window.__mark === 1, Events: window.handbookServe.events, Updates: window.handbookServe.updates})`))
		if err != nil {
			return nil, err
		}
		if !c.Mark {
			r.navigations++
		}
		r.tabEvents = append(r.tabEvents, c.Events)
	}

	for i := range serveEdits {
		if _, err := edit(runs*5 + i); err != nil {
			return nil, err
		}
		if _, err := stream.waitUpdate(30 * time.Second); err != nil {
			return nil, fmt.Errorf("memory edit %d: %w", i+1, err)
		}
		// The tab fetches the new page, as it would.
		if err := waitJS(tabs[0], `window.handbookServe.updates >= `+strconv.Itoa(runs*5+i+1), 30*time.Second); err != nil {
			return nil, fmt.Errorf("memory edit %d: %w", i+1, err)
		}
	}
	if err := srv.waitRest(rests, time.Minute); err != nil {
		return nil, err
	}
	r.rssLast, _ = procRSS(srv.pid)
	r.liveLast = srv.live()
	r.edits = runs*5 + serveEdits
	return r, nil
}

func ms3(t time.Time) string { return strconv.FormatFloat(float64(t.UnixMicro())/1000, 'f', 3, 64) }

// sinceMs is the time from t to an epoch time in milliseconds (a browser's
// performance.timeOrigin + performance.now()).
func sinceMs(t time.Time, epochMs float64) time.Duration {
	return time.Duration(epochMs*float64(time.Millisecond)) - time.Duration(t.UnixNano())
}

func round01(d time.Duration) time.Duration { return d.Round(100 * time.Microsecond) }

// pickPages chooses three chapters of the current edition, in the
// reference language: the middle one (edited) and the first and last.
func pickPages(src, today string) ([]servePage, error) {
	day, err := time.Parse(time.DateOnly, today)
	if err != nil {
		return nil, err
	}
	root, err := content.OpenSource(src)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	h, dl := content.Validate(content.ReadTree(root.FS()), content.LoadOptions{Today: day, Drafts: true})
	if dl.HasErrors() || h.Current == nil {
		return nil, fmt.Errorf("-serve: the handbook does not load: %v", dl.Errors())
	}
	lang := h.Settings.Reference()
	var chapters []*content.Chapter
	for _, c := range h.Current.Chapters {
		if c.Texts[lang] != nil {
			chapters = append(chapters, c)
		}
	}
	if len(chapters) < 3 {
		return nil, fmt.Errorf("-serve: the current edition has %d chapters, want at least 3", len(chapters))
	}
	var out []servePage
	for _, c := range []*content.Chapter{chapters[len(chapters)/2], chapters[0], chapters[len(chapters)-1]} {
		out = append(out, servePage{url: route.Stable(lang, c.Slug), file: c.Texts[lang].File})
	}
	return out, nil
}

// serveProc is a running `handbook serve`.
type serveProc struct {
	cmd  *exec.Cmd
	pid  int
	root string // "http://127.0.0.1:PORT/"
	done chan error

	mu     sync.Mutex
	liveMB float64 // the live heap its last -v "at rest" line gave
	rests  int     // how many "at rest" lines it wrote
}

var (
	servingAt    = regexp.MustCompile(`Serving .* at (http://[^ ]+/)[a-z]{2,3}(-[a-z0-9]+)?/\n`)
	liveHeapLine = regexp.MustCompile(`^at rest: live heap ([0-9.]+) MB`)
)

// restsSoFar returns how many times the server said it was at rest.
func (p *serveProc) restsSoFar() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.rests
}

// waitRest waits until the server says it is at rest for the n+1st time:
// it collected garbage and returned the free heap after the last save.
func (p *serveProc) waitRest(n int, limit time.Duration) error {
	for deadline := time.Now().Add(limit); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if p.restsSoFar() > n {
			return nil
		}
	}
	return fmt.Errorf("the server never came to rest within %v", limit)
}

// live returns the live heap the server last logged at rest (after a
// full collection), in MiB.
func (p *serveProc) live() float64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.liveMB
}

func startServe(ctx context.Context, bin, src, today string) (*serveProc, error) {
	cmd := exec.CommandContext(ctx, bin, "serve", "-v", "-source", src, "-addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "HANDBOOK_NOW="+today)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &serveProc{cmd: cmd, pid: cmd.Process.Pid, done: make(chan error, 1)}
	found := make(chan string, 1)
	go func() {
		br := bufio.NewReader(out)
		for {
			line, err := br.ReadString('\n')
			if m := liveHeapLine.FindStringSubmatch(line); m != nil {
				if f, err := strconv.ParseFloat(m[1], 64); err == nil {
					p.mu.Lock()
					p.liveMB = f
					p.rests++
					p.mu.Unlock()
				}
			}
			if m := servingAt.FindStringSubmatch(line); m != nil {
				select {
				case found <- m[1]:
				default:
				}
			}
			if err != nil {
				break
			}
		}
		p.done <- cmd.Wait()
	}()
	select {
	case p.root = <-found:
		return p, nil
	case err := <-p.done:
		return nil, fmt.Errorf("handbook serve ended before serving: %v", err)
	case <-time.After(5 * time.Minute):
		p.stop()
		return nil, errors.New("handbook serve did not start within 5 minutes")
	}
}

func (p *serveProc) stop() {
	p.cmd.Process.Signal(os.Interrupt)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		p.cmd.Process.Kill()
	}
}

// stream is an event stream of the preview, read as the reload script
// reads it.
type stream struct {
	resp    *http.Response
	page    string
	updates chan time.Time // when each update event for page came
	once    sync.Once
}

func openStream(ctx context.Context, root, page string) (*stream, error) {
	// The generation the page was rendered from: a stale one gets an
	// update at once, which drain then drops.
	resp, err := http.Get(root + page)
	if err != nil {
		return nil, err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`data-gen="(\d+)"`).FindSubmatch(body)
	if m == nil {
		return nil, fmt.Errorf("%s%s: no reload script in the page", root, page)
	}
	req, err := http.NewRequestWithContext(ctx, "GET", root+"_handbook/events?page="+page+"&gen="+string(m[1]), nil)
	if err != nil {
		return nil, err
	}
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	s := &stream{resp: resp, page: page, updates: make(chan time.Time, 1024)}
	go func() {
		sc := bufio.NewScanner(resp.Body)
		// An update carries its page's <main>: lines longer than a
		// Scanner's default.
		sc.Buffer(make([]byte, 64<<10), 64<<20)
		name := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: ") && name == "update":
				if strings.Contains(line, strconv.Quote(page)) {
					s.updates <- time.Now()
				}
			case line == "":
				name = ""
			}
		}
		close(s.updates)
	}()
	return s, nil
}

// drain drops the events already received.
func (s *stream) drain() {
	for {
		select {
		case <-s.updates:
		default:
			return
		}
	}
}

func (s *stream) waitUpdate(limit time.Duration) (time.Time, error) {
	select {
	case at, ok := <-s.updates:
		if !ok {
			return time.Time{}, errors.New("the event stream ended")
		}
		return at, nil
	case <-time.After(limit):
		return time.Time{}, fmt.Errorf("no update event for %s within %v", s.page, limit)
	}
}

func (s *stream) close() { s.once.Do(func() { s.resp.Body.Close() }) }

// newBrowser starts headless Chromium.
func newBrowser(ctx context.Context) (context.Context, func(), error) {
	exe := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			exe = p
			break
		}
	}
	if exe == "" {
		return nil, nil, errors.New("-serve needs Chromium (apt-get install chromium)")
	}
	dir, err := os.MkdirTemp("", "handbook-bench-chromium-")
	if err != nil {
		return nil, nil, err
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.WithoutCancel(ctx),
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(dir),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-renderer-backgrounding", true), chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.WindowSize(1280, 900))
	bctx, cancel := chromedp.NewContext(actx)
	if _, err := chromedp.Run(bctx, chromedp.Navigate("about:blank")); err != nil {
		cancel()
		cancelAlloc()
		os.RemoveAll(dir)
		return nil, nil, fmt.Errorf("start chromium: %w", err)
	}
	return bctx, func() { cancel(); cancelAlloc(); os.RemoveAll(dir) }, nil
}

// waitJS waits until expr is true in the tab. The page itself checks it
// every 5 ms, and answers once: polling
// from here, one DevTools round trip every few milliseconds, would keep
// the browser busy while it works on the very update being timed. The
// times measured come from the page's own clock, not from this wait. A
// page that reloads ends the evaluation, which is then tried again.
func waitJS(tab context.Context, expr string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	wait := `new Promise((done) => {
		const end = Date.now() + 5000;
		const check = () => {
			let ok = false;
			try { ok = !!(` + expr + `); } catch (e) {}
			if (ok || Date.now() > end) done(ok);
			else setTimeout(check, 5);
		};
		check();
	})`
	var last error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(tab, chromedp.Evaluate[bool](wait, chromedp.EvalAwaitPromise))
		if err == nil && ok {
			return nil
		}
		last = err
		if err != nil {
			time.Sleep(10 * time.Millisecond)
		}
	}
	return fmt.Errorf("%s never true (last error %v)", expr, last)
}

// procRSS is a process's resident set size in bytes (Linux).
func procRSS(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for l := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb * 1024, err
		}
	}
	return 0, errors.New("no VmRSS")
}

// procCPU is a process's user and system time so far (Linux, in clock
// ticks of 10 ms).
func procCPU(pid int) ([2]time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return [2]time.Duration{}, err
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return [2]time.Duration{}, errors.New("short stat")
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	k, _ := strconv.ParseInt(f[12], 10, 64)
	return [2]time.Duration{time.Duration(u) * 10 * time.Millisecond, time.Duration(k) * 10 * time.Millisecond}, nil
}

// serveReport is what runServe measured.
type serveReport struct {
	file, page        string
	samples           []serveSample
	navigations       int   // tabs that loaded a new document during the edits
	tabEvents         []int // events each tab received (edited first)
	rssFirst, rssLast int64
	// liveFirst, liveLast: the live heap (MiB) after a full collection,
	// at rest after the first and the last edit.
	liveFirst, liveLast float64
	edits               int
	cpuStart, cpuEnd    [2]time.Duration
}

func (r *serveReport) write(w io.Writer, pages int) error {
	n := len(r.samples)
	ev, recv, dom, paint := make([]time.Duration, n), make([]time.Duration, n), make([]time.Duration, n), make([]time.Duration, n)
	for i, s := range r.samples {
		ev[i], recv[i], dom[i], paint[i] = s.event, s.received, s.dom, s.painted
	}
	med := func(ds []time.Duration) time.Duration { return median(slices.Clone(ds)) }
	mx := func(ds []time.Duration) time.Duration { return slices.Max(ds) }
	msf := func(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }
	fmt.Fprintf(w, "\nserve: %d edits of %s, shown at /%s, with two more tabs on other chapters\n", len(r.samples), r.file, r.page)
	fmt.Fprintf(w, "  save to event (own stream)   median %s, max %s\n", msf(med(ev)), msf(mx(ev)))
	fmt.Fprintf(w, "  save to event in the tab     median %s, max %s\n", msf(med(recv)), msf(mx(recv)))
	fmt.Fprintf(w, "  save to new DOM (Chromium)   median %s, max %s\n", msf(med(dom)), msf(mx(dom)))
	fmt.Fprintf(w, "  save to screen (next frame)  median %s, max %s\n", msf(med(paint)), msf(mx(paint)))
	fmt.Fprintf(w, "  navigations %d; events per tab %v\n", r.navigations, r.tabEvents)
	user, sys := r.cpuEnd[0]-r.cpuStart[0], r.cpuEnd[1]-r.cpuStart[1]
	fmt.Fprintf(w, "  server CPU over the measured edits: user %v, sys %v\n", user, sys)
	growth := 0.0
	if r.rssFirst > 0 {
		growth = float64(r.rssLast-r.rssFirst) / float64(r.rssFirst) * 100
	}
	fmt.Fprintf(w, "  server RSS after the first edit %s, after %d edits %s (%+.1f %%)\n", mb(r.rssFirst), r.edits, mb(r.rssLast), growth)
	if r.liveFirst > 0 {
		fmt.Fprintf(w, "  server live heap after the first edit %.1f MB, after %d edits %.1f MB (%+.1f %%)\n", r.liveFirst, r.edits, r.liveLast, (r.liveLast-r.liveFirst)/r.liveFirst*100)
	}
	return benchLine(w, map[string]any{
		"measure": "serve", "chapter_pages": pages, "edits": len(r.samples),
		"event_median_ms": round3(float64(med(ev)) / 1e6), "event_max_ms": round3(float64(mx(ev)) / 1e6),
		"tab_event_median_ms": round3(float64(med(recv)) / 1e6),
		"dom_median_ms":       round3(float64(med(dom)) / 1e6), "dom_max_ms": round3(float64(mx(dom)) / 1e6),
		"screen_median_ms": round3(float64(med(paint)) / 1e6), "screen_max_ms": round3(float64(mx(paint)) / 1e6),
		"navigations": r.navigations, "tab_events": r.tabEvents,
		"rss_first_mb": round3(float64(r.rssFirst) / (1 << 20)), "rss_last_mb": round3(float64(r.rssLast) / (1 << 20)), "rss_edits": r.edits,
		"live_heap_first_mb": round3(r.liveFirst), "live_heap_last_mb": round3(r.liveLast),
		"cpu_user_s": round3(user.Seconds()), "cpu_sys_s": round3(sys.Seconds()),
	})
}
