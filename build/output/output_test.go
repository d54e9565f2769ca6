package output

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// fixture is a temporary folder holding a source folder with its three
// protected folders; its path has its symbolic links resolved.
func fixture(t *testing.T) (root, src string) {
	t.Helper()
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", t.TempDir()) // beside root, not above it
	src = filepath.Join(root, "src")
	for _, d := range []string{"content/2024.1", "layouts", "static"} {
		mkdir(t, filepath.Join(src, d))
	}
	writeTree(t, src, map[string]string{"content/handbook.yaml": "id: x\n"})
	return root, src
}

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		if err := WriteFile(dir, name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
}

// readTree returns the files under dir by '/'-separated relative path; links
// are listed as "-> target", empty folders as "/".
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			files[rel] = "-> " + target
		case d.IsDir():
			if rel != "." {
				files[rel+"/"] = ""
			}
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files[rel] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// site returns a write callback that writes files, and records that it ran.
func site(files map[string]string, called *bool) func(context.Context, string) error {
	return func(_ context.Context, dir string) error {
		if called != nil {
			*called = true
		}
		for name, data := range files {
			if err := WriteFile(dir, name, []byte(data)); err != nil {
				return err
			}
		}
		return nil
	}
}

// withMarker returns files plus the marker and the folders WriteFile makes.
func withMarker(files map[string]string) map[string]string {
	want := map[string]string{MarkerName: markerContent}
	for name, data := range files {
		want[name] = data
		for d := filepath.ToSlash(filepath.Dir(name)); d != "."; d = filepath.ToSlash(filepath.Dir(d)) {
			want[d+"/"] = ""
		}
	}
	return want
}

func equalTrees(t *testing.T, got, want map[string]string) {
	t.Helper()
	for name, w := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("missing %s", name)
		} else if g != w {
			t.Errorf("%s = %q, want %q", name, g, w)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("unexpected %s", name)
		}
	}
}

// leftovers lists the temporary and old folders beside out.
func leftovers(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	base := filepath.Base(out)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "."+base+".tmp-") || strings.HasPrefix(e.Name(), "."+base+".old-") {
			names = append(names, e.Name())
		}
	}
	return names
}

var newSite = map[string]string{
	"index.html":               "<!doctype html><title>new</title>",
	"fr/index.html":            "fr new",
	"fr/netiquette/index.html": "netiquette new",
	"css/site.1234abcd.css":    "body{}",
}

func TestPublish(t *testing.T) {
	tests := []struct {
		name   string
		before map[string]string // nil: the output folder does not exist
		out    string            // relative to the fixture's root
	}{
		{name: "missing", out: "public"},
		{name: "missing parents", out: "a/b/public"},
		{name: "empty", out: "public", before: map[string]string{}},
		{name: "previous output", out: "public", before: map[string]string{
			MarkerName: markerContent, "index.html": "old", "fr/old-chapter/index.html": "gone",
		}},
		{name: "marker only", out: "public", before: map[string]string{MarkerName: "anything\n"}},
		{name: "inside the source", out: "src/public", before: map[string]string{MarkerName: ""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root, src := fixture(t)
			out := filepath.Join(root, tc.out)
			if tc.before != nil {
				mkdir(t, out)
				writeTree(t, out, tc.before)
			}
			if err := Publish(t.Context(), Options{Out: out, Source: src}, site(newSite, nil)); err != nil {
				t.Fatal(err)
			}
			equalTrees(t, readTree(t, out), withMarker(newSite))
			if l := leftovers(t, out); len(l) > 0 {
				t.Errorf("leftovers: %v", l)
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".lock")); err != nil {
				t.Errorf("lock file: %v", err)
			}
		})
	}
}

func TestPublishRelativeOut(t *testing.T) {
	root, src := fixture(t)
	t.Chdir(root)
	if err := Publish(t.Context(), Options{Out: "public", Source: "src"}, site(newSite, nil)); err != nil {
		t.Fatal(err)
	}
	equalTrees(t, readTree(t, filepath.Join(root, "public")), withMarker(newSite))
	t.Chdir(src)
	if err := Publish(t.Context(), Options{Out: "public"}, site(newSite, nil)); err != nil {
		t.Fatal(err)
	}
	equalTrees(t, readTree(t, filepath.Join(src, "public")), withMarker(newSite))
}

