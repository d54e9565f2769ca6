package render

import (
	"crypto/sha256"
	"html/template"
	"slices"
	"text/template/parse"
)

// usedTemplates returns the names of the templates that executing entry
// of set runs: entry, and every template it calls ({{template}}, {{block}})
// through any branch, transitively; sorted. A partial that no branch of a
// page kind calls is not among them, so its edit leaves that kind alone.
func usedTemplates(set *template.Template, entry string) []string {
	seen := map[string]bool{}
	var visit func(name string)
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n == nil {
				return
			}
			for _, c := range n.Nodes {
				walk(c)
			}
		case *parse.IfNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			visit(n.Name)
		}
	}
	visit = func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		if t := set.Lookup(name); t != nil && t.Tree != nil {
			walk(t.Tree.Root)
		}
	}
	visit(entry)
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// layoutSum hashes the parse trees of the templates a page kind executes
// (usedTemplates), read before any execution (escaping rewrites the trees
// in place). It changes when, and only when, an edit changes what those
// templates do: a partial only other kinds call, or a template comment,
// leaves it as it was.
func layoutSum(set *template.Template, entry string) [32]byte {
	h := sha256.New()
	for _, name := range usedTemplates(set, entry) {
		h.Write([]byte(name))
		h.Write([]byte{0})
		if t := set.Lookup(name); t != nil && t.Tree != nil && t.Tree.Root != nil {
			h.Write([]byte(t.Tree.Root.String()))
		} else {
			h.Write([]byte{1}) // called, but not defined
		}
		h.Write([]byte{0})
	}
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// LayoutSum returns a hash of the layouts that pages of these kinds
// ("chapter", "removed"...) execute, for the preview server: a page whose
// sum is the same after a layout edit renders the same and is left alone.
// It returns false when no kind is given or one has no layout.
func (s *Renderer) LayoutSum(kinds ...string) ([32]byte, bool) {
	if len(kinds) == 1 {
		sum, ok := s.tmpl.kindSum[kinds[0]]
		return sum, ok
	}
	h := sha256.New()
	for _, k := range kinds {
		sum, ok := s.tmpl.kindSum[k]
		if !ok {
			return [32]byte{}, false
		}
		h.Write(sum[:])
	}
	var out [32]byte
	if len(kinds) == 0 {
		return out, false
	}
	h.Sum(out[:0])
	return out, true
}
