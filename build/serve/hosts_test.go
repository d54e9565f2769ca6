package serve

import (
	"net/http"
	"testing"
)

func TestHostPolicy(t *testing.T) {
	tests := []struct {
		name   string
		addr   string
		extra  []string
		host   string
		origin string
		header map[string]string
		ok     bool
	}{
		{"served address", "127.0.0.1:8080", nil, "127.0.0.1:8080", "", nil, true},
		{"localhost", "127.0.0.1:8080", nil, "localhost:8080", "", nil, true},
		{"localhost upper case, final dot", "127.0.0.1:8080", nil, "LocalHost.:8080", "", nil, true},
		{"ipv6 loopback", "127.0.0.1:8080", nil, "[::1]:8080", "", nil, true},
		{"served name", "preview.test:8080", nil, "preview.test:8080", "", nil, true},
		{"foreign name (DNS rebinding)", "127.0.0.1:8080", nil, "evil.example:8080", "", nil, false},
		{"foreign name without port", "127.0.0.1:8080", nil, "evil.example", "", nil, false},
		{"subdomain of localhost", "127.0.0.1:8080", nil, "evil.localhost:8080", "", nil, false},
		{"other IP on a loopback bind", "127.0.0.1:8080", nil, "10.0.0.5:8080", "", nil, false},
		{"any IP on an all-interfaces bind", "0.0.0.0:8080", nil, "10.0.0.5:8080", "", nil, true},
		{"name on an all-interfaces bind", ":8080", nil, "evil.example:8080", "", nil, false},
		{"empty host", "127.0.0.1:8080", nil, "", "", nil, false},
		{"allowed by flag", "127.0.0.1:8080", []string{"docs.internal"}, "docs.internal:8080", "", nil, true},
		{"allowed by flag with port", "127.0.0.1:8080", []string{"Docs.Internal:9000"}, "docs.internal", "", nil, true},
		{"domain by flag", "127.0.0.1:8080", []string{".intranet.example"}, "preview.intranet.example", "", nil, true},
		{"domain by flag is not the bare suffix lookalike", "127.0.0.1:8080", []string{".intranet.example"}, "evilintranet.example", "", nil, false},
		{"same origin", "127.0.0.1:8080", nil, "127.0.0.1:8080", "http://127.0.0.1:8080", nil, true},
		{"localhost origin", "127.0.0.1:8080", nil, "127.0.0.1:8080", "http://localhost:8080", nil, true},
		{"foreign origin", "127.0.0.1:8080", nil, "127.0.0.1:8080", "https://evil.example", nil, false},
		{"null origin", "127.0.0.1:8080", nil, "127.0.0.1:8080", "null", nil, false},
		{"file origin", "127.0.0.1:8080", nil, "127.0.0.1:8080", "file://", nil, false},
		{"upgrade from a foreign origin", "127.0.0.1:8080", nil, "127.0.0.1:8080", "http://evil.example", map[string]string{"Upgrade": "websocket", "Connection": "Upgrade"}, false},
		{"upgrade without origin", "127.0.0.1:8080", nil, "127.0.0.1:8080", "", map[string]string{"Upgrade": "websocket", "Connection": "Upgrade"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newHostPolicy(tc.addr, tc.extra)
			r, err := http.NewRequest("GET", "http://x/fr/", nil)
			if err != nil {
				t.Fatal(err)
			}
			r.Host = tc.host
			if tc.origin != "" {
				r.Header.Set("Origin", tc.origin)
			}
			for k, v := range tc.header {
				r.Header.Set(k, v)
			}
			why := p.check(r)
			if (why == "") != tc.ok {
				t.Errorf("check(Host %q, Origin %q) = %q, want allowed %v", tc.host, tc.origin, why, tc.ok)
			}
		})
	}
}

// TestServeRefusesForeignHosts sends real requests: a page, a static file
// and the event stream, each under a foreign Host or Origin, get 403
// before anything of the site is read.
func TestServeRefusesForeignHosts(t *testing.T) {
	dir := testSource(t)
	_, ts, _ := testServer(t, dir)
	for _, tc := range []struct {
		name, path, host, origin string
		want                     int
	}{
		{"page", "/fr/netiquette/", "", "", http.StatusOK},
		{"page, foreign host", "/fr/netiquette/", "evil.example", "", http.StatusForbidden},
		{"css, foreign host", "/assets/css/site.css", "evil.example:80", "", http.StatusForbidden},
		{"events, foreign host", "/_handbook/events?page=fr/", "evil.example", "", http.StatusForbidden},
		{"events, foreign origin", "/_handbook/events?page=fr/", "", "http://evil.example", http.StatusForbidden},
		{"reload script, foreign host", "/_handbook/reload.js", "rebind.evil.example", "", http.StatusForbidden},
		{"page, localhost", "/fr/", "localhost", "", http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest("GET", ts.URL+tc.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if tc.host != "" {
				req.Host = tc.host
			}
			if tc.origin != "" {
				req.Header.Set("Origin", tc.origin)
			}
			resp, err := ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Errorf("GET %s (Host %q, Origin %q): %d, want %d", tc.path, tc.host, tc.origin, resp.StatusCode, tc.want)
			}
		})
	}
}
