package serve

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// watchFixture runs a watcher on a temporary source folder and collects
// the bursts it reports.
type watchFixture struct {
	dir     string
	bursts  chan []string
	stopped chan struct{}
}

// testDelay is the debounce delay of the watcher tests: longer than the
// server's, so that a loaded machine does not split the bursts the tests
// write (the pauses inside a burst are a tenth of it).
const testDelay = 200 * time.Millisecond

func startWatch(t *testing.T) *watchFixture {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"content/2024.1/images", "layouts", "static/css"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, dir, "content/2024.1/01-a.fr.md", "one\n")
	f := &watchFixture{dir: dir, bursts: make(chan []string, 100), stopped: make(chan struct{})}
	w, err := newWatcher(dir, testDelay, func(b burst) { f.bursts <- b.paths }, func(err error) { t.Errorf("watch error: %v", err) })
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		defer close(f.stopped)
		w.run(ctx)
	}()
	t.Cleanup(func() {
		cancel()
		<-f.stopped
	})
	return f
}

// next waits for the next burst.
func (f *watchFixture) next(t *testing.T) []string {
	t.Helper()
	select {
	case b := <-f.bursts:
		return b
	case <-time.After(5 * time.Second):
		t.Fatal("no change reported")
		return nil
	}
}

// quiet checks that no further burst comes.
func (f *watchFixture) quiet(t *testing.T) {
	t.Helper()
	select {
	case b := <-f.bursts:
		t.Fatalf("unexpected second burst %q: one save must give one rebuild", b)
	case <-time.After(3 * testDelay):
	}
}

func (f *watchFixture) path(rel string) string { return filepath.Join(f.dir, filepath.FromSlash(rel)) }

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestWatcher(t *testing.T) {
	pause := func() { time.Sleep(testDelay / 10) } // within one burst
	tests := []struct {
		name string
		save func(t *testing.T, f *watchFixture)
		// want lists paths the burst must hold; exact says it holds only them.
		want  []string
		exact bool
	}{
		{
			name: "several writes of one save",
			save: func(t *testing.T, f *watchFixture) {
				fh, err := os.OpenFile(f.path("content/2024.1/01-a.fr.md"), os.O_WRONLY|os.O_TRUNC, 0)
				must(t, err)
				for i := 0; i < 5; i++ {
					_, err := fh.WriteString("chunk\n")
					must(t, err)
					must(t, fh.Sync())
					pause()
				}
				must(t, fh.Close())
				must(t, os.Chmod(f.path("content/2024.1/01-a.fr.md"), 0o644))
			},
			want: []string{"content/2024.1/01-a.fr.md"}, exact: true,
		},
		{
			// os.WriteFile: truncate, then write; on a loaded machine the
			// quiet gap may fall between the two.
			name: "truncated, written after a pause longer than the quiet gap",
			save: func(t *testing.T, f *watchFixture) {
				fh, err := os.OpenFile(f.path("content/2024.1/01-a.fr.md"), os.O_WRONLY|os.O_TRUNC, 0)
				must(t, err)
				time.Sleep(2 * testDelay) // within maxDelay
				_, err = fh.WriteString("written at last\n")
				must(t, err)
				must(t, fh.Close())
			},
			want: []string{"content/2024.1/01-a.fr.md"}, exact: true,
		},
		{
			name: "write to a temporary dotfile, then rename over",
			save: func(t *testing.T, f *watchFixture) {
				tmp := f.path("content/2024.1/.01-a.fr.md.tmp1234")
				must(t, os.WriteFile(tmp, []byte("new\n"), 0o644))
				pause()
				must(t, os.Rename(tmp, f.path("content/2024.1/01-a.fr.md")))
			},
			want: []string{"content/2024.1/01-a.fr.md"}, exact: true,
		},
		{
			name: "write to a visible temporary file, then rename over",
			save: func(t *testing.T, f *watchFixture) {
				tmp := f.path("content/2024.1/01-a.fr.md.tmp")
				must(t, os.WriteFile(tmp, []byte("new\n"), 0o644))
				must(t, os.Rename(tmp, f.path("content/2024.1/01-a.fr.md")))
			},
			want: []string{"content/2024.1/01-a.fr.md"},
		},
		{
			name: "vim: probe file, backup by rename, new file",
			save: func(t *testing.T, f *watchFixture) {
				probe := f.path("content/2024.1/4913")
				must(t, os.WriteFile(probe, nil, 0o644))
				must(t, os.Remove(probe))
				swp := f.path("content/2024.1/.01-a.fr.md.swp")
				must(t, os.WriteFile(swp, []byte("swap"), 0o644))
				file, backup := f.path("content/2024.1/01-a.fr.md"), f.path("content/2024.1/01-a.fr.md~")
				must(t, os.Rename(file, backup))
				pause()
				must(t, os.WriteFile(file, []byte("saved by vim\n"), 0o644))
				must(t, os.Remove(backup))
				must(t, os.Remove(swp))
			},
			want: []string{"content/2024.1/01-a.fr.md"}, exact: true,
		},
		{
			name: "emacs lock and autosave files are ignored",
			save: func(t *testing.T, f *watchFixture) {
				must(t, os.WriteFile(f.path("content/2024.1/#01-a.fr.md#"), []byte("x"), 0o644))
				must(t, os.Symlink("user@host", f.path("content/2024.1/.#01-a.fr.md")))
				must(t, os.WriteFile(f.path("layouts/base.html"), []byte("x"), 0o644))
			},
			want: []string{"layouts/base.html"}, exact: true,
		},
		{
			name: "a folder created after start is watched",
			save: func(t *testing.T, f *watchFixture) {
				must(t, os.MkdirAll(f.path("content/2025.1/images"), 0o755))
				// Written at once: maybe before the watch on the folder is set.
				must(t, os.WriteFile(f.path("content/2025.1/01-a.fr.md"), []byte("x"), 0o644))
				must(t, os.WriteFile(f.path("content/2025.1/images/a.svg"), []byte("x"), 0o644))
			},
			want: []string{"content/2025.1/", "content/2025.1/01-a.fr.md", "content/2025.1/images/a.svg"},
		},
		{
			name: "a static file in a new subfolder",
			save: func(t *testing.T, f *watchFixture) {
				must(t, os.MkdirAll(f.path("static/fonts"), 0o755))
				must(t, os.WriteFile(f.path("static/fonts/a.woff2"), []byte("x"), 0o644))
			},
			want: []string{"static/fonts/", "static/fonts/a.woff2"}, exact: true,
		},
		{
			name: "files outside the watched folders are ignored",
			save: func(t *testing.T, f *watchFixture) {
				must(t, os.WriteFile(f.path("README.md"), []byte("x"), 0o644))
				must(t, os.MkdirAll(f.path("public/fr"), 0o755))
				must(t, os.WriteFile(f.path("static/css/site.css"), []byte("x"), 0o644))
			},
			want: []string{"static/css/site.css"}, exact: true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := startWatch(t)
			tc.save(t, f)
			got := f.next(t)
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("burst %q lacks %q", got, w)
				}
			}
			if tc.exact && !slices.Equal(got, tc.want) {
				t.Errorf("burst = %q, want %q", got, tc.want)
			}
			f.quiet(t)
		})
	}
}

