package feed

import (
	"regexp"
	"testing"
)

var uuidURN = regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// TestUUIDv5Vector checks the UUID construction against RFC 9562's example
// (Appendix A.4: "www.example.com" in the DNS namespace).
func TestUUIDv5Vector(t *testing.T) {
	got := urnUUID("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com")
	if want := "urn:uuid:2ed6657d-e927-568b-95e1-2665a8aea6a2"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// TestIDsPinned pins published ids: if this test fails, every subscriber
// would see every entry again. Never update these values.
func TestIDsPinned(t *testing.T) {
	tests := []struct{ name, got, want string }{
		{"edition entry", EntryID("charte-medias-sociaux", "2024.1", "fr", ""), pinnedEdition},
		{"chapter entry", EntryID("charte-medias-sociaux", "2025.1", "en", "netiquette"), pinnedChapter},
		{"site feed", FeedID("charte-medias-sociaux", "fr", ""), pinnedFeed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %s, want %s", tc.got, tc.want)
			}
		})
	}
}

const (
	pinnedEdition = "urn:uuid:fd919b7c-3561-55fc-9d93-6c5dea7d9b6b"
	pinnedChapter = "urn:uuid:d0bbef45-0e3f-5e57-84f4-cb94cafae903"
	pinnedFeed    = "urn:uuid:446a1adc-539f-5236-a7d9-d568b5520b3e"
)

func TestIDsUnique(t *testing.T) {
	seen := map[string]string{}
	add := func(id, what string) {
		t.Helper()
		if !uuidURN.MatchString(id) {
			t.Errorf("%s: %q is not a urn:uuid of version 5", what, id)
		}
		if prev, ok := seen[id]; ok {
			t.Errorf("%s and %s share the id %s", prev, what, id)
		}
		seen[id] = what
	}
	for _, h := range []string{"charte-medias-sociaux", "intranet.example.com/handbook", "intranet.example.com"} {
		for _, lang := range []string{"fr", "en"} {
			for _, slug := range []string{"", "netiquette", "etat-d-esprit"} {
				for _, ed := range []string{"2024.1", "2024.10", "2025.1"} {
					add(EntryID(h, ed, lang, slug), "entry "+h+"/"+ed+"/"+lang+"/"+slug)
				}
				add(FeedID(h, lang, slug), "feed "+h+"/"+lang+"/"+slug)
			}
		}
	}
	if EntryID("h", "2025.1", "fr", "x") != EntryID("h", "2025.1", "fr", "x") {
		t.Error("EntryID is not stable")
	}
}

func TestHandbookID(t *testing.T) {
	tests := []struct {
		name, id, base, want string
	}{
		{"settings id wins", "charte-medias-sociaux", "https://intranet.example.com/handbook/", "charte-medias-sociaux"},
		{"settings id trimmed", "  charte  ", "", "charte"},
		{"host and path", "", "https://intranet.example.com/handbook/", "intranet.example.com/handbook"},
		{"no trailing slash", "", "https://intranet.example.com/handbook", "intranet.example.com/handbook"},
		{"scheme does not matter", "", "http://intranet.example.com/handbook/", "intranet.example.com/handbook"},
		{"host case folded", "", "https://Intranet.Example.COM/handbook/", "intranet.example.com/handbook"},
		{"default https port dropped", "", "https://intranet.example.com:443/handbook/", "intranet.example.com/handbook"},
		{"default http port dropped", "", "http://intranet.example.com:80/handbook/", "intranet.example.com/handbook"},
		{"other port kept", "", "https://intranet.example.com:8443/handbook/", "intranet.example.com:8443/handbook"},
		{"root path", "", "https://policies.example.com/", "policies.example.com"},
		{"query and fragment ignored", "", "https://e.com/h/?x=1#y", "e.com/h"},
		{"nothing", "", "", ""},
		{"relative base", "", "/handbook/", ""},
		{"not a url", "", "://bad", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := HandbookID(tc.id, tc.base); got != tc.want {
				t.Errorf("HandbookID(%q, %q) = %q, want %q", tc.id, tc.base, got, tc.want)
			}
		})
	}
}
