//go:build unix && !linux

package bench

import (
	"os"
	"runtime"
	"syscall"
	"time"
)

// childPeakRSS is the peak resident set size of a finished child process,
// in bytes: macOS reports bytes, the BSDs kilobytes.
func childPeakRSS(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok || ru == nil {
		return 0
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(ru.Maxrss)
	}
	return int64(ru.Maxrss) * 1024
}

// selfTimes is the processor time this process used so far, in user
// space and in the kernel.
func selfTimes() (user, sys time.Duration) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0, 0
	}
	return time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano())
}

// threadTimes cannot tell one thread's time here: it is the process's.
func threadTimes() (user, sys time.Duration) { return selfTimes() }

// syncFS asks the kernel to write every pending change to disk.
func syncFS() { syscall.Sync() }

// loadAverage is unknown here.
func loadAverage() string { return "" }

// resetPeakRSS cannot reset the peak outside Linux.
func resetPeakRSS() bool { return false }

// selfPeakRSS is unknown outside Linux.
func selfPeakRSS() int64 { return 0 }

// freeSpace is unknown here: outputs are deleted between runs.
func freeSpace(dir string) (uint64, bool) { return 0, false }
