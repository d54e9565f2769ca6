// Package cache keeps on disk what a build derived from the content, keyed
// by a hash of what it was derived from, so that the next build of the
// same handbook does not derive it again.
//
// A Pack is one file, mapped into memory when opened (only the entries
// read are paged in), and written anew when it changed: new entries are
// streamed to a temporary file as they are put, so that they cost no
// memory, and Save appends the old entries still in use and renames it
// over the old file. One file to read and at most one to write per build,
// where a file per entry would cost a file creation per entry. The file
// starts with the builder's version: a pack written by another builder is
// ignored. Every entry carries a checksum: a damaged entry is a miss,
// never wrong output, and the next Save leaves it out.
package cache

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Key names an entry: a hash of everything the entry was derived from.
type Key [sha256.Size]byte

// NewKey hashes parts, each length-prefixed so that ("ab", "c") and ("a",
// "bc") differ.
func NewKey(parts ...[]byte) Key {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	for _, p := range parts {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(p)))])
		h.Write(p)
	}
	var k Key
	h.Sum(k[:0])
	return k
}

// magic starts every pack file; its digit changes with the file layout.
const magic = "handbook cache pack 1\n"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Stats counts what a Pack did since it was opened.
type Stats struct {
	Loaded  int  // entries read from the file
	Hits    int  // Gets answered from the file or from a Put
	Misses  int  // Gets not answered
	Corrupt int  // entries dropped because their checksum or length was wrong
	Stale   bool // the file was written by another builder, or unreadable: ignored
}

// entry is one value in the old file.
type entry struct {
	off, n  int // place in Pack.file
	sum     uint32
	checked bool
	used    bool
}

// Pack is a set of entries kept in one file. It is safe for concurrent use.
type Pack struct {
	path, version string

	mu      sync.Mutex
	file    []byte // the old file, mapped (or read)
	unmap   func() error
	entries map[Key]*entry
	tmp     *os.File      // new entries, streamed; nil until the first Put
	w       *bufio.Writer // on tmp
	added   map[Key]bool
	werr    error // the first error writing tmp
	stats   Stats
}

// Open reads the pack named name in dir, written by builder version. A
// missing, damaged or foreign file gives an empty pack (see Stats), not an
// error: the cache only ever saves work. The error is for a dir that
// cannot be made. Call Save, or Close, when done.
func Open(dir, name, version string) (*Pack, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	p := &Pack{path: filepath.Join(dir, name), version: version, entries: map[Key]*entry{}, added: map[Key]bool{}}
	b, unmap, err := mapFile(p.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return p, nil
	case err != nil:
		p.stats.Stale = true
		return p, nil
	}
	p.unmap = unmap
	p.load(b)
	return p, nil
}

// load indexes the entries of file b; it stops at the first entry whose
// frame does not parse (a torn write) and counts what it left.
func (p *Pack) load(b []byte) {
	head := header(p.version)
	if !bytes.HasPrefix(b, head) {
		p.stats.Stale = true
		return
	}
	p.file = b
	const frame = len(Key{}) + 8
	for off := len(head); off < len(b); {
		if len(b)-off < frame {
			p.stats.Corrupt++
			return
		}
		var k Key
		copy(k[:], b[off:])
		n := int(binary.LittleEndian.Uint32(b[off+len(k):]))
		sum := binary.LittleEndian.Uint32(b[off+len(k)+4:])
		start := off + frame
		if n > len(b)-start {
			p.stats.Corrupt++
			return
		}
		p.entries[k] = &entry{off: start, n: n, sum: sum}
		p.stats.Loaded++
		off = start + n
	}
}

func header(version string) []byte {
	b := []byte(magic)
	b = binary.AppendUvarint(b, uint64(len(version)))
	return append(b, version...)
}

// Get returns the value of k, or false when the pack has none (or only a
// damaged one). The caller must not change the value.
func (p *Pack) Get(k Key) ([]byte, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	e := p.entries[k]
	if e != nil && !e.checked {
		if crc32.Checksum(p.file[e.off:e.off+e.n], castagnoli) != e.sum {
			delete(p.entries, k)
			p.stats.Corrupt++
			e = nil
		} else {
			e.checked = true
		}
	}
	if e == nil {
		p.stats.Misses++
		return nil, false
	}
	e.used = true
	p.stats.Hits++
	return p.file[e.off : e.off+e.n], true
}