// TestWatcherNewFolderLater checks that files written in a folder created
// after start are seen by later saves too (the folder is really watched).
func TestWatcherNewFolderLater(t *testing.T) {
	f := startWatch(t)
	must(t, os.MkdirAll(f.path("content/2025.1/images"), 0o755))
	f.next(t)
	must(t, os.WriteFile(f.path("content/2025.1/images/b.svg"), []byte("x"), 0o644))
	if got := f.next(t); !slices.Equal(got, []string{"content/2025.1/images/b.svg"}) {
		t.Errorf("burst = %q", got)
	}
}

// TestWatcherReplacedFolder replaces watched folders by renames (as a
// checkout or a sync tool does) and checks later saves in them are seen.
func TestWatcherReplacedFolder(t *testing.T) {
	for _, name := range []string{"content/2024.1", "layouts", "content"} {
		t.Run(name, func(t *testing.T) {
			f := startWatch(t)
			staged := f.path("staged")
			must(t, os.MkdirAll(filepath.Join(staged, "sub"), 0o755))
			must(t, os.Rename(f.path(name), f.path("old")))
			must(t, os.Rename(staged, f.path(name)))
			f.next(t)
			f.quiet(t)
			must(t, os.WriteFile(filepath.Join(f.path(name), "sub", "x.md"), []byte("x"), 0o644))
			if got, want := f.next(t), []string{name + "/sub/x.md"}; !slices.Equal(got, want) {
				t.Errorf("burst = %q, want %q", got, want)
			}
		})
	}
}

// TestWatcherCreatedTopFolder checks that layouts/ created after start is
// watched.
func TestWatcherCreatedTopFolder(t *testing.T) {
	f := startWatch(t)
	must(t, os.RemoveAll(f.path("layouts")))
	f.next(t)
	must(t, os.MkdirAll(f.path("layouts"), 0o755))
	f.next(t)
	must(t, os.WriteFile(f.path("layouts/chapter.html"), []byte("x"), 0o644))
	if got, want := f.next(t), []string{"layouts/chapter.html"}; !slices.Equal(got, want) {
		t.Errorf("burst = %q, want %q", got, want)
	}
}

// TestWatcherSteadyStream checks that a stream of events that never pauses
// is still reported, at most maxDelay apart.
func TestWatcherSteadyStream(t *testing.T) {
	f := startWatch(t)
	start := time.Now()
	stop := time.After(3 * maxDelay)
	var got []string
	for done := false; !done; {
		select {
		case <-stop:
			done = true
		case b := <-f.bursts:
			got = append(got, b...)
		default:
			must(t, os.WriteFile(f.path("content/2024.1/01-a.fr.md"), []byte(time.Now().String()), 0o644))
			time.Sleep(testDelay / 3)
		}
	}
	if len(got) == 0 {
		t.Fatalf("no burst in %v of steady writes", time.Since(start))
	}
}

func TestIgnoredName(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"01-netiquette.fr.md", false},
		{"site.css", false},
		{"images", false},
		{"4913", true},
		{"01-netiquette.fr.md~", true},
		{".01-netiquette.fr.md.swp", true},
		{"01-netiquette.fr.md.swp", true},
		{"01-netiquette.fr.md.swx", true},
		{".#01-netiquette.fr.md", true},
		{"#01-netiquette.fr.md#", true},
		{".DS_Store", true},
		{"01-netiquette.fr.md___jb_tmp___", true},
		{"49130", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ignoredName(tc.name); got != tc.want {
				t.Errorf("ignoredName(%q) = %v, want %v", tc.name, got, tc.want)
			}
		})
	}
}
