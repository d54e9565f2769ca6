// Package cache keeps on disk what a build derived from the content, keyed
// by a hash of what it was derived from, so that the next build of the
// same handbook does not derive it again.
//
// A Pack is one file, read whole when opened and written back whole (to a
// new file, renamed over the old one) when it changed: one file to read
// and at most one to write per build, where a file per entry would cost a
// file creation per entry. The file starts with the builder's version: a
// pack written by another builder is ignored. Every entry carries a
// checksum: a damaged entry is a miss, never wrong output, and the next
// Save leaves it out.
package cache

import (
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

// entry is one value: in the file (data nil until checked) or new.
type entry struct {
	off, n  int // place in Pack.file
	sum     uint32
	checked bool
	used    bool
	data    []byte // set for new entries and once checked
}

// Pack is a set of entries kept in one file. It is safe for concurrent use.
type Pack struct {
	path, version string

	mu      sync.Mutex
	file    []byte // the file as read
	entries map[Key]*entry
	added   bool
	stats   Stats
}

// Open reads the pack named name in dir, written by builder version. A
// missing, damaged or foreign file gives an empty pack (see Stats), not an
// error: the cache only ever saves work. The error is for a dir that
// cannot be made.
func Open(dir, name, version string) (*Pack, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	p := &Pack{path: filepath.Join(dir, name), version: version, entries: map[Key]*entry{}}
	b, err := os.ReadFile(p.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return p, nil
	case err != nil:
		p.stats.Stale = true
		return p, nil
	}
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
		data := p.file[e.off : e.off+e.n]
		if crc32.Checksum(data, castagnoli) != e.sum {
			delete(p.entries, k)
			p.stats.Corrupt++
			e = nil
		} else {
			e.data, e.checked = data, true
		}
	}
	if e == nil {
		p.stats.Misses++
		return nil, false
	}
	e.used = true
	p.stats.Hits++
	return e.data, true
}

// Put sets the value of k. The pack keeps v: the caller must not change it.
func (p *Pack) Put(k Key, v []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if e := p.entries[k]; e != nil && e.checked && bytes.Equal(e.data, v) {
		e.used = true
		return
	}
	p.entries[k] = &entry{data: v, checked: true, used: true, sum: crc32.Checksum(v, castagnoli)}
	p.added = true
}

// Stats returns the counts so far.
func (p *Pack) Stats() Stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stats
}

// Save writes the entries used since Open (got or put) back to the file,
// when anything was added or dropped, or when a quarter of the file is no
// longer used; otherwise it leaves the file as it is. The file is replaced
// by a rename: a reader, or a build killed meanwhile, sees the old pack or
// the new one.
func (p *Pack) Save() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	used, unused := 0, 0
	for _, e := range p.entries {
		if e.used {
			used++
		} else {
			unused++
		}
	}
	if !p.added && !p.stats.Stale && p.stats.Corrupt == 0 && unused*4 <= used+unused {
		return nil
	}
	var b bytes.Buffer
	b.Write(header(p.version))
	for k, e := range p.entries {
		if !e.used {
			continue
		}
		data := e.data
		if data == nil {
			data = p.file[e.off : e.off+e.n] // used entries are checked
		}
		b.Write(k[:])
		b.Write(binary.LittleEndian.AppendUint32(nil, uint32(len(data))))
		b.Write(binary.LittleEndian.AppendUint32(nil, e.sum))
		b.Write(data)
	}
	tmp, err := os.CreateTemp(filepath.Dir(p.path), filepath.Base(p.path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	_, err = tmp.Write(b.Bytes())
	err = errors.Join(err, tmp.Close())
	if err == nil {
		err = os.Rename(tmp.Name(), p.path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cache: %w", err)
	}
	p.added = false
	return nil
}
