package version

import (
	"strings"
	"testing"
)

// TestOf checks that the test binary gets a release name and a builder
// name from the hash of its own bytes, the same on each call.
func TestOf(t *testing.T) {
	a, b := Of(), Of()
	if a.Release == "" || !strings.HasPrefix(a.Builder, "exe ") || len(a.Builder) != len("exe ")+64 {
		t.Errorf("Of() = %+v", a)
	}
	if a != b {
		t.Errorf("two calls differ: %+v, %+v", a, b)
	}
}
