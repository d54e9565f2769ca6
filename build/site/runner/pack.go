package runner

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"

	"example.com/handbook/build/cache"
)

// DocPackName is the name of the pack of the handbook in the folder
// source, in a cache folder: one pack per handbook, so that building two
// handbooks in turn does not make each drop the other's entries.
func DocPackName(source string) string {
	if abs, err := filepath.Abs(source); err == nil {
		source = abs
	}
	sum := sha256.Sum256([]byte(source))
	return "build-" + hex.EncodeToString(sum[:8]) + ".pack"
}

// OpenDocPack opens the pack of the handbook in source in the cache
// folder dir, for builder version (a pack written by another one is not
// read; see version.Info.Builder).
func OpenDocPack(dir, source, version string) (*cache.Pack, error) {
	return cache.Open(dir, DocPackName(source), version)
}
