package assets

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"
)

// Fingerprint returns name with a short hash of content inserted before its
// extension: "css/site.css" -> "css/site.3f2a9c1b.css" (the first 8 hex
// digits of its SHA-256). A file whose content changes gets a new name, so
// servers may let browsers cache fingerprinted files forever. A name without
// extension gets the hash at its end ("LICENSE" -> "LICENSE.3f2a9c1b"), and a
// leading dot is not an extension (".well-known" -> ".well-known.3f2a9c1b").
func Fingerprint(name string, content []byte) string {
	sum := sha256.Sum256(content)
	hash := hex.EncodeToString(sum[:4])
	dir, base := path.Split(name)
	ext := path.Ext(base)
	if strings.TrimLeft(base, ".") == strings.TrimLeft(ext, ".") { // no extension, or only a leading dot
		ext = ""
	}
	return dir + strings.TrimSuffix(base, ext) + "." + hash + ext
}
