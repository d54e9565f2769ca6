package feed

import (
	"crypto/sha1"
	"encoding/hex"
	"net/url"
	"strings"
)

// EntryNamespace is the UUID namespace of entry ids (generated once at
// random, fixed forever: changing it would change every published id).
const EntryNamespace = "16975143-3dc8-4b6b-ad62-5132d772b6df"

// FeedNamespace is the UUID namespace of feed ids, distinct from
// EntryNamespace so a feed id can never equal an entry id. Fixed forever.
const FeedNamespace = "9fd6c3eb-ed1b-4755-a152-b872ffabdbcf"

// EntryID returns the id of a feed entry: "urn:uuid:" and the name-based
// UUID (version 5, SHA-1, RFC 9562) of "handbookID/edition/lang/slug" in
// EntryNamespace. slug is "" for the entry of the edition itself. The id
// depends only on these four values, never on base_url, so it stays the
// same once published; it is a valid Atom id and RSS guid.
func EntryID(handbookID, edition, lang, slug string) string {
	return urnUUID(EntryNamespace, handbookID+"/"+edition+"/"+lang+"/"+slug)
}

// FeedID returns the id of a feed: the site-wide feed of a language when
// slug is "", else the feed of one chapter. Built like EntryID, from
// "handbookID/lang/slug" in FeedNamespace.
func FeedID(handbookID, lang, slug string) string {
	return urnUUID(FeedNamespace, handbookID+"/"+lang+"/"+slug)
}

// HandbookID returns the id feed ids are built from: settingsID (id in
// handbook.yaml) when set, else the host and path of baseURL without the
// scheme, default port or trailing slash ("https://intranet.example.com/handbook/"
// -> "intranet.example.com/handbook"), so moving from http to https keeps the
// ids. It returns "" when neither gives one (no id and no absolute base_url).
func HandbookID(settingsID, baseURL string) string {
	if id := strings.TrimSpace(settingsID); id != "" {
		return id
	}
	u, err := url.Parse(strings.TrimSpace(baseURL))
	if err != nil || u.Host == "" {
		return ""
	}
	host := strings.ToLower(u.Host)
	switch {
	case u.Scheme == "https" && strings.HasSuffix(host, ":443"):
		host = strings.TrimSuffix(host, ":443")
	case u.Scheme == "http" && strings.HasSuffix(host, ":80"):
		host = strings.TrimSuffix(host, ":80")
	}
	return host + strings.TrimRight(u.EscapedPath(), "/")
}

// urnUUID returns "urn:uuid:" and the version 5 UUID of name in namespace
// ns (a UUID in its text form).
func urnUUID(ns, name string) string {
	var space [16]byte
	if _, err := hex.Decode(space[:], []byte(strings.ReplaceAll(ns, "-", ""))); err != nil {
		panic("feed: bad namespace UUID " + ns) // the namespaces are constants
	}
	h := sha1.New()
	h.Write(space[:])
	h.Write([]byte(name))
	var sum [sha1.Size]byte
	u := h.Sum(sum[:0])[:16]
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 9562 variant
	var out [36]byte
	hex.Encode(out[0:8], u[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], u[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], u[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], u[8:10])
	out[23] = '-'
	hex.Encode(out[24:36], u[10:16])
	return "urn:uuid:" + string(out[:])
}
