// Package version names the running handbook binary, for readers and for
// the caches that must never mix the work of two builders.
package version

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
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

// Of returns the names of the running binary. It reads the Go build ID
// from the head of the executable, or, for a binary built without one,
// hashes the whole executable: call it once per command.
func Of() Info {
	info := Info{Release: release()}
	exe, err := os.Executable()
	if err == nil {
		if f, err := os.Open(exe); err == nil {
			defer f.Close()
			// The toolchain's build ID ends with the hash of the linked
			// binary's content: the same name as hashing the file, for a
			// few kilobytes read instead of the whole executable (tens of
			// megabytes, a tenth of a small handbook's build).
			head := make([]byte, headSize)
			n, _ := io.ReadFull(f, head)
			if id := buildID(head[:n]); id != "" {
				info.Builder = "go " + id
				return info
			}
			h := sha256.New()
			h.Write(head[:n])
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

// headSize is how much of the executable buildID looks at: the Go linker
// puts the build ID in the first page of the file (an ELF note) or at the
// start of the text (other formats), as `go tool buildid` expects it.
const headSize = 32 << 10

// buildID returns the Go build ID found in head, the start of an
// executable, or "" when there is none (a binary linked with -buildid=,
// a big-endian ELF, a format not known).
func buildID(head []byte) string {
	var id []byte
	if bytes.HasPrefix(head, []byte("\x7fELF")) {
		// The note: name size 4, value size, type 4, "Go\x00\x00", value;
		// little-endian.
		const note = "\x04\x00\x00\x00Go\x00\x00"
		i := bytes.Index(head, []byte(note))
		if i < 8 || binary.LittleEndian.Uint32(head[i-8:]) != 4 {
			return ""
		}
		n := int(binary.LittleEndian.Uint32(head[i-4:]))
		start := i + len(note)
		if n <= 0 || start+n > len(head) {
			return ""
		}
		id = head[start : start+n]
	} else {
		const prefix, end = "\xff Go build ID: \"", "\"\n \xff"
		i := bytes.Index(head, []byte(prefix))
		if i < 0 {
			return ""
		}
		rest := head[i+len(prefix):]
		j := bytes.Index(rest, []byte(end))
		if j < 0 {
			return ""
		}
		id = rest[:j]
	}
	// action/content hashes, printable and without quotes to undo.
	if !bytes.Contains(id, []byte("/")) {
		return ""
	}
	for _, c := range id {
		if c <= ' ' || c > '~' || c == '"' || c == '\\' {
			return ""
		}
	}
	return string(id)
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
