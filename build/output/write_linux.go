package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// dirHandle is an O_PATH descriptor of the output folder, or -1 when it
// could not be opened (then byPath does the work).
type dirHandle int

func openDirHandle(root string) dirHandle {
	fd, err := unix.Open(root, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return -1
	}
	return dirHandle(fd)
}

func (h dirHandle) close() error {
	if h < 0 {
		return nil
	}
	return unix.Close(int(h))
}

func (h dirHandle) mkdir(root, rel string) error {
	if h < 0 {
		return byPath{}.mkdir(root, rel)
	}
	return pathErr("mkdir", rel, ignoringEINTR(func() error { return unix.Mkdirat(int(h), rel, 0o755) }))
}

// writeFile creates (or truncates) rel and writes data: openat, write,
// close, without the fcntl and epoll calls of an os.File. It never follows
// a symbolic link in the last element.
func (h dirHandle) writeFile(root, rel string, data []byte) error {
	if h < 0 {
		return byPath{}.writeFile(root, rel, data)
	}
	var fd int
	err := ignoringEINTR(func() (err error) {
		fd, err = unix.Openat(int(h), rel, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC|unix.O_NOFOLLOW, 0o644)
		return err
	})
	if err != nil {
		return pathErr("open", rel, err)
	}
	for len(data) > 0 {
		n, err := unix.Write(fd, data)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			unix.Close(fd)
			return pathErr("write", rel, err)
		}
		data = data[n:]
	}
	return pathErr("close", rel, unix.Close(fd))
}

func (h dirHandle) link(root, from, rel string) error {
	if h < 0 {
		return byPath{}.link(root, from, rel)
	}
	return pathErr("link", rel, ignoringEINTR(func() error { return unix.Linkat(unix.AT_FDCWD, from, int(h), rel, 0) }))
}

func (h dirHandle) remove(root, rel string) error {
	if h < 0 {
		return byPath{}.remove(root, rel)
	}
	return pathErr("remove", rel, ignoringEINTR(func() error { return unix.Unlinkat(int(h), rel, 0) }))
}

func (h dirHandle) rmdir(root, rel string) error {
	if h < 0 {
		return byPath{}.rmdir(root, rel)
	}
	return pathErr("rmdir", rel, ignoringEINTR(func() error { return unix.Unlinkat(int(h), rel, unix.AT_REMOVEDIR) }))
}

func (h dirHandle) isDir(root, rel string) bool {
	if h < 0 {
		return byPath{}.isDir(root, rel)
	}
	var st unix.Stat_t
	return unix.Fstatat(int(h), rel, &st, unix.AT_SYMLINK_NOFOLLOW) == nil && st.Mode&unix.S_IFMT == unix.S_IFDIR
}

func ignoringEINTR(f func() error) error {
	for {
		if err := f(); err != unix.EINTR {
			return err
		}
	}
}

// pathErr wraps err like the os package does, so that errors.Is(err,
// fs.ErrExist) and friends keep working.
func pathErr(op, rel string, err error) error {
	if err == nil {
		return nil
	}
	return &os.PathError{Op: op, Path: rel, Err: err}
}
