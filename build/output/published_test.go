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
	urls := []string{"fr/netiquette/", "en/feed.xml", "fr/", "fr/netiquette/", "404.html"}
	data := FormatPublished(urls)
	want := publishedHeader + "\n404.html\nen/feed.xml\nfr/\nfr/netiquette/\n"
	if string(data) != want {
		t.Fatalf("FormatPublished:\n%s\nwant:\n%s", data, want)
	}
	got, err := ReadPublished(fstest.MapFS{PublishedName: {Data: data}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []string{"404.html", "en/feed.xml", "fr/", "fr/netiquette/"}) {
		t.Errorf("ReadPublished: %q", got)
	}
}

func TestReadPublished(t *testing.T) {
	cases := []struct {
		name    string
		files   fstest.MapFS
		want    []string
		wantErr string
	}{
		{"no list", fstest.MapFS{MarkerName: {Data: []byte(markerContent)}}, nil, ""},
		{"empty list", fstest.MapFS{PublishedName: {Data: []byte(publishedHeader + "\n")}}, nil, ""},
		{"CRLF is not ours", fstest.MapFS{PublishedName: {Data: []byte(publishedHeader + "\r\nfr/\r\n")}}, nil, PublishedName + `:1: not a list of published URLs written by this handbook`},
		{"foreign file", fstest.MapFS{PublishedName: {Data: []byte("index.html\n")}}, nil, PublishedName + `:1: not a list of published URLs written by this handbook (first line "index.html")`},
		{"empty file", fstest.MapFS{PublishedName: {Data: nil}}, nil, PublishedName + `:1: empty file`},
		{"blank line", fstest.MapFS{PublishedName: {Data: []byte(publishedHeader + "\nfr/\n\nen/\n")}}, nil, PublishedName + `:3: empty line`},
		{"path leaves the output", fstest.MapFS{PublishedName: {Data: []byte(publishedHeader + "\n../etc/passwd\n")}}, nil, PublishedName + `:2: "../etc/passwd": path leaves the output folder`},
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
	got := Vanished([]string{"fr/", "fr/old/", "fr/netiquette/", "fr/old/history/"}, func(u string) bool { return now[u] })
	if !slices.Equal(got, []string{"fr/old/", "fr/old/history/"}) {
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
	for i, urls := range [][]string{{"fr/", "fr/a/"}, {"fr/", "fr/b/"}, {"fr/", "fr/c/"}} {
		o := Options{Out: out, Source: src, Recycle: true}
		err := Publish(context.Background(), o, func(ctx context.Context, dir string) error {
			prev, err := ReadPublished(os.DirFS(out))
			if err != nil {
				return err
			}
			if i > 0 && !slices.Contains(prev, "fr/") {
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
