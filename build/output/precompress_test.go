package output

import (
	"bytes"
	"compress/gzip"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// TestCompressRoundTrip decompresses every variant with the reader a
// browser's would match, at sizes around the Brotli window boundaries that
// brotliWindow picks, so a window too small for its file shows up here;
// one Compressor makes them all, so an encoder reused with state left
// from its previous file shows up too.
func TestCompressRoundTrip(t *testing.T) {
	var c Compressor
	rng := rand.New(rand.NewPCG(1, 2))
	text := func(n int) []byte {
		words := strings.Fields("la charte des médias sociaux s'applique à toute personne employée publication réseau confidentialité")
		var b bytes.Buffer
		for b.Len() < n {
			b.WriteString(words[rng.IntN(len(words))])
			b.WriteByte(' ')
		}
		return b.Bytes()[:n]
	}
	random := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return b
	}
	for _, n := range []int{0, 1, 1008, 1009, 1024, 4096 - 16, 70_000, 300_000} {
		for _, data := range [][]byte{text(n), random(n)} {
			for _, rel := range []string{"static/main.js", "search/fr/2025.1/s/3.bin"} {
				for _, suffix := range Encodings {
					got := c.Compress(rel, suffix, data)
					var r io.Reader
					switch suffix {
					case ".gz":
						zr, err := gzip.NewReader(bytes.NewReader(got))
						if err != nil {
							t.Fatalf("%s%s, %d bytes: %v", rel, suffix, n, err)
						}
						r = zr
					case ".br":
						r = brotli.NewReader(bytes.NewReader(got))
					}
					back, err := io.ReadAll(r)
					if err != nil {
						t.Fatalf("%s%s, %d bytes: %v", rel, suffix, n, err)
					}
					if !bytes.Equal(back, data) {
						t.Fatalf("%s%s, %d bytes: round trip gave %d different bytes", rel, suffix, n, len(back))
					}
				}
			}
		}
	}
}

func TestBrotliWindowHoldsTheFile(t *testing.T) {
	for _, n := range []int{0, 1, 1000, 1008, 1009, 65536, 1 << 23, 1 << 30} {
		w := brotliWindow(n)
		if w < 10 || w > 24 {
			t.Errorf("brotliWindow(%d) = %d, outside Brotli's 10..24", n, w)
		}
		if w < 24 && 1<<w-16 < n {
			t.Errorf("brotliWindow(%d) = %d: the window holds %d bytes, fewer than the file", n, w, 1<<w-16)
		}
	}
}
