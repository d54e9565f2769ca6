package golden

import (
	"os"
	"path/filepath"
	"testing"
)

// recorder is a testing.TB that records failures instead of stopping.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true }

func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "out.txt")
	t.Setenv("UPDATE_GOLDEN", "1")
	Check(t, path, []byte("one"))
	if b, err := os.ReadFile(path); err != nil || string(b) != "one" {
		t.Fatalf("UPDATE_GOLDEN did not write the file: %q, %v", b, err)
	}
	t.Setenv("UPDATE_GOLDEN", "")
	for _, tc := range []struct {
		name, path, got string
		fail            bool
	}{
		{"same", path, "one", false},
		{"differs", path, "two", true},
		{"missing", path + ".none", "one", true},
	} {
		r := &recorder{TB: t}
		Check(r, tc.path, []byte(tc.got))
		if r.failed != tc.fail {
			t.Errorf("%s: failed %v, want %v", tc.name, r.failed, tc.fail)
		}
	}
}
