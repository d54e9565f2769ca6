package serve

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzSitePath checks that whatever a request line holds, a path accepted
// by sitePath names nothing outside the site: no dot segment, no empty
// segment, no backslash or control character, nothing absolute.
func FuzzSitePath(f *testing.F) {
	for _, s := range []string{"/", "/fr/netiquette/", "/fr/netiquette/index.html", "/../etc/passwd", "/%2e%2e/x", "/a%2fb", "/a\\b", "//x", "/fr/%00", "/%252e%252e/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, target string) {
		u, err := url.ParseRequestURI(target)
		if err != nil {
			return
		}
		key, ok := sitePath(u)
		if !ok {
			return
		}
		if key == "" || strings.HasPrefix(key, "/") || strings.ContainsAny(key, "\\\x00") {
			t.Fatalf("sitePath(%q) = %q", target, key)
		}
		for _, seg := range strings.Split(strings.TrimSuffix(key, "/"), "/") {
			if seg == "" || seg == "." || seg == ".." {
				t.Fatalf("sitePath(%q) = %q: bad segment %q", target, key, seg)
			}
		}
	})
}
