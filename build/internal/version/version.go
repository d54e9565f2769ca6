// Package version names the running handbook binary, for readers and for
// the caches that must never mix the work of two builders.
package version

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

// Info names a binary.
type Info struct {
	// Release is what `handbook version` prints: the module version the
	// binary was built at, else its VCS revision (with "-dirty" for
	// uncommitted changes), else "devel".
	Release string
	// Builder names the binary for the build cache and the reuse of pages:
	// a hash of the executable, so that a rebuilt binary (an edited
	// renderer) never reads what another one rendered, while the same
	// binary run again does; else the release with the executable's size
	// and time.
	Builder string
}

// Of returns the names of the running binary. It reads the whole
// executable: call it once per command.
func Of() Info {
	info := Info{Release: release()}
	exe, err := os.Executable()
	if err == nil {
		if f, err := os.Open(exe); err == nil {
			defer f.Close()
			h := sha256.New()
			if _, err := io.Copy(h, f); err == nil {
				info.Builder = "exe " + hex.EncodeToString(h.Sum(nil))
				return info
			}
		}
	}
	info.Builder = "build " + info.Release
	if err == nil {
		if st, err := os.Stat(exe); err == nil {
			// A development binary has no version: its size and time tell
			// one build of it from another.
			info.Builder += fmt.Sprintf(" %d %d", st.Size(), st.ModTime().UnixNano())
		}
	}
	return info
}

func release() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return rev
}
