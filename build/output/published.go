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
const publishedHeader = "# handbook published URLs, format 1: a site-root-relative path per line, then the chapter it showed"

// Published is one URL an output published.
type Published struct {
	// URL is the site-root-relative path ("fr/netiquette/", "fr/feed.xml").
	URL string
	// Chapter, for a page of one chapter, is the chapter's slug as its
	// file names it: with it, a later build still finds the chapter when
	// the slug in the URL changed (a translation's own slug), and sends
	// the reader on. "" for other pages.
	Chapter string
}

// FormatPublished returns the published-URL list of urls: the header, then
// each URL once, in sorted order, so that two builds of the same site write
// the same bytes.
func FormatPublished(urls []Published) []byte {
	sorted := slices.SortedFunc(slices.Values(urls), func(a, b Published) int { return strings.Compare(a.URL, b.URL) })
	sorted = slices.CompactFunc(sorted, func(a, b Published) bool { return a.URL == b.URL })
	var b bytes.Buffer
	b.WriteString(publishedHeader + "\n")
	for _, u := range sorted {
		b.WriteString(u.URL)
		if u.Chapter != "" {
			b.WriteByte(' ')
			b.WriteString(u.Chapter)
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// ReadPublished reads the published-URL list at the root of fsys (an output
// folder). An output without one (never built, or built before lists were
// kept) returns no URL and no error. A list that is not one handbook wrote
// is an error naming the line, since a build cannot then tell which URLs
// it must keep.
func ReadPublished(fsys fs.FS) ([]Published, error) {
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
	urls := make([]Published, 0, len(lines)-1)
	for i, l := range lines[1:] {
		u, ch, _ := strings.Cut(l, " ")
		if err := checkURLPath(u); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", PublishedName, i+2, err)
		}
		if strings.ContainsAny(ch, " \t\r") {
			return nil, fmt.Errorf("%s:%d: %q: want a URL and at most one chapter slug", PublishedName, i+2, l)
		}
		urls = append(urls, Published{URL: u, Chapter: ch})
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
func Vanished(prev []Published, has func(url string) bool) []Published {
	var out []Published
	for _, u := range prev {
		if !has(u.URL) {
			out = append(out, u)
		}
	}
	return out
}
