// Package viewhash hashes the data a page's layouts receive. A template's
// output depends on its layouts and on that data, nothing else, so a page
// whose layouts and data hash as in the previous build renders the same
// bytes and need not be rendered again.
package viewhash

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"hash"
	"math"
	"reflect"
	"slices"
	"time"

	"example.com/handbook/build/i18n"
)

// ErrUnhashable says a value holds something viewHash cannot read (a func,
// a channel) or is too large; such a page is always rendered.
var ErrUnhashable = errors.New("view cannot be hashed")

// MaxBytes bounds the bytes hashed per page: a view that reaches
// further than its page (a model pointer) is rendered rather than hashed
// at length.
const MaxBytes = 64 << 20

var (
	timeType    = reflect.TypeFor[time.Time]()
	catalogType = reflect.TypeFor[*i18n.Catalog]()
)

// Hash hashes the page kind and its data d, every field reached, with
// the layouts' hash. Templates do no I/O and their functions are pure, so
// that is all a page's bytes depend on.
func Hash(layouts [32]byte, kind string, d any) ([32]byte, error) {
	w := viewHasher{h: sha256.New()}
	w.h.Write(layouts[:])
	w.str(kind)
	if err := w.value(reflect.ValueOf(d), 0); err != nil {
		return [32]byte{}, err
	}
	if w.total > MaxBytes {
		return [32]byte{}, ErrUnhashable
	}
	var sum [32]byte
	w.h.Sum(sum[:0])
	return sum, nil
}

type viewHasher struct {
	h       hash.Hash
	buf     [binary.MaxVarintLen64 + 1]byte
	scratch [512]byte
	total   int
}

func (w *viewHasher) tag(t byte, n uint64) {
	w.buf[0] = t
	k := binary.PutUvarint(w.buf[1:], n)
	w.h.Write(w.buf[:1+k])
}

func (w *viewHasher) str(s string) {
	w.tag('s', uint64(len(s)))
	w.total += len(s)
	// Through a scratch buffer: []byte(s) would copy every string of
	// every page's view to the heap.
	for len(s) > 0 {
		n := copy(w.scratch[:], s)
		w.h.Write(w.scratch[:n])
		s = s[n:]
	}
}

// value hashes v with its kind and every length, so that no two different
// values of one type hash alike. Types are not hashed: data of one page
// kind always has the same shape, and the kind is hashed.
func (w *viewHasher) value(v reflect.Value, depth int) error {
	if depth > 32 || w.total > MaxBytes {
		return ErrUnhashable
	}
	switch v.Kind() {
	case reflect.String:
		w.str(v.String())
	case reflect.Bool:
		if v.Bool() {
			w.tag('b', 1)
		} else {
			w.tag('b', 0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.tag('i', uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		w.tag('u', v.Uint())
	case reflect.Float32, reflect.Float64:
		w.tag('f', math.Float64bits(v.Float()))
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			w.tag('n', 0)
			return nil
		}
		w.tag('l', uint64(v.Len()))
		if v.Type().Elem().Kind() == reflect.Uint8 {
			w.total += v.Len()
			w.h.Write(v.Bytes())
			return nil
		}
		for i := range v.Len() {
			if err := w.value(v.Index(i), depth+1); err != nil {
				return err
			}
		}
	case reflect.Struct:
		if v.Type() == timeType {
			if !v.CanInterface() {
				return ErrUnhashable
			}
			t := v.Interface().(time.Time)
			w.tag('t', uint64(t.UnixNano()))
			w.str(t.Location().String())
			return nil
		}
		w.tag('{', uint64(v.NumField()))
		for i := range v.NumField() {
			if err := w.value(v.Field(i), depth+1); err != nil {
				return err
			}
		}
	case reflect.Pointer:
		if v.IsNil() {
			w.tag('n', 0)
			return nil
		}
		if v.Type() == catalogType {
			if !v.CanInterface() {
				return ErrUnhashable
			}
			// The strings are the builder's; its version is hashed apart.
			w.tag('c', 0)
			w.str(v.Interface().(*i18n.Catalog).Lang)
			return nil
		}
		w.tag('p', 0)
		return w.value(v.Elem(), depth+1)
	case reflect.Interface:
		if v.IsNil() {
			w.tag('n', 0)
			return nil
		}
		// Interfaces hold page kinds' data: their types tell them apart.
		w.str(v.Elem().Type().String())
		return w.value(v.Elem(), depth+1)
	case reflect.Map:
		if v.IsNil() {
			w.tag('n', 0)
			return nil
		}
		if v.Type().Key().Kind() != reflect.String {
			return ErrUnhashable
		}
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int {
			switch {
			case a.String() < b.String():
				return -1
			case a.String() > b.String():
				return 1
			}
			return 0
		})
		w.tag('m', uint64(len(keys)))
		for _, k := range keys {
			w.str(k.String())
			if err := w.value(v.MapIndex(k), depth+1); err != nil {
				return err
			}
		}
	default:
		return ErrUnhashable
	}
	return nil
}
