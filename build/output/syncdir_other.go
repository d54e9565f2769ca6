//go:build !unix

package output

// syncDir does nothing where folders cannot be opened for syncing.
func syncDir(dir string) error { return nil }
