package feed

import (
	"bufio"
	"io"
	"time"
	"unicode/utf8"
)

// xmlWriter writes indented XML. Element and attribute names are constants
// of this package and written as they are; text and attribute values are
// escaped. Errors stick in the bufio.Writer and surface at flush.
type xmlWriter struct {
	b     *bufio.Writer
	depth int
}

func newXMLWriter(w io.Writer) *xmlWriter {
	x := &xmlWriter{b: bufio.NewWriterSize(w, 32<<10)}
	x.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	return x
}

func (x *xmlWriter) indent() {
	for range x.depth {
		x.b.WriteString("  ")
	}
}

// start writes the start tag of name with attrs (name, value pairs).
func (x *xmlWriter) start(name string, attrs ...string) {
	x.indent()
	x.tag(name, attrs)
	x.b.WriteString(">\n")
	x.depth++
}

// end writes the end tag of name.
func (x *xmlWriter) end(name string) {
	x.depth--
	x.indent()
	x.closeTag(name)
}

// elem writes <name attrs>text</name> on one line.
func (x *xmlWriter) elem(name, text string, attrs ...string) {
	x.indent()
	x.tag(name, attrs)
	x.b.WriteByte('>')
	escape(x.b, text, false)
	x.closeTag(name)
}

// date writes <name>t</name> with t formatted by layout (dates need no
// escaping).
func (x *xmlWriter) date(name string, t time.Time, layout string) {
	var buf [64]byte
	x.indent()
	x.tag(name, nil)
	x.b.WriteByte('>')
	x.b.Write(appendDate(buf[:0], t, layout))
	x.closeTag(name)
}

// empty writes <name attrs/>.
func (x *xmlWriter) empty(name string, attrs ...string) {
	x.indent()
	x.tag(name, attrs)
	x.b.WriteString("/>\n")
}

func (x *xmlWriter) tag(name string, attrs []string) {
	x.b.WriteByte('<')
	x.b.WriteString(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		x.b.WriteByte(' ')
		x.b.WriteString(attrs[i])
		x.b.WriteString(`="`)
		escape(x.b, attrs[i+1], true)
		x.b.WriteByte('"')
	}
}

// closeTag writes </name> and a newline.
func (x *xmlWriter) closeTag(name string) {
	x.b.WriteString("</")
	x.b.WriteString(name)
	x.b.WriteString(">\n")
}

func (x *xmlWriter) flush() error { return x.b.Flush() }

// escape writes s as XML character data (or an attribute value when attr):
// markup characters become references, '\r' (and in attributes '\t' and
// '\n', which parsers would turn into spaces) become character references
// so they survive a round trip, characters XML 1.0 forbids are dropped and
// invalid UTF-8 becomes U+FFFD.
func escape(b *bufio.Writer, s string, attr bool) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		size := 1
		var rep string
		if c < utf8.RuneSelf {
			switch {
			case c == '&':
				rep = "&amp;"
			case c == '<':
				rep = "&lt;"
			case c == '>':
				rep = "&gt;"
			case c == '"' && attr:
				rep = "&quot;"
			case c == '\r':
				rep = "&#xD;"
			case c == '\n' && attr:
				rep = "&#xA;"
			case c == '\t' && attr:
				rep = "&#x9;"
			case c < 0x20 && c != '\n' && c != '\t':
				rep = "" // C0 control: not allowed in XML 1.0
			default:
				i++
				continue
			}
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				rep = "\uFFFD"
			case !isXMLChar(r):
				rep = ""
			default:
				i += size
				continue
			}
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		i += size
		last = i
	}
	b.WriteString(s[last:])
}

// isXMLChar reports whether r may appear in an XML 1.0 document (the Char
// production).
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
