//go:build !unix

package bench

import (
	"os"
	"time"
)

// selfCPU is unknown on systems without getrusage.
func selfCPU() time.Duration { return 0 }

// childPeakRSS is unknown on systems without getrusage.
func childPeakRSS(*os.ProcessState) int64 { return 0 }

// resetPeakRSS cannot reset the peak outside Linux.
func resetPeakRSS() bool { return false }

// selfPeakRSS is unknown outside Linux.
func selfPeakRSS() int64 { return 0 }
