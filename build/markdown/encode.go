package markdown

import (
	"encoding/binary"
	"errors"

	"example.com/handbook/build/diag"
)

// docEncoding is the first byte of an encoded Doc; it changes with the
// layout below.
const docEncoding = 1

// AppendBinary appends d, every field included, to b, so that a build can
// keep rendered chapters in its cache on disk (see build/cache) and read
// them back with UnmarshalBinary instead of rendering them again.
func (d *Doc) AppendBinary(b []byte) ([]byte, error) {
	w := encoder{b: append(b, docEncoding)}
	w.int(len(d.Headings))
	for _, h := range d.Headings {
		w.int(h.Level)
		w.str(h.ID)
		w.str(h.Text)
		w.int(h.Line)
	}
	w.int(len(d.Sections))
	for _, s := range d.Sections {
		w.str(s.ID)
		w.str(s.Heading)
		w.str(s.Text)
	}
	w.int(len(d.Refs))
	for _, r := range d.Refs {
		w.int(int(r.Kind))
		w.str(r.Target)
		w.str(r.File)
		w.str(r.Slug)
		w.str(r.Lang)
		w.str(r.Fragment)
		w.int(r.Line)
	}
	w.int(len(d.Diagnostics))
	for _, g := range d.Diagnostics {
		w.str(g.Path)
		w.int(g.Line)
		w.bool(g.Warning)
		w.str(g.Message)
	}
	w.str(string(d.html))
	w.int(len(d.slots))
	for _, s := range d.slots {
		w.int(s.off)
		w.int(s.ref)
	}
	w.str(d.text)
	return w.b, nil
}

// UnmarshalBinary sets d from bytes written by AppendBinary. It checks
// every length and every slot against the HTML, so that damaged bytes give
// an error, never a Doc that panics later.
func (d *Doc) UnmarshalBinary(data []byte) error {
	if len(data) == 0 || data[0] != docEncoding {
		return errors.New("markdown: not an encoded Doc of this version")
	}
	r := decoder{b: data[1:]}
	var out Doc
	if n := r.count(); n > 0 {
		out.Headings = make([]Heading, n)
		for i := range out.Headings {
			out.Headings[i] = Heading{Level: r.int(), ID: r.str(), Text: r.str(), Line: r.int()}
		}
	}
	if n := r.count(); n > 0 {
		out.Sections = make([]Section, n)
		for i := range out.Sections {
			out.Sections[i] = Section{ID: r.str(), Heading: r.str(), Text: r.str()}
		}
	}
	if n := r.count(); n > 0 {
		out.Refs = make([]Ref, n)
		for i := range out.Refs {
			out.Refs[i] = Ref{Kind: RefKind(r.int()), Target: r.str(), File: r.str(), Slug: r.str(), Lang: r.str(), Fragment: r.str(), Line: r.int()}
		}
	}
	if n := r.count(); n > 0 {
		out.Diagnostics = make(diag.List, n)
		for i := range out.Diagnostics {
			out.Diagnostics[i] = diag.Diagnostic{Path: r.str(), Line: r.int(), Warning: r.bool(), Message: r.str()}
		}
	}
	out.html = []byte(r.str())
	if n := r.count(); n > 0 {
		out.slots = make([]slotAt, n)
		last := 0
		for i := range out.slots {
			s := slotAt{off: r.int(), ref: r.int()}
			if s.off < last || s.off > len(out.html) || s.ref < 0 || s.ref >= len(out.Refs) {
				r.err = errors.New("markdown: encoded Doc has a slot out of place")
			}
			last = s.off
			out.slots[i] = s
		}
	}
	out.text = r.str()
	if r.err == nil && len(r.b) > 0 {
		r.err = errors.New("markdown: bytes after the encoded Doc")
	}
	if r.err != nil {
		return r.err
	}
	*d = out
	return nil
}

type encoder struct{ b []byte }

func (w *encoder) int(n int) { w.b = binary.AppendVarint(w.b, int64(n)) }
func (w *encoder) str(s string) {
	w.b = binary.AppendUvarint(w.b, uint64(len(s)))
	w.b = append(w.b, s...)
}
func (w *encoder) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

// decoder reads what encoder wrote; after the first fault it returns zero
// values and keeps the fault in err.
type decoder struct {
	b   []byte
	err error
}

var errShort = errors.New("markdown: encoded Doc is cut short")

func (r *decoder) int() int {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 || v != int64(int(v)) {
		r.err = errShort
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

// count reads a length of a list, which cannot exceed the bytes left (every
// element takes at least one).
func (r *decoder) count() int {
	n := r.int()
	if n < 0 || n > len(r.b) {
		if r.err == nil {
			r.err = errShort
		}
		return 0
	}
	return n
}

func (r *decoder) str() string {
	if r.err != nil {
		return ""
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > uint64(len(r.b)-n) {
		r.err = errShort
		return ""
	}
	s := string(r.b[n : n+int(v)])
	r.b = r.b[n+int(v):]
	return s
}

func (r *decoder) bool() bool {
	if r.err != nil {
		return false
	}
	if len(r.b) == 0 || r.b[0] > 1 {
		r.err = errShort
		return false
	}
	v := r.b[0] == 1
	r.b = r.b[1:]
	return v
}
