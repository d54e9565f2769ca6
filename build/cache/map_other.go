//go:build !unix

package cache

import "os"

// mapFile reads the file whole where mapping is not available.
func mapFile(name string) ([]byte, func() error, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, nil, err
	}
	return b, func() error { return nil }, nil
}
