package markdown

import (
	"html"
	"testing"
)

// TestAppendEscaped checks the escaping of link targets against the
// standard library's.
func TestAppendEscaped(t *testing.T) {
	for _, s := range []string{"", "plain", "../a/?q=1&r=2#x", `<a href="x">'y'</a>`, "&&", "é<ü>"} {
		if got, want := string(appendEscaped([]byte("p:"), s)), "p:"+html.EscapeString(s); got != want {
			t.Errorf("appendEscaped(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestAppendHTML checks that AppendHTML appends, and HTMLString returns,
// what HTML returns.
func TestAppendHTML(t *testing.T) {
	r := New(Options{Lang: "en"})
	d := r.Render([]byte("See [the rules](02-rules.en.md#tone) & [site](https://example.com/?a=1&b=2).\n\n![x](images/a.png)\n"), RenderOptions{BodyLine: 1})
	resolve := func(ref Ref) string { return "../" + ref.Slug + "/?k='v'&w" }
	want := string(d.HTML(resolve))
	if got := string(d.AppendHTML([]byte("prefix"), resolve)); got != "prefix"+want {
		t.Errorf("AppendHTML = %q, want prefix%q", got, want)
	}
	if got := d.HTMLString(resolve); got != want {
		t.Errorf("HTMLString = %q, want %q", got, want)
	}
	if len(want) < d.Len() || d.Len() == 0 {
		t.Errorf("Len = %d for HTML of %d bytes", d.Len(), len(want))
	}
}
