package output

import (
	"bytes"
	"compress/gzip"
	"math/bits"
	"path"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

// Encodings are the precompressed variants written beside a file that
// Precompressed accepts, by suffix, in the order written: gzip, which
// every browser takes (nginx gzip_static, Caddy's precompressed gzip), and
// Brotli (ngx_brotli's brotli_static, Caddy's precompressed br), smaller.
// A server configured so sends them with no CPU; see docs/deploy.md.
var Encodings = []string{".gz", ".br"}

// Precompressed reports whether the file at rel, a path in the output,
// gets precompressed variants: scripts, style sheets and the search files
// a query fetches whole (the directories, the shards, the list of
// editions). Not the search pack (p.bin), which is read by byte ranges: a
// server does not answer ranges of a compressed variant.
func Precompressed(rel string) bool {
	switch path.Ext(rel) {
	case ".js", ".css":
		return true
	case ".json", ".bin":
		return strings.HasPrefix(rel, "search/") && path.Base(rel) != "p.bin"
	}
	return false
}

// A Compressor makes the precompressed variants of files. It keeps the
// encoders it made for the next file of the same settings: a gzip encoder
// allocates about 800 KB and a Brotli one a match finder sized by its
// window, which used to be most of what a small handbook's build
// allocated. Its zero value is ready; it is safe for concurrent use.
type Compressor struct {
	pools sync.Map // encoderKey -> *sync.Pool of *gzip.Writer or *brotli.Writer
}

// encoderKey names an encoder's settings; encoders are reused only under
// the same ones, since a Brotli encoder's tables are sized by its window.
type encoderKey struct {
	suffix        string
	level, window int
}

// Compression settings. Scripts and style sheets, fetched by every page,
// get gzip's strongest level and Brotli 9: Brotli 10 and 11 save another 6 %
// of the handbook's 14 KB of compressed scripts and style but cost five
// times the CPU, 60 ms of every build. Search files, numerous on a large
// handbook, get settings about as fast as a server's on-the-fly gzip.
const (
	gzipStrong, gzipFast     = gzip.BestCompression, 6
	brotliStrong, brotliFast = 9, 5
)

// Compress returns the variant of data for suffix (one of Encodings).
func (c *Compressor) Compress(rel, suffix string, data []byte) []byte {
	strong := path.Ext(rel) == ".js" || path.Ext(rel) == ".css"
	b := bytes.NewBuffer(make([]byte, 0, len(data)/2+64))
	switch suffix {
	case ".gz":
		key := encoderKey{suffix: suffix, level: gzipFast}
		if strong {
			key.level = gzipStrong
		}
		p := c.pool(key)
		w, _ := p.Get().(*gzip.Writer)
		if w == nil {
			w, _ = gzip.NewWriterLevel(b, key.level) // the level is valid
		} else {
			w.Reset(b)
		}
		w.Write(data)
		w.Close()
		p.Put(w)
	case ".br":
		key := encoderKey{suffix: suffix, level: brotliFast, window: brotliWindow(len(data))}
		if strong {
			key.level = brotliStrong
		}
		p := c.pool(key)
		w, _ := p.Get().(*brotli.Writer)
		if w == nil {
			w = brotli.NewWriterOptions(b, brotli.WriterOptions{Quality: key.level, LGWin: key.window})
		} else {
			w.Reset(b) // documented as equivalent to a new encoder of the same options
		}
		w.Write(data)
		w.Close()
		p.Put(w)
	default:
		panic("output.Compress: unknown suffix " + suffix)
	}
	return b.Bytes()
}

func (c *Compressor) pool(key encoderKey) *sync.Pool {
	if p, ok := c.pools.Load(key); ok {
		return p.(*sync.Pool)
	}
	p, _ := c.pools.LoadOrStore(key, new(sync.Pool))
	return p.(*sync.Pool)
}

// brotliWindow is the base-2 logarithm of the smallest Brotli window that
// holds n bytes. A window larger than the file compresses no better, and
// Brotli's strongest settings allocate eight bytes of match tree per byte
// of window: the default 4 MiB window cost 32 MiB of zeroed memory a file,
// most of a small handbook's build time.
func brotliWindow(n int) int {
	return min(max(bits.Len(uint(n+16)), 10), 24) // Brotli keeps 16 bytes of the window for itself
}