// Put sets the value of k, for the next build: it is written out at once
// and not kept in memory (a Get in the same build does not see it).
func (p *Pack) Put(k Key, v []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.added[k] || p.werr != nil {
		return
	}
	if e := p.entries[k]; e != nil && e.checked && bytes.Equal(p.file[e.off:e.off+e.n], v) {
		e.used = true
		return
	}
	if p.tmp == nil {
		f, err := os.CreateTemp(filepath.Dir(p.path), filepath.Base(p.path)+".*.tmp")
		if err != nil {
			p.werr = err
			return
		}
		p.tmp, p.w = f, bufio.NewWriterSize(f, 1<<16)
		p.w.Write(header(p.version))
	}
	p.frame(k, v, crc32.Checksum(v, castagnoli))
	p.added[k] = true
}

// frame writes one entry to the new file.
func (p *Pack) frame(k Key, v []byte, sum uint32) {
	var head [len(Key{}) + 8]byte
	copy(head[:], k[:])
	binary.LittleEndian.PutUint32(head[len(k):], uint32(len(v)))
	binary.LittleEndian.PutUint32(head[len(k)+4:], sum)
	p.w.Write(head[:])
	if _, err := p.w.Write(v); err != nil && p.werr == nil {
		p.werr = err
	}
}

// Stats returns the counts so far.
func (p *Pack) Stats() Stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stats
}

// Save makes the file hold the entries used since Open (got or put), when
// anything was added or dropped, or when a quarter of the file is no
// longer used; otherwise it leaves the file as it is. The file is replaced
// by a rename: a reader, or a build killed meanwhile, sees the old pack or
// the new one. The pack is closed afterwards.
func (p *Pack) Save() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	defer p.release()
	used, unused := 0, 0
	for k, e := range p.entries {
		if p.added[k] {
			continue
		}
		if e.used {
			used++
		} else {
			unused++
		}
	}
	if len(p.added) == 0 && !p.stats.Stale && p.stats.Corrupt == 0 && unused*4 <= used+unused {
		return nil
	}
	if p.tmp == nil {
		f, err := os.CreateTemp(filepath.Dir(p.path), filepath.Base(p.path)+".*.tmp")
		if err != nil {
			return fmt.Errorf("cache: %w", err)
		}
		p.tmp, p.w = f, bufio.NewWriterSize(f, 1<<16)
		p.w.Write(header(p.version))
	}
	for k, e := range p.entries {
		if e.used && !p.added[k] {
			p.frame(k, p.file[e.off:e.off+e.n], e.sum)
		}
	}
	err := p.werr
	if err == nil {
		err = p.w.Flush()
	}
	err = errors.Join(err, p.tmp.Close())
	if err == nil {
		err = os.Rename(p.tmp.Name(), p.path)
	}
	if err != nil {
		os.Remove(p.tmp.Name())
	}
	p.tmp = nil
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}

// Close drops what was put since Open and leaves the file as it is: for
// a build that failed.
func (p *Pack) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.release()
	return nil
}

// release closes and removes the temporary file, if still there, and
// unmaps the old file. The pack must not be used afterwards.
func (p *Pack) release() {
	if p.tmp != nil {
		p.tmp.Close()
		os.Remove(p.tmp.Name())
		p.tmp = nil
	}
	if p.unmap != nil {
		p.unmap()
		p.unmap = nil
	}
	p.file = nil
	p.entries = map[Key]*entry{}
}

// Cached returns the value kept in p under key, or computes it and keeps
// it there; with a nil p it just computes. A value that does not decode
// (the pack checks its bytes, so only a bug could cause it) is computed
// again. encode runs only to fill the pack: a computed value is returned
// as is.
func Cached[T any](p *Pack, key Key, compute func() T, encode func(T) []byte, decode func([]byte) (T, bool)) T {
	if p == nil {
		return compute()
	}
	if b, ok := p.Get(key); ok {
		if v, ok := decode(b); ok {
			return v
		}
	}
	v := compute()
	p.Put(key, encode(v))
	return v
}
