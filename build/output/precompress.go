package output

import (
	"bytes"
	"compress/gzip"
	"path"
	"strings"

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

// Compress returns the variant of data for suffix (one of Encodings).
// Scripts and style sheets, small and fetched by every page, get the
// strongest settings; search files, numerous on a large handbook, get
// settings about as fast as a server's on-the-fly gzip.
func Compress(rel, suffix string, data []byte) []byte {
	strong := path.Ext(rel) == ".js" || path.Ext(rel) == ".css"
	var b bytes.Buffer
	switch suffix {
	case ".gz":
		level := 6
		if strong {
			level = gzip.BestCompression
		}
		w, _ := gzip.NewWriterLevel(&b, level) // the level is valid
		w.Write(data)
		w.Close()
	case ".br":
		q := 5
		if strong {
			q = brotli.BestCompression
		}
		w := brotli.NewWriterLevel(&b, q)
		w.Write(data)
		w.Close()
	default:
		panic("output.Compress: unknown suffix " + suffix)
	}
	return b.Bytes()
}
