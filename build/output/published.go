package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
)

// PublishedName is the file, beside the marker in every output folder, that
// lists the URLs the output published (site-root-relative paths such as
// "fr/netiquette/"). The next build reads it to keep a promise to readers:
// a URL once published never vanishes without a page or a redirect.
const PublishedName = ".handbook-published"

// publishedHeader is the list's first line: what the file is, and the
// version of its format.
const publishedHeader = "# handbook published URLs, format 1: one site-root-relative path per line"

// FormatPublished returns the published-URL list of urls: the header, then
// each URL once, in sorted order, so that two builds of the same site write
// the same bytes.
func FormatPublished(urls []string) []byte {
	sorted := slices.Compact(slices.Sorted(slices.Values(urls)))
	var b bytes.Buffer
	b.WriteString(publishedHeader + "\n")
	for _, u := range sorted {
		b.WriteString(u)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// ReadPublished reads the published-URL list at the root of fsys (an output
// folder). An output without one (never built, or built before lists were
// kept) returns no URL and no error. A list that is not one handbook wrote
// is an error naming the line, since a build cannot then tell which URLs
// it must keep.
func ReadPublished(fsys fs.FS) ([]string, error) {
	data, err := fs.ReadFile(fsys, PublishedName)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", PublishedName, err)
	}
	if len(data) == 0 {
		return nil, fmt.Errorf("%s:1: empty file: not a list of published URLs", PublishedName)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if lines[0] != publishedHeader {
		return nil, fmt.Errorf("%s:1: not a list of published URLs written by this handbook (first line %q)", PublishedName, lines[0])
	}
	urls := make([]string, 0, len(lines)-1)
	for i, u := range lines[1:] {
		if err := checkURLPath(u); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", PublishedName, i+2, err)
		}
		urls = append(urls, u)
	}
	if len(urls) == 0 {
		return nil, nil
	}
	return urls, nil
}

// checkURLPath accepts a site-root-relative URL path: a file ("fr/feed.xml")
// or a folder ending in '/' ("fr/netiquette/"), clean and local.
func checkURLPath(u string) error {
	if u == "" {
		return errors.New("empty line")
	}
	if err := checkRel(strings.TrimSuffix(u, "/")); err != nil {
		return fmt.Errorf("%q: %v", u, err)
	}
	return nil
}

// Vanished returns the URLs of prev, in order, for which has reports false:
// those a new output would drop.
func Vanished(prev []string, has func(url string) bool) []string {
	var out []string
	for _, u := range prev {
		if !has(u) {
			out = append(out, u)
		}
	}
	return out
}
