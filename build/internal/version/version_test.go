package version

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestOf checks that the test binary gets a release name and a builder
// name from its Go build ID, as `go tool buildid` reads it, the same on
// each call.
func TestOf(t *testing.T) {
	a, b := Of(), Of()
	if a.Release == "" {
		t.Errorf("Of() = %+v", a)
	}
	if a != b {
		t.Errorf("two calls differ: %+v, %+v", a, b)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "tool", "buildid", exe).Output()
	if err != nil {
		t.Skipf("go tool buildid: %v", err)
	}
	if want := "go " + strings.TrimSpace(string(out)); a.Builder != want {
		t.Errorf("Builder = %q, want %q", a.Builder, want)
	}
}

// TestBuildID checks the build ID is read from an ELF note and from the
// text of other formats, and that a head without one gives "" (the
// executable is then hashed whole).
func TestBuildID(t *testing.T) {
	le := func(n uint32) string { return string([]byte{byte(n), byte(n >> 8), byte(n >> 16), byte(n >> 24)}) }
	id := "aaaa/bbbb/cccc/dddd"
	cases := []struct {
		name, head, want string
	}{
		{"elf note", "\x7fELF\x02\x01" + strings.Repeat("\x00", 60) + le(4) + le(uint32(len(id))) + le(4) + "Go\x00\x00" + id + "\x00", id},
		{"elf, note cut", "\x7fELF" + le(4) + le(200) + le(4) + "Go\x00\x00" + id, ""},
		{"elf, no note", "\x7fELF" + strings.Repeat("\x00", 100), ""},
		{"mach-o text", "\xcf\xfa\xed\xfe" + "\xff Go build ID: \"" + id + "\"\n \xff", id},
		{"empty build id", "MZ\xff Go build ID: \"\"\n \xff", ""},
		{"nothing", "#!/bin/sh\n", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := buildID([]byte(tc.head)); got != tc.want {
				t.Errorf("buildID = %q, want %q", got, tc.want)
			}
		})
	}
}
