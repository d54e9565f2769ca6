package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// gfm is GitHub-flavoured Markdown without task lists (a policy has no
// checkboxes): tables, strikethrough and autolinks from goldmark. Tables
// get their scrolling region from tableRegions, footnotes their ids from
// footnotes.
type gfm struct{}

func (gfm) Extend(m goldmark.Markdown) {
	extension.Table.Extend(m)
	extension.Strikethrough.Extend(m)
	extension.Linkify.Extend(m)
}
