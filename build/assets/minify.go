// Package assets prepares the files of a built site for publishing:
// minified HTML, CSS, JavaScript, SVG, XML and JSON, and fingerprinted names
// for files that may be cached forever.
package assets

import (
	"errors"
	"fmt"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
	"github.com/tdewolff/parse/v2/buffer"
)

// Minifier minifies the files of a site by media type. It is configured once
// and safe for concurrent use.
type Minifier struct {
	m *minify.M
}

// NewMinifier returns a Minifier for text/html, text/css, JavaScript
// (application/javascript, text/javascript), image/svg+xml, application/xml
// (text/xml) and application/json.
//
// HTML keeps what the Nu HTML checker and readers rely on: the html, head
// and body tags, end tags, quoted attribute values, the whitespace of <pre>,
// and lang attributes. Inline <script type="module"> is kept as written.
// Feeds (application/rss+xml, application/atom+xml) are not minified, so
// that they stay readable by people who open them.
func NewMinifier() *Minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{
		KeepDocumentTags: true,
		KeepEndTags:      true,
		KeepQuotes:       true,
		// Default attribute values (type="text/css", method="get") are
		// dropped: the checker only warns about them.
		KeepDefaultAttrVals: false,
		KeepWhitespace:      false, // <pre> and <textarea> keep theirs anyway
	})
	m.Add("text/css", &css.Minifier{})
	jsMin := &js.Minifier{}
	m.Add("application/javascript", jsMin)
	m.Add("text/javascript", jsMin)
	m.Add("image/svg+xml", &svg.Minifier{})
	xmlMin := &xml.Minifier{}
	m.Add("application/xml", xmlMin)
	m.Add("text/xml", xmlMin)
	m.Add("application/json", &json.Minifier{})
	return &Minifier{m: m}
}

// Minify returns b minified as mediaType ("text/html", or with parameters:
// "text/html; charset=utf-8"). A media type it does not minify, such as a
// feed's, returns b unchanged. b itself is never modified, so one slice may
// be minified by several goroutines at once.
func (m *Minifier) Minify(mediaType string, b []byte) ([]byte, error) {
	// A slice with no room beyond its length makes the parser copy it
	// instead of writing a sentinel byte past its end (and minifiers edit
	// their input in place).
	out, err := m.m.Bytes(mediaType, b[:len(b):len(b)])
	if errors.Is(err, minify.ErrNotExist) {
		return b, nil
	}
	if err != nil {
		return nil, fmt.Errorf("minify %s: %w", mediaType, err)
	}
	return out, nil
}

// AppendMinified appends b minified as mediaType to dst and returns the
// extended slice, the way Minify does, but without copying b first: the
// minifiers edit b in place (and write one byte past its length when
// its capacity allows), so b belongs to the caller alone and must not be
// used again. A build that renders a page into a buffer it reuses, and
// minifies it into another, allocates nothing per page this way. A media
// type it does not minify appends b unchanged.
func (m *Minifier) AppendMinified(dst []byte, mediaType string, b []byte) ([]byte, error) {
	w := buffer.NewWriter(dst)
	err := m.m.Minify(mediaType, w, buffer.NewReader(b))
	if errors.Is(err, minify.ErrNotExist) {
		return append(dst, b...), nil
	}
	if err != nil {
		return dst, fmt.Errorf("minify %s: %w", mediaType, err)
	}
	return w.Bytes(), nil
}
