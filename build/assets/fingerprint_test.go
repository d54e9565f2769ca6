package assets

import "testing"

func TestFingerprint(t *testing.T) {
	content := []byte("body{margin:0}")
	const h = "20077037" // the first 8 hex digits of sha256sum of content
	tests := []struct {
		name string
		in   string
		want string
	}{
		{name: "nested", in: "css/site.css", want: "css/site." + h + ".css"},
		{name: "top", in: "site.js", want: "site." + h + ".js"},
		{name: "two dots", in: "js/search.min.js", want: "js/search.min." + h + ".js"},
		{name: "no extension", in: "fonts/LICENSE", want: "fonts/LICENSE." + h},
		{name: "leading dot only", in: "x/.nojekyll", want: "x/.nojekyll." + h},
		{name: "leading dot and extension", in: ".config.json", want: ".config." + h + ".json"},
		{name: "dot in a folder", in: "2024.1/images/logo.svg", want: "2024.1/images/logo." + h + ".svg"},
		{name: "dotted folder, no extension", in: "2024.1/README", want: "2024.1/README." + h},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Fingerprint(tc.in, content); got != tc.want {
				t.Errorf("Fingerprint(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestFingerprintChangesWithContent(t *testing.T) {
	a := Fingerprint("css/site.css", []byte("a{color:red}"))
	b := Fingerprint("css/site.css", []byte("a{color:blue}"))
	if a == b {
		t.Errorf("same name %q for different contents", a)
	}
	if a != Fingerprint("css/site.css", []byte("a{color:red}")) {
		t.Error("not deterministic")
	}
	if want := "css/site.ea159630.css"; a != want { // printf 'a{color:red}' | sha256sum
		t.Errorf("got %q, want %q", a, want)
	}
}
