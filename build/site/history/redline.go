package history

import (
	"bytes"
	"encoding/binary"
	"sync"

	"example.com/handbook/build/cache"
	"example.com/handbook/build/content"
	"example.com/handbook/build/diff"
)

type redlineKey struct {
	lang string
	c    *content.Chapter
}

type redlineOnce struct {
	once sync.Once
	res  diff.Result
}

// Redlines computes the redline of each chapter against its previous
// wording once per chapter and language, whatever the number of pages
// that show it; with a pack, once across builds. It is safe for
// concurrent use.
type Redlines struct {
	m    sync.Map // redlineKey -> *redlineOnce
	pack *cache.Pack
}

// NewRedlines returns an empty set of redlines that reads and fills pack
// (nil: memory only).
func NewRedlines(pack *cache.Pack) *Redlines { return &Redlines{pack: pack} }

// Get returns the redline of chapter c in lang. texts gives the previous
// and the new HTML of the chapter, resolved alike; it runs once.
func (r *Redlines) Get(lang string, c *content.Chapter, texts func() (oldHTML, newHTML []byte)) diff.Result {
	v, _ := r.m.LoadOrStore(redlineKey{lang, c}, &redlineOnce{})
	ro := v.(*redlineOnce)
	ro.once.Do(func() {
		oldHTML, newHTML := texts()
		if bytes.Equal(oldHTML, newHTML) {
			// Most chapters do not change between editions: no diff to
			// run, and no copy of the text to keep (the redline page
			// renders it).
			ro.res = diff.Result{Equal: true}
			return
		}
		// A redline of the same two texts is read from the build cache.
		key := cache.NewKey([]byte("redline"), []byte(lang), oldHTML, newHTML)
		ro.res = cache.Cached(r.pack, key, func() diff.Result {
			return diff.Redline(oldHTML, newHTML, diff.Options{Lang: lang})
		}, encodeRedline, decodeRedline)
	})
	return ro.res
}

// Compute returns a redline without keeping it: texts gives the old and
// the new HTML; the build cache, when set, still saves the comparison.
func (r *Redlines) Compute(lang string, texts func() (oldHTML, newHTML []byte)) diff.Result {
	oldHTML, newHTML := texts()
	if bytes.Equal(oldHTML, newHTML) {
		return diff.Result{Equal: true}
	}
	key := cache.NewKey([]byte("redline"), []byte(lang), oldHTML, newHTML)
	return cache.Cached(r.pack, key, func() diff.Result {
		return diff.Redline(oldHTML, newHTML, diff.Options{Lang: lang})
	}, encodeRedline, decodeRedline)
}

// encodeRedline and decodeRedline keep a redline in the build cache.
func encodeRedline(r diff.Result) []byte {
	b := binary.AppendUvarint(nil, uint64(r.Added))
	b = binary.AppendUvarint(b, uint64(r.Removed))
	if r.Equal {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	return append(b, r.HTML...)
}

func decodeRedline(b []byte) (diff.Result, bool) {
	added, n := binary.Uvarint(b)
	if n <= 0 {
		return diff.Result{}, false
	}
	b = b[n:]
	removed, n := binary.Uvarint(b)
	if n <= 0 || len(b) < n+1 || b[n] > 1 {
		return diff.Result{}, false
	}
	return diff.Result{Added: int(added), Removed: int(removed), Equal: b[n] == 1, HTML: b[n+1:]}, true
}
