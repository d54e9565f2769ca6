package search

import (
	_ "embed"
	"strings"
)

//go:embed prefetch.js
var prefetchJS string

// rulesMark is where prefetch.js takes PrefetchRules.
const rulesMark = "/*rules*/null/*end*/"

// PrefetchScript returns the search page's inline script: it fetches the
// edition's directory and the shards of the query's words while the
// page's modules load, picking shards with the rules engine.js uses
// (PrefetchRules, put in place of the script's marked null so the two
// cannot drift apart), and leaves them in document.searchPrefetch for
// engine.js. The layout puts it before the style sheet; its comment, for
// readers of prefetch.js, is left out.
func PrefetchScript() string {
	body := prefetchJS
	for strings.HasPrefix(body, "//") {
		_, body, _ = strings.Cut(body, "\n")
	}
	// json.Marshal escapes <, > and &: the rules cannot close the script.
	return strings.Replace(body, rulesMark, string(PrefetchRules()), 1)
}
