package bench

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// TestHugoPage checks the conversion of one of our chapter files.
func TestHugoPage(t *testing.T) {
	in := "---\ntitle: \"Netiquette\"\neffective: 2024-03-04\ntags: [\"ton\"]\n---\n\nSee [Criticism](07-critiques.en.md#tone) and [site](https://example.com/a.md).\n"
	want := "---\ntitle: \"Netiquette\"\ndate: 2024-03-04\ntags: [\"ton\"]\nweight: 4\n---\n\nSee [Criticism](../critiques/#tone) and [site](https://example.com/a.md).\n"
	if got := string(hugoPage([]byte(in), 4)); got != want {
		t.Errorf("hugoPage:\n%s\nwant:\n%s", got, want)
	}
}

// TestConvertHugoMatchesGenerateHugo checks that the Hugo site written
// from a generated handbook on disk is the one GenerateHugo writes.
func TestConvertHugoMatchesGenerateHugo(t *testing.T) {
	o := GenOptions{Chapters: 15, Editions: 3, Seed: 3, ChangedFraction: 0.2}
	direct, converted := t.TempDir(), t.TempDir()
	if err := GenerateHugo(direct, o); err != nil {
		t.Fatal(err)
	}
	if err := ConvertHugo(generated(t, o), converted); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{direct, converted} {
		if err := os.Remove(filepath.Join(d, "hugo.toml")); err != nil { // differs by its comment
			t.Fatal(err)
		}
	}
	if a, b := treeHash(t, direct), treeHash(t, converted); a != b {
		t.Error("ConvertHugo and GenerateHugo wrote different sites")
	}
}

// TestGenerateHugoBuilds runs Hugo on a generated site.
func TestGenerateHugoBuilds(t *testing.T) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("hugo is not installed (apt-get install hugo)")
	}
	o := GenOptions{Chapters: 12, Editions: 2, Seed: 1}
	site, out := t.TempDir(), filepath.Join(t.TempDir(), "public")
	if err := GenerateHugo(site, o); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(hugo, "--minify", "--quiet", "--source", site, "--destination", out, "--cacheDir", t.TempDir())
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, msg)
	}
	infos := chapterInfos(o.Chapters)
	link := regexp.MustCompile(`href="?\.\./([a-z0-9-]+)/`)
	for _, lang := range []string{"fr", "en"} {
		for _, ed := range []string{"2020.1", "2021.1"} {
			for _, c := range infos {
				page := filepath.Join(out, lang, ed, c.slug, "index.html")
				data, err := os.ReadFile(page)
				if err != nil {
					t.Error(err)
					continue
				}
				for _, m := range link.FindAllSubmatch(data, -1) {
					if _, err := os.Stat(filepath.Join(out, lang, ed, string(m[1]), "index.html")); err != nil {
						t.Errorf("%s: link to a missing page: %v", page, err)
					}
				}
				if !bytes.Contains(data, []byte("<h1>")) {
					t.Errorf("%s: no title", page)
				}
			}
		}
		for _, f := range []string{"index.xml", "tags/index.html", "2021.1/index.xml"} {
			if _, err := os.Stat(filepath.Join(out, lang, f)); err != nil {
				t.Error(err)
			}
		}
	}
}
