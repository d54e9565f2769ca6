//go:build !linux

package output

// dirHandle is unused outside Linux: files are written by path.
type dirHandle struct{ byPath }

func openDirHandle(string) dirHandle { return dirHandle{} }

func (dirHandle) close() error { return nil }
