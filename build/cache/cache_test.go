package cache

import (
	"bytes"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"testing"
)

const version = "test-builder 1"

func key(s string) Key { return NewKey([]byte(s)) }

// saved writes a pack holding n entries "k<i>" -> "value <i>" and returns
// its folder.
func saved(t testing.TB, n int) string {
	t.Helper()
	dir := t.TempDir()
	p, err := Open(dir, "docs.pack", version)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		p.Put(key(fmt.Sprint("k", i)), []byte(fmt.Sprint("value ", i)))
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	return dir
}

func reopen(t testing.TB, dir, version string) *Pack {
	t.Helper()
	p, err := Open(dir, "docs.pack", version)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRoundTrip(t *testing.T) {
	dir := saved(t, 3)
	p := reopen(t, dir, version)
	for i := range 3 {
		got, ok := p.Get(key(fmt.Sprint("k", i)))
		if want := fmt.Sprint("value ", i); !ok || string(got) != want {
			t.Errorf("k%d: %q, %t; want %q", i, got, ok, want)
		}
	}
	if _, ok := p.Get(key("absent")); ok {
		t.Error("a key never put was found")
	}
	if s := p.Stats(); s != (Stats{Loaded: 3, Hits: 3, Misses: 1}) {
		t.Errorf("stats %+v", s)
	}
}

func TestNewKeyFramesParts(t *testing.T) {
	if NewKey([]byte("ab"), []byte("c")) == NewKey([]byte("a"), []byte("bc")) {
		t.Error(`("ab","c") and ("a","bc") share a key`)
	}
}

// TestDamage checks that every kind of damaged pack gives misses (never a
// wrong value) and is repaired by the next Save.
func TestDamage(t *testing.T) {
	tests := []struct {
		name    string
		damage  func(b []byte) []byte
		version string
		// want: which of k0..k2 are still found, and the stats after the Gets.
		found []bool
		stats Stats
	}{
		{"intact", func(b []byte) []byte { return b }, version, []bool{true, true, true}, Stats{Loaded: 3, Hits: 3}},
		{"other builder", func(b []byte) []byte { return b }, "test-builder 2", []bool{false, false, false}, Stats{Misses: 3, Stale: true}},
		{"not a pack", func([]byte) []byte { return []byte("<html>") }, version, []bool{false, false, false}, Stats{Misses: 3, Stale: true}},
		{"empty file", func([]byte) []byte { return nil }, version, []bool{false, false, false}, Stats{Misses: 3, Stale: true}},
		{"byte flipped in a value", func(b []byte) []byte {
			i := bytes.Index(b, []byte("value 1"))
			b[i] ^= 0x20
			return b
		}, version, []bool{true, false, true}, Stats{Loaded: 3, Hits: 2, Misses: 1, Corrupt: 1}},
		{"torn at the end", func(b []byte) []byte { return b[:len(b)-3] }, version, nil, Stats{}},
		{"huge length", func(b []byte) []byte {
			i := len(header(version)) + len(Key{})
			b[i+3] = 0x7f
			return b
		}, version, []bool{false, false, false}, Stats{Misses: 3, Corrupt: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := saved(t, 3)
			file := filepath.Join(dir, "docs.pack")
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, tc.damage(b), 0o644); err != nil {
				t.Fatal(err)
			}
			p := reopen(t, dir, tc.version)
			var found []bool
			for i := range 3 {
				got, ok := p.Get(key(fmt.Sprint("k", i)))
				if ok && string(got) != fmt.Sprint("value ", i) {
					t.Fatalf("k%d: wrong value %q", i, got)
				}
				found = append(found, ok)
			}
			if tc.found != nil {
				if fmt.Sprint(found) != fmt.Sprint(tc.found) {
					t.Errorf("found %v, want %v", found, tc.found)
				}
				if s := p.Stats(); s != tc.stats {
					t.Errorf("stats %+v, want %+v", s, tc.stats)
				}
			} else if s := p.Stats(); s.Corrupt != 1 || found[2] {
				t.Errorf("torn pack: found %v, stats %+v; want the last entry lost and counted", found, s)
			}
			// The build puts back what it missed; the pack is whole again.
			for i, ok := range found {
				if !ok {
					p.Put(key(fmt.Sprint("k", i)), []byte(fmt.Sprint("value ", i)))
				}
			}
			if err := p.Save(); err != nil {
				t.Fatal(err)
			}
			q := reopen(t, dir, tc.version)
			for i := range 3 {
				if got, ok := q.Get(key(fmt.Sprint("k", i))); !ok || string(got) != fmt.Sprint("value ", i) {
					t.Errorf("after repair k%d: %q, %t", i, got, ok)
				}
			}
			if s := q.Stats(); s.Corrupt != 0 || s.Stale {
				t.Errorf("after repair: %+v", s)
			}
		})
	}
}

// TestSaveOnlyWhenChanged checks that a build that found everything leaves
// the file alone, and that one using a small part of it drops the rest.
func TestSaveOnlyWhenChanged(t *testing.T) {
	dir := saved(t, 8)
	file := filepath.Join(dir, "docs.pack")
	before, _ := os.Stat(file)
	p := reopen(t, dir, version)
	for i := range 8 {
		p.Get(key(fmt.Sprint("k", i)))
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.Stat(file); !os.SameFile(before, after) {
		t.Error("a pack with nothing new was written again")
	}

	p = reopen(t, dir, version)
	p.Get(key("k0"))
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	q := reopen(t, dir, version)
	if s := q.Stats(); s.Loaded != 1 {
		t.Errorf("%d entries kept, want the 1 used", s.Loaded)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("folder holds %d files, want the pack only", len(ents))
	}
}

// FuzzOpen checks that no file content makes Open or Get panic, and that
// Get never returns bytes whose checksum does not match.
func FuzzOpen(f *testing.F) {
	dir := saved(f, 2)
	b, err := os.ReadFile(filepath.Join(dir, "docs.pack"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add(header(version))
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := &Pack{version: version, entries: map[Key]*entry{}}
		p.load(data)
		for k, e := range p.entries {
			sum := e.sum
			if v, ok := p.Get(k); ok && crc32.Checksum(v, castagnoli) != sum {
				t.Fatalf("%x: a value whose checksum does not match", k)
			}
		}
	})
}

// TestPutStreams checks that a value put is written out for the next
// build, not kept for this one, and that Close drops it, leaving no file
// behind.
func TestPutStreams(t *testing.T) {
	dir := saved(t, 1)
	p := reopen(t, dir, version)
	p.Put(key("new"), []byte("value new"))
	if _, ok := p.Get(key("new")); ok {
		t.Error("a value put is read back in the same build")
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("folder holds %d files after Close, want the pack only", len(ents))
	}
	q := reopen(t, dir, version)
	if _, ok := q.Get(key("new")); ok {
		t.Error("a value put before Close was kept")
	}
	q.Put(key("new"), []byte("value new"))
	if err := q.Save(); err != nil {
		t.Fatal(err)
	}
	r := reopen(t, dir, version)
	if v, ok := r.Get(key("new")); !ok || string(v) != "value new" {
		t.Errorf("after Save: %q, %t", v, ok)
	}
	if _, ok := r.Get(key("k0")); ok {
		t.Error("an entry unused by the last build was kept")
	}
}
