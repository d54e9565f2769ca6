package serve

import (
	"net"
	"net/http"
	"net/url"
	"strings"
)

// hostPolicy says which names a request may address the preview by. It is
// the defence against DNS rebinding: a page on another site can make its
// own name resolve to 127.0.0.1 and then read the preview (and the draft
// edition it shows) as same-origin, but its requests still carry its own
// name in Host and Origin, which are refused (the class of
// webpack-dev-server's CVE-2018-14732; Vite's server.allowedHosts).
type hostPolicy struct {
	// names are the allowed host names, lower case, without port:
	// localhost, 127.0.0.1, ::1, the served host and the -allow-host ones.
	names map[string]bool
	// suffixes are allowed domains given with a leading dot
	// (".intranet.example" allows every name under it).
	suffixes []string
	// anyIP allows every IP literal: set when the server listens on every
	// interface, where the machine's own addresses reach it. A rebinding
	// attack needs a name, never an IP literal.
	anyIP bool
}

// newHostPolicy allows the loopback names, the host of addr and extra
// (names, or domains with a leading dot; a port is ignored).
func newHostPolicy(addr string, extra []string) *hostPolicy {
	p := &hostPolicy{names: map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true}}
	if host, _, err := net.SplitHostPort(addr); err == nil {
		if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
			p.anyIP = true
		} else {
			p.names[normHost(host)] = true
		}
	}
	for _, h := range extra {
		h = normHost(strings.TrimSpace(h))
		switch {
		case h == "" || h == ".":
		case strings.HasPrefix(h, "."):
			p.suffixes = append(p.suffixes, h)
		default:
			p.names[h] = true
		}
	}
	return p
}

// normHost lowers a host, drops its port, brackets and a final dot.
func normHost(h string) string {
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	h = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSuffix(h, "]"), "["), ".")
	if h == "" {
		return ""
	}
	if strings.HasPrefix(h, ".") {
		return "." + strings.ToLower(strings.TrimPrefix(h, "."))
	}
	return strings.ToLower(h)
}

// allowed reports whether host (a Host header or an origin's host, with or
// without port) names this server.
func (p *hostPolicy) allowed(host string) bool {
	h := normHost(host)
	if h == "" || strings.HasPrefix(h, ".") {
		return false
	}
	if p.names[h] {
		return true
	}
	if p.anyIP && net.ParseIP(h) != nil {
		return true
	}
	for _, s := range p.suffixes {
		if strings.HasSuffix(h, s) {
			return true
		}
	}
	return false
}

// check returns why r must be refused, or "" to serve it: a Host that
// names another site, an Origin of another site (or the opaque "null"
// one), or an upgrade (the preview serves no WebSocket) from another
// origin.
func (p *hostPolicy) check(r *http.Request) string {
	if !p.allowed(r.Host) {
		return "host not allowed: " + r.Host + " (handbook serve -allow-host adds names)"
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		if r.Header.Get("Upgrade") != "" {
			return "upgrade without an origin"
		}
		return ""
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") || !p.allowed(u.Host) {
		return "origin not allowed: " + origin
	}
	return ""
}
