package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestInit(t *testing.T) {
	const now = "2026-03-02"
	cases := []struct {
		name  string
		args  []string
		files []string // under content/2026.1
		title string   // the first language's title in handbook.yaml
	}{
		{"default", nil, []string{"01-a-propos.en.md", "01-a-propos.fr.md", "02-exemple-de-regle.en.md", "02-exemple-de-regle.fr.md", "_edition.en.md", "_edition.fr.md"}, `fr: "Manuel des politiques"`},
		{"english first", []string{"-lang", "en,fr"}, []string{"01-about.en.md", "01-about.fr.md", "02-example-rule.en.md", "02-example-rule.fr.md", "_edition.en.md", "_edition.fr.md"}, `en: "Policy Handbook"`},
		{"one language, a title", []string{"-lang", "en", "-title", "Code of Conduct"}, []string{"01-about.en.md", "02-example-rule.en.md", "_edition.en.md"}, `en: "Code of Conduct"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wd := t.TempDir()
			r := run(t, wd, now, Commands{}, append(append([]string{"init"}, tc.args...), "policy")...)
			if r.code != 0 || r.stderr != "" || !strings.HasPrefix(r.stdout, "created policy: ") {
				t.Fatalf("init: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
			}
			dir := filepath.Join(wd, "policy")
			ents, err := os.ReadDir(filepath.Join(dir, "content", "2026.1"))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range ents {
				got = append(got, e.Name())
			}
			if !slices.Equal(got, tc.files) {
				t.Errorf("edition files %q, want %q", got, tc.files)
			}
			settings, err := os.ReadFile(filepath.Join(dir, "content", "handbook.yaml"))
			if err != nil || !strings.Contains(string(settings), "\n  "+tc.title+"\n") {
				t.Errorf("handbook.yaml lacks %s:\n%s", tc.title, settings)
			}
			ignore, err := os.ReadFile(filepath.Join(dir, ".gitignore"))
			if err != nil || !strings.Contains(string(ignore), "/public/\n") || !strings.Contains(string(ignore), "/.public.*\n") {
				t.Errorf(".gitignore: %q %v", ignore, err)
			}
			// The example chapters show a box and a link between chapters.
			first, second := tc.files[0], ""
			for _, f := range tc.files {
				if strings.HasPrefix(f, "02-") && filepath.Ext(strings.TrimSuffix(f, ".md")) == filepath.Ext(strings.TrimSuffix(first, ".md")) {
					second = f
				}
			}
			ch, err := os.ReadFile(filepath.Join(dir, "content", "2026.1", second))
			if err != nil || !strings.Contains(string(ch), "> [!") || !strings.Contains(string(ch), "]("+first+")") {
				t.Errorf("%s has no box or no link to %s:\n%s", second, first, ch)
			}
			checkClean(t, dir, now)
			if r := run(t, dir, now, Commands{}, "new", "edition", "2026.2"); r.code != 0 {
				t.Errorf("new edition after init: exit %d\n%s", r.code, r.stderr)
			}
		})
	}
	t.Run("a folder that is not empty", func(t *testing.T) {
		wd := t.TempDir()
		writeFile(t, wd, "policy/notes.txt", "mine")
		r := run(t, wd, now, Commands{}, "init", "policy")
		if r.code != 1 || r.stderr != "handbook init: policy is not empty: init writes only into an empty or new folder\n" {
			t.Errorf("exit %d\n%s", r.code, r.stderr)
		}
		if ents, _ := os.ReadDir(filepath.Join(wd, "policy")); len(ents) != 1 {
			t.Errorf("init wrote into a folder that was not empty: %d entries", len(ents))
		}
	})
	t.Run("an empty folder", func(t *testing.T) {
		wd := t.TempDir()
		if r := run(t, wd, now, Commands{}, "init", "."); r.code != 0 {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		checkClean(t, wd, now)
	})
	t.Run("a bad language", func(t *testing.T) {
		wd := t.TempDir()
		r := run(t, wd, now, Commands{}, "init", "-lang", "fr,en us", "policy")
		if want := "handbook init: -lang: \"en us\" is not a language code (e.g. fr, en, pt-BR)\n"; r.code != 2 || !strings.HasPrefix(r.stderr, want) {
			t.Errorf("exit %d\n%s\nwant:\n%s", r.code, r.stderr, want)
		}
		if _, err := os.Stat(filepath.Join(wd, "policy")); !os.IsNotExist(err) {
			t.Errorf("init wrote a folder for a bad language: %v", err)
		}
	})
	t.Run("a language without interface strings", func(t *testing.T) {
		wd := t.TempDir()
		r := run(t, wd, now, Commands{}, "init", "-lang", "fr,de", "policy")
		if want := "content/handbook.yaml:7: warning: languages: \"de\" has no interface strings: its pages use English ones\n"; r.code != 0 || r.stderr != want {
			t.Errorf("exit %d\n%s\nwant:\n%s", r.code, r.stderr, want)
		}
	})
}