// TestPublishRefuses checks that each refused output folder leaves every file
// as it was: nothing is written, not even the lock file.
func TestPublishRefuses(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, root, src string) (out string)
		want    string // the whole message; "<out>" stands for the output folder
		kind    error
	}{
		{
			name: "foreign files",
			prepare: func(t *testing.T, root, src string) string {
				writeTree(t, filepath.Join(root, "public"), map[string]string{"index.html": "mine", "notes/todo.txt": "mine"})
				return filepath.Join(root, "public")
			},
			want: "refusing to replace <out>: it is not empty and was not written by handbook (no .handbook-output marker); choose another -out or empty it",
			kind: ErrRefused,
		},
		{
			name: "hidden foreign file",
			prepare: func(t *testing.T, root, src string) string {
				writeTree(t, filepath.Join(root, "public"), map[string]string{".htaccess": "mine"})
				return filepath.Join(root, "public")
			},
			want: "refusing to replace <out>: it is not empty and was not written by handbook (no .handbook-output marker); choose another -out or empty it",
			kind: ErrRefused,
		},
		{
			name: "marker is a folder",
			prepare: func(t *testing.T, root, src string) string {
				mkdir(t, filepath.Join(root, "public", MarkerName))
				return filepath.Join(root, "public")
			},
			want: "refusing to replace <out>: it is not empty and was not written by handbook (no .handbook-output marker); choose another -out or empty it",
			kind: ErrRefused,
		},
		{
			name: "a file",
			prepare: func(t *testing.T, root, src string) string {
				writeTree(t, root, map[string]string{"public": "a file"})
				return filepath.Join(root, "public")
			},
			want: "refusing to replace <out>: it is not a folder; choose another -out",
			kind: ErrRefused,
		},
		{
			name:    "the source",
			prepare: func(t *testing.T, root, src string) string { return src },
			want:    "refusing to replace <out>: it is the source folder; choose another -out",
			kind:    ErrRefused,
		},
		{
			name:    "the source, with a trailing slash and dots",
			prepare: func(t *testing.T, root, src string) string { return src + "/./content/../" },
			want:    "refusing to replace <out>: it is the source folder; choose another -out",
			kind:    ErrRefused,
		},
		{
			name:    "a parent of the source",
			prepare: func(t *testing.T, root, src string) string { return root },
			want:    "refusing to replace <out>: it contains the source folder <root>/src; choose another -out",
			kind:    ErrRefused,
		},
		{
			name:    "content",
			prepare: func(t *testing.T, root, src string) string { return filepath.Join(src, "content") },
			want:    "refusing to replace <out>: it lies inside the source's content/ folder; choose another -out",
			kind:    ErrRefused,
		},
		{
			name:    "inside content",
			prepare: func(t *testing.T, root, src string) string { return filepath.Join(src, "content", "2024.1") },
			want:    "refusing to replace <out>: it lies inside the source's content/ folder; choose another -out",
			kind:    ErrRefused,
		},
		{
			name:    "missing folder inside layouts",
			prepare: func(t *testing.T, root, src string) string { return filepath.Join(src, "layouts", "a", "b") },
			want:    "refusing to replace <out>: it lies inside the source's layouts/ folder; choose another -out",
			kind:    ErrRefused,
		},
		{
			name:    "static",
			prepare: func(t *testing.T, root, src string) string { return filepath.Join(src, "static") },
			want:    "refusing to replace <out>: it lies inside the source's static/ folder; choose another -out",
			kind:    ErrRefused,
		},
		{
			name: "content through a link",
			prepare: func(t *testing.T, root, src string) string {
				if err := os.Symlink(filepath.Join(src, "content"), filepath.Join(root, "link")); err != nil {
					t.Fatal(err)
				}
				return filepath.Join(root, "link", "public")
			},
			want: "refusing to replace <out>: it lies inside the source's content/ folder; choose another -out",
			kind: ErrRefused,
		},
		{
			name: "source through a link",
			prepare: func(t *testing.T, root, src string) string {
				if err := os.Symlink(src, filepath.Join(root, "link")); err != nil {
					t.Fatal(err)
				}
				return filepath.Join(root, "link")
			},
			want: "refusing to replace <out>: it is the source folder; choose another -out",
			kind: ErrRefused,
		},
		{
			name: "inside a content folder that is a link",
			prepare: func(t *testing.T, root, src string) string {
				elsewhere := filepath.Join(root, "shared", "content")
				mkdir(t, elsewhere)
				if err := os.Rename(filepath.Join(src, "content"), filepath.Join(root, "moved")); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(elsewhere, filepath.Join(src, "content")); err != nil {
					t.Fatal(err)
				}
				return filepath.Join(elsewhere, "public")
			},
			want: "refusing to replace <out>: it lies inside the source's content/ folder; choose another -out",
			kind: ErrRefused,
		},
		{
			name: "a parent of a content folder that is a link",
			prepare: func(t *testing.T, root, src string) string {
				elsewhere := filepath.Join(root, "shared", "content")
				mkdir(t, elsewhere)
				writeTree(t, filepath.Join(root, "shared"), map[string]string{MarkerName: ""})
				if err := os.RemoveAll(filepath.Join(src, "content")); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(elsewhere, filepath.Join(src, "content")); err != nil {
					t.Fatal(err)
				}
				return filepath.Join(root, "shared")
			},
			want: "refusing to replace <out>: it contains the source's content/ folder; choose another -out",
			kind: ErrRefused,
		},
		{
			name:    "the root",
			prepare: func(t *testing.T, root, src string) string { return "/" },
			want:    "refusing to replace /: it is the root of the file system; choose another -out",
			kind:    ErrRefused,
		},
		{
			name: "home",
			prepare: func(t *testing.T, root, src string) string {
				mkdir(t, filepath.Join(root, "home"))
				t.Setenv("HOME", filepath.Join(root, "home"))
				return filepath.Join(root, "home")
			},
			want: "refusing to replace <out>: it holds your home folder; choose another -out",
			kind: ErrRefused,
		},
		{
			name: "a parent of home",
			prepare: func(t *testing.T, root, src string) string {
				mkdir(t, filepath.Join(root, "users", "me"))
				t.Setenv("HOME", filepath.Join(root, "users", "me"))
				return filepath.Join(root, "users")
			},
			want: "refusing to replace <out>: it holds your home folder; choose another -out",
			kind: ErrRefused,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root, src := fixture(t)
			out := tc.prepare(t, root, src)
			before := readTree(t, root)
			called := false
			err := Publish(t.Context(), Options{Out: out, Source: src}, site(newSite, &called))
			if err == nil {
				t.Fatal("no error")
			}
			abs, _ := filepath.Abs(out)
			want := strings.NewReplacer("<out>", abs, "<root>", root).Replace(tc.want)
			if err.Error() != want {
				t.Errorf("error:\n got %s\nwant %s", err, want)
			}
			if !errors.Is(err, tc.kind) {
				t.Errorf("error %v does not match %v", err, tc.kind)
			}
			if called {
				t.Error("write was called")
			}
			equalTrees(t, readTree(t, root), before)
		})
	}
}

