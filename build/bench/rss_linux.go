//go:build linux

package bench

import (
	"bufio"
	"bytes"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// childPeakRSS is the peak resident set size of a finished child process,
// in bytes (Linux reports kilobytes).
func childPeakRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss * 1024
	}
	return 0
}

// selfTimes is the processor time this process used so far, in user
// space and in the kernel.
func selfTimes() (user, sys time.Duration) { return rusage(unix.RUSAGE_SELF) }

// threadTimes is the processor time the calling thread used so far, in
// user space and in the kernel. The caller locks its goroutine to the
// thread.
func threadTimes() (user, sys time.Duration) { return rusage(unix.RUSAGE_THREAD) }

func rusage(who int) (user, sys time.Duration) {
	var ru unix.Rusage
	if unix.Getrusage(who, &ru) != nil {
		return 0, 0
	}
	return time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano())
}

// syncFS asks the kernel to write every pending change to disk, so that
// the next timed run does not pay for the previous one's.
func syncFS() { unix.Sync() }

// loadAverage is the system's load average over 1, 5 and 15 minutes, as
// /proc/loadavg gives it, or "" when unknown.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

// resetPeakRSS frees what the garbage collector can and resets this
// process's peak resident set size (VmHWM), so that selfPeakRSS measures
// the work that follows. It reports whether the reset worked.
func resetPeakRSS() bool {
	runtime.GC()
	debug.FreeOSMemory()
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// selfPeakRSS is this process's peak resident set size (VmHWM) in bytes,
// or 0 when unknown.
func selfPeakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				return 0
			}
			return kb * 1024
		}
	}
	return 0
}

// freeSpace is the room left to an unprivileged user on dir's file system.
func freeSpace(dir string) (uint64, bool) {
	var st unix.Statfs_t
	if unix.Statfs(dir, &st) != nil {
		return 0, false
	}
	return st.Bavail * uint64(st.Bsize), true
}
