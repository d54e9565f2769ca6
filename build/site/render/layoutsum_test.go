package render

import (
	"html/template"
	"slices"
	"testing"
)

func TestUsedTemplates(t *testing.T) {
	const shared = `{{define "a"}}A{{template "b" .}}{{end}}{{define "b"}}B{{end}}{{define "c"}}C{{end}}{{define "d"}}D{{template "a" .}}{{end}}`
	tests := []struct {
		name, kind, entry string
		want              []string
	}{
		{"one call", `{{define "main"}}{{template "c" .}}{{end}}`, "main", []string{"c", "main"}},
		{"transitive", `{{define "main"}}{{template "a" .}}{{end}}`, "main", []string{"a", "b", "main"}},
		{"in branches", `{{define "main"}}{{if .}}{{template "c" .}}{{else}}{{range .}}{{with .}}{{template "b" .}}{{end}}{{end}}{{end}}{{end}}`, "main", []string{"b", "c", "main"}},
		{"cycle-free repeat", `{{define "main"}}{{template "d" .}}{{template "a" .}}{{end}}`, "main", []string{"a", "b", "d", "main"}},
		{"block", `{{define "main"}}{{block "e" .}}E{{template "c" .}}{{end}}{{end}}`, "main", []string{"c", "e", "main"}},
		{"none", `{{define "main"}}plain{{end}}`, "main", []string{"main"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			set := template.Must(template.Must(template.New("partials.html").Parse(shared)).New("kind.html").Parse(tc.kind))
			if got := usedTemplates(set, tc.entry); !slices.Equal(got, tc.want) {
				t.Errorf("usedTemplates = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestLayoutSum(t *testing.T) {
	sum := func(partials, kind string) [32]byte {
		set := template.Must(template.Must(template.New("partials.html").Parse(partials)).New("kind.html").Parse(kind))
		return layoutSum(set, "main")
	}
	const kind = `{{define "main"}}{{template "a" .}}{{end}}`
	base := sum(`{{define "a"}}A{{end}}{{define "z"}}Z{{end}}`, kind)
	tests := []struct {
		name, partials, kind string
		same                 bool
	}{
		{"same", `{{define "a"}}A{{end}}{{define "z"}}Z{{end}}`, kind, true},
		{"uncalled partial edited", `{{define "a"}}A{{end}}{{define "z"}}Z2{{end}}`, kind, true},
		{"comment added", `{{define "a"}}A{{/* note */}}{{end}}{{define "z"}}Z{{end}}`, kind, true},
		{"called partial edited", `{{define "a"}}A2{{end}}{{define "z"}}Z{{end}}`, kind, false},
		{"kind edited", `{{define "a"}}A{{end}}{{define "z"}}Z{{end}}`, `{{define "main"}}<p>{{template "a" .}}</p>{{end}}`, false},
		{"kind calls another", `{{define "a"}}A{{end}}{{define "z"}}Z{{end}}`, `{{define "main"}}{{template "z" .}}{{end}}`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := sum(tc.partials, tc.kind) == base; got != tc.same {
				t.Errorf("same sum = %v, want %v", got, tc.same)
			}
		})
	}
}