func TestPublishFailedWriteChangesNothing(t *testing.T) {
	errBroken := errors.New("content has errors")
	tests := []struct {
		name  string
		write func(ctx context.Context, dir string) error
		want  error
	}{
		{
			name: "write error",
			write: func(_ context.Context, dir string) error {
				writeTree(t, dir, newSite)
				return errBroken
			},
			want: errBroken,
		},
		{
			name: "cancelled during write",
			write: func(ctx context.Context, dir string) error {
				writeTree(t, dir, newSite)
				ctx.Value(cancelKey{}).(context.CancelFunc)()
				return nil
			},
			want: context.Canceled,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root, src := fixture(t)
			out := filepath.Join(root, "public")
			old := map[string]string{MarkerName: markerContent, "index.html": "old"}
			writeTree(t, out, old)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			ctx = context.WithValue(ctx, cancelKey{}, cancel)
			err := Publish(ctx, Options{Out: out, Source: src}, tc.write)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			equalTrees(t, readTree(t, out), old)
			if l := leftovers(t, out); len(l) > 0 {
				t.Errorf("leftovers: %v", l)
			}
		})
	}
}

type cancelKey struct{}

func TestPublishPanicRemovesTemp(t *testing.T) {
	root, src := fixture(t)
	out := filepath.Join(root, "public")
	func() {
		defer func() {
			if recover() == nil {
				t.Error("no panic")
			}
		}()
		Publish(t.Context(), Options{Out: out, Source: src}, func(_ context.Context, dir string) error {
			writeTree(t, dir, newSite)
			panic("boom")
		})
	}()
	if l := leftovers(t, out); len(l) > 0 {
		t.Errorf("leftovers: %v", l)
	}
	// The lock was released: the next build runs.
	if err := Publish(t.Context(), Options{Out: out, Source: src}, site(newSite, nil)); err != nil {
		t.Fatal(err)
	}
}

