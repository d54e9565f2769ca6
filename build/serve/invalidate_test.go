package serve

import (
	"slices"
	"testing"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		name  string
		paths []string
		// what the change must say
		all, layouts, otherContent, reloadAll, updateAll, hasContent bool
		css, assets, dirs                                            []string
	}{
		{name: "chapter", paths: []string{"content/2024.1/01-netiquette.fr.md"}, hasContent: true},
		{name: "edition notes", paths: []string{"content/2024.1/_edition.en.md"}, hasContent: true},
		{name: "settings", paths: []string{"content/handbook.yaml"}, all: true, updateAll: true, hasContent: true},
		{name: "rescan", paths: []string{rescan}, all: true, updateAll: true, hasContent: true},
		{name: "new edition folder", paths: []string{"content/2025.1/", "content/2025.1/01-a.fr.md"}, hasContent: true, dirs: []string{"content/2025.1/"}},
		{name: "removed edition folder", paths: []string{"content/2025.1"}, hasContent: true, dirs: []string{"content/2025.1/"}},
		{name: "image", paths: []string{"content/2024.1/images/a.svg"}, hasContent: true, otherContent: true, reloadAll: true, dirs: []string{"content/2024.1/images/a.svg/"}},
		{name: "layout", paths: []string{"layouts/chapter.html"}, layouts: true},
		{name: "stylesheet", paths: []string{"static/css/site.css"}, css: []string{"assets/css/site.css"}},
		{name: "stylesheet in new folders", paths: []string{"static/", "static/css/", "static/css/print.css"}, css: []string{"assets/css/print.css"}},
		{name: "script", paths: []string{"static/js/main.js"}, assets: []string{"assets/js/main.js"}, reloadAll: true},
		{name: "css and script", paths: []string{"static/css/site.css", "static/js/main.js"}, css: []string{"assets/css/site.css"}, assets: []string{"assets/js/main.js"}, reloadAll: true},
		{name: "new layouts folder", paths: []string{"layouts/"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := classify(tc.paths)
			if c.all != tc.all || c.layouts != tc.layouts || c.otherContent != tc.otherContent ||
				c.reloadAll() != tc.reloadAll || c.updateAll() != tc.updateAll || c.hasContent() != tc.hasContent ||
				!slices.Equal(c.css, tc.css) || !slices.Equal(c.assets, tc.assets) || !slices.Equal(c.dirs, tc.dirs) {
				t.Errorf("classify(%q) = %+v (reloadAll %v, updateAll %v, hasContent %v)", tc.paths, *c, c.reloadAll(), c.updateAll(), c.hasContent())
			}
		})
	}
}

func TestHits(t *testing.T) {
	c := classify([]string{"content/2024.1/01-netiquette.fr.md", "content/2025.1/"})
	tests := []struct {
		name string
		deps []string
		want bool
	}{
		{"its file", []string{"content/2024.1/01-netiquette.en.md", "content/2024.1/01-netiquette.fr.md"}, true},
		{"everything", []string{"*"}, true},
		{"other chapter", []string{"content/2024.1/02-divulgation.fr.md"}, false},
		{"inside a changed folder", []string{"content/2025.1/01-a.fr.md"}, true},
		{"folder name prefix only", []string{"content/2025.10/01-a.fr.md"}, false},
		{"none", nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := c.hits(tc.deps); got != tc.want {
				t.Errorf("hits(%q) = %v", tc.deps, got)
			}
		})
	}
}
