package content

import (
	"fmt"
	"io/fs"
	"os"
	"time"

	"example.com/handbook/build/diag"
)

// LoadOptions says how to load a content tree.
type LoadOptions struct {
	// Today is the day the edition rules apply on (see Today).
	Today time.Time
	// Drafts keeps draft chapters in the model (build -drafts, serve).
	// Draft editions are always loaded: their status says what they are.
	Drafts bool
}

// Load reads the content tree of fsys (an fs.FS rooted at the source
// folder: it holds content/) and returns the validated model, plus every
// diagnostic (errors and warnings, sorted). When the diagnostics hold
// errors the Handbook may be partial; callers must not publish it.
func Load(fsys fs.FS, o LoadOptions) (*Handbook, diag.List) {
	return Validate(ReadTree(fsys), o)
}

// OpenSource opens the source folder through os.Root, so that no path and
// no symlink read through root.FS() (or written through root, by new and
// release) leads outside it. It is the one way every command opens the
// source. Close root when done.
func OpenSource(dir string) (root *os.Root, err error) {
	root, err = os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("open source folder: %w", err)
	}
	return root, nil
}

// Today returns the day the edition rules apply on: HANDBOOK_NOW
// (YYYY-MM-DD) when set, else the machine's local date; as a UTC midnight,
// like every date of the model.
func Today() (time.Time, error) {
	return TodayFrom(os.Getenv("HANDBOOK_NOW"), time.Now())
}

// TodayFrom is Today with the value of HANDBOOK_NOW and the clock given.
func TodayFrom(handbookNow string, now time.Time) (time.Time, error) {
	if handbookNow != "" {
		t, err := ParseDate(handbookNow)
		if err != nil {
			return time.Time{}, fmt.Errorf("HANDBOOK_NOW: %w", err)
		}
		return t, nil
	}
	y, m, d := now.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
}