// TestPublishThroughLink checks that an output folder reached through a
// symbolic link is replaced where the link points, and the link stays.
func TestPublishThroughLink(t *testing.T) {
	root, src := fixture(t)
	target := filepath.Join(root, "www", "handbook")
	writeTree(t, target, map[string]string{MarkerName: "", "old.html": "old"})
	link := filepath.Join(root, "public")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := Publish(t.Context(), Options{Out: link, Source: src}, site(newSite, nil)); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("link replaced: %v %v", info, err)
	}
	equalTrees(t, readTree(t, target), withMarker(newSite))
}

func TestPublishKeepsPermissions(t *testing.T) {
	root, src := fixture(t)
	out := filepath.Join(root, "public")
	mkdir(t, out)
	if err := os.Chmod(out, 0o750); err != nil {
		t.Fatal(err)
	}
	if err := Publish(t.Context(), Options{Out: out, Source: src}, site(newSite, nil)); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o750 {
		t.Errorf("mode %v, want 0750", got)
	}
}

func TestRecover(t *testing.T) {
	const (
		tmp1 = ".public.tmp-0123456789abcdef"
		tmp2 = ".public.tmp-fedcba9876543210"
		old1 = ".public.old-00000000000000aa"
		old2 = ".public.old-00000000000000bb"
	)
	// Siblings that are not ours, whatever they look like.
	foreign := map[string]string{
		".public.tmp-notours/x":                "keep",
		".public.tmp-0123456789ABCDEF/x":       "keep",
		".public.old-0123456789abcdef0/x":      "keep",
		"public.tmp-0123456789abcdef/x":        "keep",
		".public.tmp-x.tmp-0123456789abcdef/x": "keep",
		".other.old-0123456789abcdef/x":        "keep",
	}
	tests := []struct {
		name  string
		out   map[string]string // nil: no output folder
		sibs  map[string]map[string]string
		older string            // this sibling gets an older modification time
		want  map[string]string // the output folder after a failed build; nil: absent
	}{
		{
			name: "leftovers beside an output",
			out:  map[string]string{MarkerName: "", "index.html": "current"},
			sibs: map[string]map[string]string{
				tmp1: {"index.html": "half written"},
				tmp2: {MarkerName: "", "index.html": "exchanged, not yet renamed"},
				old1: {MarkerName: "", "index.html": "being removed"},
				old2: {"index.html": "marker already removed"},
			},
			want: map[string]string{MarkerName: "", "index.html": "current"},
		},
		{
			name: "crash between two renames",
			sibs: map[string]map[string]string{
				tmp1: {MarkerName: "", "index.html": "new, complete"},
				old1: {MarkerName: "", "index.html": "previous"},
			},
			want: map[string]string{MarkerName: "", "index.html": "previous"},
		},
		{
			name: "newest of two old folders",
			sibs: map[string]map[string]string{
				old1: {MarkerName: "", "index.html": "older"},
				old2: {MarkerName: "", "index.html": "newer"},
			},
			older: old1,
			want:  map[string]string{MarkerName: "", "index.html": "newer"},
		},
		{
			name: "partly removed old folder is not restored",
			sibs: map[string]map[string]string{
				old1: {"index.html": "half removed"},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root, src := fixture(t)
			out := filepath.Join(root, "public")
			if tc.out != nil {
				writeTree(t, out, tc.out)
			}
			for name, files := range tc.sibs {
				writeTree(t, filepath.Join(root, name), files)
			}
			writeTree(t, root, foreign)
			if tc.older != "" {
				past := time.Now().Add(-time.Hour)
				if err := os.Chtimes(filepath.Join(root, tc.older), past, past); err != nil {
					t.Fatal(err)
				}
			}
			errBroken := errors.New("broken")
			err := Publish(t.Context(), Options{Out: out, Source: src}, func(context.Context, string) error { return errBroken })
			if !errors.Is(err, errBroken) {
				t.Fatalf("error %v", err)
			}
			if tc.want == nil {
				if _, err := os.Lstat(out); !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("output folder exists: %v", err)
				}
			} else {
				equalTrees(t, readTree(t, out), tc.want)
			}
			for name := range foreign {
				if _, err := os.Stat(filepath.Join(root, name)); err != nil {
					t.Errorf("foreign sibling removed: %v", err)
				}
			}
			// Only the foreign ones that look like ours are left.
			want := []string{".public.old-0123456789abcdef0", ".public.tmp-0123456789ABCDEF", ".public.tmp-notours", ".public.tmp-x.tmp-0123456789abcdef"}
			if l := leftovers(t, out); !slices.Equal(l, want) {
				t.Errorf("leftovers:\n got %v\nwant %v", l, want)
			}
		})
	}
}

