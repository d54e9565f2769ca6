package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSymlinkFaults puts one symlink at a time in a valid tree on disk,
// read through OpenSource, and expects exactly the diagnostics listed: a
// loop or a link leading outside is one located error, on the link.
func TestSymlinkFaults(t *testing.T) {
	const ed = "content/2025.1/"
	cases := []struct {
		name  string
		links map[string]string // link -> target, relative to the source folder
		rm    []string          // files removed first
		want  []string
	}{
		{"edition folder linking to content/", map[string]string{"content/2026.1": "."}, nil,
			[]string{"content/2026.1: symlink loop: it leads back to a folder that holds it"}},
		{"edition folder linking to the source", map[string]string{"content/2026.1": ".."}, nil,
			[]string{"content/2026.1: symlink loop: it leads back to a folder that holds it"}},
		{"images linking to its edition", map[string]string{ed + "images": "."}, nil,
			[]string{ed + "images: symlink loop: it leads back to a folder that holds it"}},
		{"images linking to content/", map[string]string{ed + "images": "../.."}, nil,
			[]string{ed + "images: symlink loop: it leads back to a folder that holds it"}},
		{"images leading outside", map[string]string{ed + "images": "../../../outside"}, nil,
			[]string{ed + "images: cannot read: the path leads outside the source folder (a symlink?)"}},
		{"dangling images", map[string]string{ed + "images": "../2024.1/nothing"}, nil,
			[]string{ed + "images: cannot read: no such file or directory"}},
		{"image leading outside", map[string]string{ed + "images/logo.svg": "../../../../outside/logo.svg"}, nil,
			[]string{ed + "images/logo.svg: cannot read: the path leads outside the source folder (a symlink?)"}},
		{"edition folder linking to a sibling", map[string]string{"content/2026.1": "2025.1"}, nil, nil},
		{"chapter linking to another edition's", map[string]string{ed + "01-intro.fr.md": "../2024.1/01-intro.fr.md"}, []string{ed + "01-intro.fr.md"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			top := t.TempDir()
			src := filepath.Join(top, "src")
			files := map[string]string{}
			for k, v := range validTree() {
				files[k] = string(v.Data)
			}
			writeTree(t, src, files)
			writeTree(t, top, map[string]string{"outside/logo.svg": "<svg/>"})
			for _, f := range tc.rm {
				if err := os.Remove(filepath.Join(src, f)); err != nil {
					t.Fatal(err)
				}
			}
			for link, target := range tc.links {
				p := filepath.Join(src, filepath.FromSlash(link))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(filepath.FromSlash(target), p); err != nil {
					t.Skipf("symlinks unavailable: %v", err)
				}
			}
			root, err := OpenSource(src)
			if err != nil {
				t.Fatal(err)
			}
			fsys, closeFn := root.FS(), root.Close
			defer closeFn()
			_, d := Load(fsys, LoadOptions{Today: day("2025-06-01")})
			got := lines(d)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}
