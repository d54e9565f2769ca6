//go:build unix

package output

import "os"

// syncDir flushes dir's entries to disk, so that a rename in it survives a
// power loss.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
