package output

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestPublishedRoundTrip(t *testing.T) {
	urls := []Published{{"fr/netiquette/", "netiquette"}, {"en/feed.xml", ""}, {"fr/", ""}, {"fr/netiquette/", "netiquette"}, {"404.html", ""}}
	data := FormatPublished(urls)
	want := publishedHeader + "\n404.html\nen/feed.xml\nfr/\nfr/netiquette/ netiquette\n"
	if string(data) != want {
		t.Fatalf("FormatPublished:\n%s\nwant:\n%s", data, want)
	}
	got, err := ReadPublished(fstest.MapFS{PublishedName: {Data: data}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []Published{{"404.html", ""}, {"en/feed.xml", ""}, {"fr/", ""}, {"fr/netiquette/", "netiquette"}}) {
		t.Errorf("ReadPublished: %q", got)
	}
}

func TestReadPublished(t *testing.T) {
	cases := []struct {
		name    string
		files   fstest.MapFS
		want    []Published
		wantErr string
	}{
		{"no list", fstest.MapFS{MarkerName: {Data: []byte(markerContent)}}, nil, ""},
		{"empty list", fstest.MapFS{PublishedName: {Data: []byte(publishedHeader + "\n")}}, nil, ""},
		{"CRLF is not ours", fstest.MapFS{PublishedName: {Data: []byte(publishedHeader + "\r\nfr/\r\n")}}, nil, PublishedName + `:1: not a list of published URLs written by this handbook`},
		{"foreign file", fstest.MapFS{PublishedName: {Data: []byte("index.html\n")}}, nil, PublishedName + `:1: not a list of published URLs written by this handbook (first line "index.html")`},
		{"empty file", fstest.MapFS{PublishedName: {Data: nil}}, nil, PublishedName + `:1: empty file`},
		{"blank line", fstest.MapFS{PublishedName: {Data: []byte(publishedHeader + "\nfr/\n\nen/\n")}}, nil, PublishedName + `:3: empty line`},
		{"path leaves the output", fstest.MapFS{PublishedName: {Data: []byte(publishedHeader + "\n../etc/passwd\n")}}, nil, PublishedName + `:2: "../etc/passwd": path leaves the output folder`},
		{"two words after the URL", fstest.MapFS{PublishedName: {Data: []byte(publishedHeader + "\nfr/a/ a b\n")}}, nil, PublishedName + `:2: "fr/a/ a b": want a URL and at most one chapter slug`},
		{"rooted path", fstest.MapFS{PublishedName: {Data: []byte(publishedHeader + "\n/fr/\n")}}, nil, PublishedName + `:2: "/fr/": path`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadPublished(tc.files)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("error: %v", err)
			case tc.wantErr != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.wantErr)):
				t.Fatalf("error %v, want one starting with %q", err, tc.wantErr)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestVanished(t *testing.T) {
	now := map[string]bool{"fr/": true, "fr/netiquette/": true}
	got := Vanished([]Published{{"fr/", ""}, {"fr/old/", "old"}, {"fr/netiquette/", "netiquette"}, {"fr/old/history/", "old"}}, func(u string) bool { return now[u] })
	if !slices.Equal(got, []Published{{"fr/old/", "old"}, {"fr/old/history/", "old"}}) {
		t.Errorf("Vanished: %q", got)
	}
	if got := Vanished(nil, func(string) bool { return false }); got != nil {
		t.Errorf("Vanished of nothing: %q", got)
	}
}

// TestPublishedBesideMarker publishes twice, recycling the first output as
// the second's folder: each output holds its own list beside the marker,
// never the stale one of the folder it was written in.
func TestPublishedBesideMarker(t *testing.T) {
	root, src := fixture(t)
	out := filepath.Join(root, "public")
	for i, urls := range [][]Published{{{"fr/", ""}, {"fr/a/", "a"}}, {{"fr/", ""}, {"fr/b/", "b"}}, {{"fr/", ""}, {"fr/c/", "c"}}} {
		o := Options{Out: out, Source: src, Recycle: true}
		err := Publish(context.Background(), o, func(ctx context.Context, dir string) error {
			prev, err := ReadPublished(os.DirFS(out))
			if err != nil {
				return err
			}
			if i > 0 && !slices.Contains(prev, Published{"fr/", ""}) {
				t.Errorf("build %d: the previous list is %q", i, prev)
			}
			return WriteFile(dir, PublishedName, FormatPublished(urls))
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := ReadPublished(os.DirFS(out))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, urls) || !hasMarker(out) {
			t.Errorf("build %d: list %q (marker %t), want %q", i, got, hasMarker(out), urls)
		}
	}
}
