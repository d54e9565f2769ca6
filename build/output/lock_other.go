//go:build !unix && !windows

package output

import (
	"errors"
	"os"
)

// tryLock fails: this system offers no file lock that the kernel releases
// when a process dies.
func tryLock(f *os.File) (bool, error) {
	return false, errors.ErrUnsupported
}

func unlock(f *os.File) {}
