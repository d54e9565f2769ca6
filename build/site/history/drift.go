package history

import (
	"example.com/handbook/build/content"
	"example.com/handbook/build/diag"
)

// DriftWarnings reports, on the translation's file, a chapter whose
// reference text (in ref) changed in an edition of pub while the
// translation in another of langs did not, or the reverse.
func (l *Lineage) DriftWarnings(pub []*content.Edition, langs []string, ref string) diag.List {
	var dl diag.List
	for _, e := range pub {
		for _, ch := range l.changes[e] {
			if ch.Old == nil || ch.New == nil {
				continue
			}
			refChanged := ch.TextChanged(ref)
			for _, lang := range langs {
				if lang == ref {
					continue
				}
				t := ch.New.Texts[lang]
				if t == nil || ch.TextChanged(lang) == refChanged {
					continue
				}
				if refChanged {
					dl.Warnf(t.File, 1, "translation may be out of date: the %s text changed in edition %s but this file did not", ref, e.ID)
				} else {
					dl.Warnf(t.File, 1, "translation changed in edition %s but the %s text did not: update the reference text or check this change", e.ID, ref)
				}
			}
		}
	}
	return dl
}
