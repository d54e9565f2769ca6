// Package diag holds the located errors and warnings that every stage of the
// builder reports, in the "path:line: message" form editors can jump to.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Diagnostic is one fault in the sources. Path is relative to the source
// folder (it starts with "content/", "layouts/" or "static/"); Line is 1-based,
// or 0 when no line applies.
type Diagnostic struct {
	Path    string
	Line    int
	Warning bool
	Message string
}

// String formats d as "path:line: message", "path:line: warning: message",
// or without the line when Line is 0.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Path)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
	}
	b.WriteString(": ")
	if d.Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Message)
	return b.String()
}

// List collects diagnostics from one run.
type List []Diagnostic

// Errorf records an error at path:line.
func (l *List) Errorf(path string, line int, format string, args ...any) {
	*l = append(*l, Diagnostic{Path: path, Line: line, Message: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at path:line.
func (l *List) Warnf(path string, line int, format string, args ...any) {
	*l = append(*l, Diagnostic{Path: path, Line: line, Warning: true, Message: fmt.Sprintf(format, args...)})
}

// Add appends other diagnostics.
func (l *List) Add(ds ...Diagnostic) { *l = append(*l, ds...) }

// Sort orders the list by path, then line, then message, and drops exact
// duplicates, so each fault is reported once whatever stage found it.
func (l List) Sort() List {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Message < b.Message
	})
	out := l[:0]
	for i, d := range l {
		if i > 0 && d == l[i-1] {
			continue
		}
		out = append(out, d)
	}
	return out
}

// HasErrors reports whether any diagnostic is an error (not a warning).
func (l List) HasErrors() bool {
	for _, d := range l {
		if !d.Warning {
			return true
		}
	}
	return false
}

// Errors returns only the errors.
func (l List) Errors() List {
	var out List
	for _, d := range l {
		if !d.Warning {
			out = append(out, d)
		}
	}
	return out
}

// Err returns an error listing every error of l, or nil when there is none.
func (l List) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	return &Error{List: errs.Sort()}
}

// Error is the error returned when the sources have faults; callers print
// List one per line.
type Error struct{ List List }

func (e *Error) Error() string {
	lines := make([]string, len(e.List))
	for i, d := range e.List {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// AsList extracts the diagnostics from err, if it carries any.
func AsList(err error) (List, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e.List, true
	}
	return nil, false
}
