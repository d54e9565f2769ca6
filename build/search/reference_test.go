package search

import (
	"fmt"
	"strings"
)

// openRef opens the index among files (as Build's Files returns them) for
// tests that look inside: its reader, with the files it reads logged in
// fetched.
func openRef(files map[string][]byte) (*reader, error) {
	var dir string
	for name := range files {
		if d, ok := strings.CutSuffix(name, "index.json"); ok {
			if dir != "" {
				return nil, fmt.Errorf("two indexes: %s and %s", dir, d)
			}
			dir = d
		}
	}
	if dir == "" {
		return nil, fmt.Errorf("no index.json among %d files", len(files))
	}
	return openReader(dir, func(name string) ([]byte, error) {
		b, ok := files[name]
		if !ok {
			return nil, fmt.Errorf("%s: missing", name)
		}
		return b, nil
	})
}