func TestSwapByRenames(t *testing.T) {
	dir := t.TempDir()
	tmp, out, old := filepath.Join(dir, "tmp"), filepath.Join(dir, "out"), filepath.Join(dir, "old")
	writeTree(t, tmp, map[string]string{"a": "new"})
	writeTree(t, out, map[string]string{"a": "previous"})
	if err := swapByRenames(tmp, out, old); err != nil {
		t.Fatal(err)
	}
	equalTrees(t, readTree(t, out), map[string]string{"a": "new"})
	equalTrees(t, readTree(t, old), map[string]string{"a": "previous"})

	// When the second rename fails, the output folder is put back.
	if err := os.RemoveAll(old); err != nil {
		t.Fatal(err)
	}
	if err := swapByRenames(filepath.Join(dir, "missing"), out, old); err == nil {
		t.Fatal("no error")
	}
	equalTrees(t, readTree(t, out), map[string]string{"a": "new"})
	if _, err := os.Lstat(old); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("old folder left: %v", err)
	}
}

// TestPublishConcurrent runs a second build while a first one holds the lock.
func TestPublishConcurrent(t *testing.T) {
	root, src := fixture(t)
	out := filepath.Join(root, "public")
	inFirst, releaseFirst := make(chan struct{}), make(chan struct{})
	firstDone := make(chan error, 1)
	go func() {
		firstDone <- Publish(t.Context(), Options{Out: out, Source: src}, func(ctx context.Context, dir string) error {
			close(inFirst)
			<-releaseFirst
			return WriteFile(dir, "index.html", []byte("first"))
		})
	}()
	<-inFirst

	// Refused at once.
	called := false
	err := Publish(t.Context(), Options{Out: out, Source: src}, site(newSite, &called))
	want := "another build is writing " + out + " (lock " + filepath.Join(root, ".public.lock") + "); try again when it ends"
	if err == nil || err.Error() != want {
		t.Errorf("error:\n got %v\nwant %s", err, want)
	}
	if !errors.Is(err, ErrBusy) || called {
		t.Errorf("error %v is not ErrBusy, or write was called (%v)", err, called)
	}

	// Gives up waiting when its context ends.
	ctx, cancel := context.WithTimeout(t.Context(), 120*time.Millisecond)
	defer cancel()
	err = Publish(ctx, Options{Out: out, Source: src, Wait: true}, site(newSite, &called))
	if !errors.Is(err, context.DeadlineExceeded) || called {
		t.Errorf("error %v, want a deadline; write called: %v", err, called)
	}

	// Waits, then runs after the first.
	secondDone := make(chan error, 1)
	go func() {
		secondDone <- Publish(t.Context(), Options{Out: out, Source: src, Wait: true}, func(ctx context.Context, dir string) error {
			// The first build swapped its output in before it let go of the lock.
			if b, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil || string(b) != "first" {
				t.Errorf("second build ran before the first ended: %q, %v", b, err)
			}
			return WriteFile(dir, "index.html", []byte("second"))
		})
	}()
	select {
	case err := <-secondDone:
		t.Fatalf("second build ended while the first held the lock: %v", err)
	case <-time.After(3 * lockPoll):
	}
	close(releaseFirst)
	if err := <-secondDone; err != nil {
		t.Fatal(err)
	}
	if err := <-firstDone; err != nil {
		t.Fatal(err)
	}
	equalTrees(t, readTree(t, out), withMarker(map[string]string{"index.html": "second"}))
}

