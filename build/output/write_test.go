package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

func TestWriteFile(t *testing.T) {
	tests := []struct {
		name string
		rel  string
		ok   bool
	}{
		{name: "top", rel: "index.html", ok: true},
		{name: "nested", rel: "fr/2024.1/netiquette/index.html", ok: true},
		{name: "dot file", rel: ".htaccess", ok: true},
		{name: "dots in a name", rel: "a/..b/c..", ok: true},
		{name: "empty", rel: ""},
		{name: "dot", rel: "."},
		{name: "parent", rel: "../x"},
		{name: "parent inside", rel: "a/../../x"},
		{name: "not clean", rel: "a/../b"},
		{name: "double slash", rel: "a//b"},
		{name: "trailing slash", rel: "a/"},
		{name: "leading dot", rel: "./a"},
		{name: "absolute", rel: "/etc/passwd"},
		{name: "backslash", rel: `a\b`},
		{name: "backslash parent", rel: `..\x`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, "out")
			err := WriteFile(dir, tc.rel, []byte("data"))
			if tc.ok {
				if err != nil {
					t.Fatal(err)
				}
				b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(tc.rel)))
				if err != nil || string(b) != "data" {
					t.Errorf("read back %q, %v", b, err)
				}
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			if entries, _ := os.ReadDir(root); len(entries) > 0 {
				t.Errorf("wrote %v", entries)
			}
		})
	}
}

// TestWriteFileConcurrent writes many files that share parent folders from
// many goroutines at once (run it with -race).
func TestWriteFileConcurrent(t *testing.T) {
	dir := t.TempDir()
	var wg sync.WaitGroup
	errs := make(chan error, 400)
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				rel := fmt.Sprintf("fr/c%d/p%d/g%d.html", i%5, i%3, g*50+i)
				if err := WriteFile(dir, rel, []byte(rel)); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for g := range 8 {
		for i := range 50 {
			rel := fmt.Sprintf("fr/c%d/p%d/g%d.html", i%5, i%3, g*50+i)
			if b, err := os.ReadFile(filepath.Join(dir, rel)); err != nil || string(b) != rel {
				t.Errorf("%s: %q, %v", rel, b, err)
			}
		}
	}
}

func TestDirWriteFile(t *testing.T) {
	root := t.TempDir()
	d := NewDir(root)
	for _, rel := range []string{"a/b/c.html", "a/b/d.html", "a/e.txt", "f.xml"} {
		if err := d.WriteFile(rel, []byte(rel)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil || string(got) != rel {
			t.Errorf("%s: %q, %v", rel, got, err)
		}
	}
	for _, bad := range []string{"../x", "/abs", `a\b`, "a/../b", ""} {
		if err := d.WriteFile(bad, nil); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	// Writing again replaces the whole file.
	if err := d.WriteFile("a/b/c.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(root, "a/b/c.html")); string(got) != "x" {
		t.Errorf("rewritten file holds %q, want %q", got, "x")
	}
	// A link shares the bytes of its source.
	src := filepath.Join(t.TempDir(), "prev.html")
	if err := os.WriteFile(src, []byte("previous"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := d.Link(src, "g/h/i.html"); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(root, "g/h/i.html")); string(got) != "previous" {
		t.Errorf("linked file holds %q", got)
	}
	if err := d.Link(src, "g/h/i.html"); !errors.Is(err, fs.ErrExist) {
		t.Errorf("linking over a file: %v, want an error saying it exists", err)
	}
	// A symbolic link planted in the output is not followed.
	outside := filepath.Join(t.TempDir(), "outside.txt")
	if err := os.WriteFile(outside, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "planted.html")); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("planted.html", []byte("overwritten")); err == nil && runtime.GOOS == "linux" {
		t.Errorf("wrote through a symbolic link")
	}
	if got, _ := os.ReadFile(outside); string(got) != "keep" && runtime.GOOS == "linux" {
		t.Errorf("the file behind the link now holds %q", got)
	}
	if err := d.Close(); err != nil {
		t.Error(err)
	}
}

// BenchmarkDirWriteFile writes 1,000 pages of 20 KB into a fresh folder
// tree per iteration: the cost of the output stage per page.
func BenchmarkDirWriteFile(b *testing.B) {
	page := bytes.Repeat([]byte("<p>policy text</p>\n"), 1000)
	for i := 0; b.Loop(); i++ {
		d := NewDir(b.TempDir())
		for j := 0; j < 1000; j++ {
			if err := d.WriteFile(fmt.Sprintf("fr/chapter-%d/index.html", j), page); err != nil {
				b.Fatal(err)
			}
		}
		d.Close()
	}
}

// TestRecycledSymlinks plants symbolic links in a recycled folder (one
// that held files when opened): neither writing nor removing stale files
// may follow them out of the folder.
func TestRecycledSymlinks(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	if err := os.MkdirAll(filepath.Join(outside, "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	victim := filepath.Join(outside, "b", "c.html")
	if err := os.WriteFile(victim, []byte("not yours"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "a")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "e")); err != nil {
		t.Fatal(err)
	}
	d := NewDir(root)
	defer d.Close()
	if !d.Recycled() {
		t.Fatal("a folder holding files is not taken as recycled")
	}
	// A stale file listed at a path that now goes through a link.
	if err := d.Remove("a/b/c.html"); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(victim); err != nil || string(b) != "not yours" {
		t.Fatalf("the file behind the link was removed or changed: %q, %v", b, err)
	}
	// A write whose folder is a link replaces the link by a folder.
	if err := d.WriteFile("e/b/d.html", []byte("ours")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(outside, "b", "d.html")); err == nil {
		t.Fatal("a write followed the link out of the folder")
	}
	st, err := os.Lstat(filepath.Join(root, "e"))
	if err != nil || !st.IsDir() {
		t.Fatalf("e is not a real folder now: %v, %v", st, err)
	}
	if b, err := os.ReadFile(filepath.Join(root, "e", "b", "d.html")); err != nil || string(b) != "ours" {
		t.Fatalf("written file: %q, %v", b, err)
	}
	if b, err := os.ReadFile(victim); err != nil || string(b) != "not yours" {
		t.Fatalf("the file behind the link changed: %q, %v", b, err)
	}
}
