package history

import "example.com/handbook/build/content"

// FeedVisible reports whether a feed may speak of chapter c: released
// edition, chapter not a draft. Feeds are the same with or without -drafts.
func FeedVisible(c *content.Chapter) bool {
	return c != nil && c.Edition.Status != content.Draft && !c.Draft
}

// FeedChange returns ch as a build without drafts sees it: a draft
// chapter is absent, so its first published wording is "added" and its
// draft successor leaves it "removed".
func FeedChange(ch Change) (Change, bool) {
	oldOK, newOK := FeedVisible(ch.Old), FeedVisible(ch.New)
	switch {
	case oldOK && newOK:
		return ch, true
	case newOK:
		return Change{Kind: Added, New: ch.New}, true
	case oldOK:
		return Change{Kind: Removed, Old: ch.Old}, true
	}
	return ch, false
}

// HasFeed reports whether the chapter c belongs to has a feed: some
// wording of it is feed-visible.
func (l *Lineage) HasFeed(c *content.Chapter) bool { return l.FeedLast(c) != nil }

// FeedLast returns the newest feed-visible wording of c's chapter, or nil.
func (l *Lineage) FeedLast(c *content.Chapter) *content.Chapter {
	ch := l.Chain(c)
	for i := len(ch) - 1; i >= 0; i-- {
		if FeedVisible(ch[i]) {
			return ch[i]
		}
	}
	return nil
}