// UpToDate is asked under the lock after recovery; Settled tells a
// finished output from one with a crashed build's leftovers beside it.
func TestUpToDateAndSettled(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	o := Options{Out: out, Source: t.TempDir()}
	if Settled(o) {
		t.Fatal("a missing output is settled")
	}
	write := func(ctx context.Context, dir string) error {
		return os.WriteFile(filepath.Join(dir, "a.html"), []byte("a"), 0o644)
	}
	if err := Publish(context.Background(), o, write); err != nil {
		t.Fatal(err)
	}
	if !Settled(o) {
		t.Fatal("a published output is not settled")
	}
	leftover := filepath.Join(parent, ".public.tmp-0123456789abcdef")
	if err := os.Mkdir(leftover, 0o755); err != nil {
		t.Fatal(err)
	}
	if Settled(o) {
		t.Fatal("an output with a temporary folder beside it is settled")
	}
	called := false
	o.UpToDate = func(string) bool { called = true; return true }
	err := Publish(context.Background(), o, func(context.Context, string) error {
		t.Fatal("write called although the output is up to date")
		return nil
	})
	if !errors.Is(err, ErrUpToDate) || !called {
		t.Fatalf("Publish = %v (UpToDate called: %v), want ErrUpToDate", err, called)
	}
	if _, err := os.Stat(leftover); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the leftover of a crashed build was not removed before the up-to-date check")
	}
}

// TestPublishRecycle checks the spare folder: kept after a swap, handed to
// the next build without its marker, lost (never half used) when that
// build fails, never served, and removed by a build that does not recycle.
func TestPublishRecycle(t *testing.T) {
	root, src := fixture(t)
	out := filepath.Join(root, "public")
	o := Options{Out: out, Source: src, Recycle: true}
	publish := func(o Options, files map[string]string, got *map[string]string) error {
		return Publish(t.Context(), o, func(ctx context.Context, dir string) error {
			if got != nil {
				*got = readTree(t, dir)
			}
			d := NewDir(dir)
			defer d.Close()
			for name, data := range files {
				if err := d.WriteFile(name, []byte(data)); err != nil {
					return err
				}
			}
			return nil
		})
	}
	spares := func() []string {
		m, _ := filepath.Glob(filepath.Join(root, ".public.spare-*"))
		return m
	}
	var given map[string]string
	if err := publish(o, map[string]string{"a/index.html": "one"}, &given); err != nil {
		t.Fatal(err)
	}
	if len(given) != 0 || len(spares()) != 0 {
		t.Fatalf("first build: given %v, spares %v; want an empty folder and no spare", given, spares())
	}
	if err := publish(o, map[string]string{"a/index.html": "two"}, &given); err != nil {
		t.Fatal(err)
	}
	if len(given) != 0 || len(spares()) != 1 {
		t.Fatalf("second build: given %v, spares %v; want an empty folder, then one spare", given, spares())
	}
	equalTrees(t, readTree(t, spares()[0]), withMarker(map[string]string{"a/index.html": "one"}))

	// The third build gets the first output, without its marker.
	if err := publish(o, map[string]string{"a/index.html": "three"}, &given); err != nil {
		t.Fatal(err)
	}
	equalTrees(t, given, map[string]string{"a/": "", "a/index.html": "one"})
	equalTrees(t, readTree(t, out), withMarker(map[string]string{"a/index.html": "three"}))
	equalTrees(t, readTree(t, spares()[0]), withMarker(map[string]string{"a/index.html": "two"}))

	// A failing build loses the spare it took, and nothing else.
	fail := errors.New("content error")
	err := Publish(t.Context(), o, func(ctx context.Context, dir string) error {
		WriteFile(dir, "a/index.html", []byte("half"))
		return fail
	})
	if !errors.Is(err, fail) {
		t.Fatalf("error %v, want the build's", err)
	}
	equalTrees(t, readTree(t, out), withMarker(map[string]string{"a/index.html": "three"}))
	if len(spares()) != 0 {
		t.Errorf("spares after a failed build: %v", spares())
	}
	if entries, _ := os.ReadDir(root); len(entries) != 3 { // src, public, the lock
		t.Errorf("beside the output: %v", entries)
	}

	// A build that does not recycle removes the spare.
	if err := publish(o, map[string]string{"a/index.html": "four"}, nil); err != nil {
		t.Fatal(err)
	}
	if len(spares()) != 1 {
		t.Fatalf("spares: %v", spares())
	}
	if err := publish(Options{Out: out, Source: src}, map[string]string{"a/index.html": "five"}, &given); err != nil {
		t.Fatal(err)
	}
	if len(given) != 0 || len(spares()) != 0 {
		t.Errorf("build without recycling: given %v, spares %v", given, spares())
	}
	if !Settled(o) {
		t.Error("output not settled")
	}
}
