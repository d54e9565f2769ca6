//go:build !unix

package bench

import (
	"os"
	"time"
)

// selfTimes is unknown on systems without getrusage.
func selfTimes() (user, sys time.Duration) { return 0, 0 }

// threadTimes is unknown on systems without getrusage.
func threadTimes() (user, sys time.Duration) { return 0, 0 }

// syncFS does nothing here.
func syncFS() {}

// loadAverage is unknown here.
func loadAverage() string { return "" }

// childPeakRSS is unknown on systems without getrusage.
func childPeakRSS(*os.ProcessState) int64 { return 0 }

// resetPeakRSS cannot reset the peak outside Linux.
func resetPeakRSS() bool { return false }

// selfPeakRSS is unknown outside Linux.
func selfPeakRSS() int64 { return 0 }

// freeSpace is unknown here: outputs are deleted between runs.
func freeSpace(dir string) (uint64, bool) { return 0, false }
