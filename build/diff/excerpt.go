package diff

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Excerpt returns the changed parts of a redline, for a feed entry: the
// blocks that hold an <ins> or <del>, in order (lists and tables cut down
// to their changed items and rows), until about maxWords words, the last
// block cut short with "…" when it runs over. Ids are dropped (the excerpt
// lives outside its page) and so are the hidden labels, which feed readers
// would show as text: there, <ins> and <del> keep their default underline
// and strike-through. It returns nil when the redline marks nothing.
func Excerpt(redline []byte, maxWords int) []byte {
	var out []*html.Node
	words := 0
	for _, n := range parse(redline) {
		if words >= maxWords {
			break
		}
		if !hasMarker(n) {
			continue
		}
		c := pruneClone(n)
		words += truncateWords(c, maxWords-words)
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil
	}
	var buf bytes.Buffer
	for _, n := range out {
		_ = html.Render(&buf, n)
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

// hasMarker reports whether n is or holds a redline <ins> or <del>.
func hasMarker(n *html.Node) bool {
	if isRedlineMarker(n) {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if hasMarker(c) {
			return true
		}
	}
	return false
}

// isRedlineMarker reports whether n is an <ins> or <del> that Redline
// wrote: its first child is the hidden label.
func isRedlineMarker(n *html.Node) bool {
	if n.Type != html.ElementNode || n.Namespace != "" || (n.DataAtom != atom.Ins && n.DataAtom != atom.Del) {
		return false
	}
	c := n.FirstChild
	return c != nil && c.Type == html.ElementNode && c.DataAtom == atom.Span && attr(c, "class") == "visually-hidden"
}

// pruneClone copies n without ids and labels; in lists, tables and other
// blocks of blocks it keeps only the children that hold a change.
func pruneClone(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, Data: n.Data, DataAtom: n.DataAtom, Namespace: n.Namespace}
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == "id" {
			continue
		}
		c.Attr = append(c.Attr, a)
	}
	prune := false
	if n.Type == html.ElementNode && n.Namespace == "" {
		switch n.DataAtom {
		case atom.Ul, atom.Ol, atom.Dl, atom.Table, atom.Thead, atom.Tbody, atom.Tfoot,
			atom.Blockquote, atom.Div, atom.Section:
			prune = true
		}
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if k == n.FirstChild && isRedlineMarker(n) {
			continue // the hidden label
		}
		if prune && k.Type == html.TextNode && strings.TrimSpace(k.Data) == "" {
			continue // line breaks between blocks, put back below
		}
		if prune && k.Type == html.ElementNode && isBlock(k) && !hasMarker(k) {
			continue
		}
		if prune && c.FirstChild == nil {
			c.AppendChild(&html.Node{Type: html.TextNode, Data: "\n"})
		}
		c.AppendChild(pruneClone(k))
		if prune && isBlock(k) {
			c.AppendChild(&html.Node{Type: html.TextNode, Data: "\n"})
		}
	}
	return c
}

// truncateWords keeps the first budget words below n, cutting the rest and
// marking the cut with "…"; it returns the number of words kept.
func truncateWords(n *html.Node, budget int) int {
	count := 0
	cut := false
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if cut {
				n.RemoveChild(c)
				c = next
				continue
			}
			if c.Type == html.TextNode {
				end := -1
				pos := 0
				splitText(c.Data, func(kind tokKind, raw string) {
					if end < 0 && kind == tokWord {
						if count == budget {
							end = pos
						} else {
							count++
						}
					}
					pos += len(raw)
				})
				if end >= 0 {
					c.Data = c.Data[:end] + "…"
					cut = true
				}
			} else {
				walk(c)
			}
			c = next
		}
	}
	walk(n)
	return count
}
