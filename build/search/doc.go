// Package search builds the client-side search index of one edition in one
// language: a small directory, shards of the dictionary with their
// postings, and, for titles and snippets, a pack of the chapters' heads
// and section texts that the browser reads by byte ranges, a page of
// results in one request (the format is at the top of writer.go). Groups
// of synonyms (Builder.Synonyms) are indexed where a chapter holds one of
// their members. Index.Search ranks a query in Go exactly as
// the browser does, for tests and tools; Open reads an index from a built
// site. The browser module static/js/search/engine.js reads these files;
// the normalisation rules both sides apply (case and accent folding,
// elisions, stop words, light stemming) are one table, Rules, that the
// JavaScript receives as the generated module static/js/search/rules.js.
//
// Matching, in the order a word is scored: the same word with its accents,
// the same folded word, the same stem, a completion of the last word being
// typed, then (only when none of these found anything) one typo on words of
// 5 letters or more, two on 9 or more. A query word loads only the shard(s)
// holding the words that share its first letters (as many as its stem has,
// less two, at least three), so the client never needs the whole
// dictionary; typos are looked for among those words only. A typo on the
// first letter is never forgiven, and on a large handbook, whose shards
// are narrow, a typo within the first letters may not be either.
//
// Stop words count only in a query made of nothing else ("la loi" searches
// "loi"; "la" alone searches "la").
package search
