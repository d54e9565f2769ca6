package bench

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"time"

	"github.com/adrg/frontmatter"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"gopkg.in/yaml.v3"
)

// The floor: the bare cost of turning every chapter file into an HTML file
// (read, parse the front matter, render with plain goldmark, write), on
// every core, with none of a real builder's work (no pages besides the
// chapters, no links rewritten, no minify). No builder goes under it.

// floorMeta is the front matter the floor decodes.
type floorMeta struct {
	Title       string    `yaml:"title"`
	Summary     string    `yaml:"summary"`
	Owner       string    `yaml:"owner"`
	ApprovedBy  string    `yaml:"approved_by"`
	Effective   time.Time `yaml:"effective"`
	ReviewBy    time.Time `yaml:"review_by"`
	Audience    []string  `yaml:"audience"`
	Tags        []string  `yaml:"tags"`
	Draft       bool      `yaml:"draft"`
	Change      string    `yaml:"change"`
	RenamedFrom string    `yaml:"renamed_from"`
}

// Floor renders every chapter file of src/content (NN-slug.LANG.md in an
// edition folder) to out/<edition>/<lang>/<slug>.html and returns how many
// it wrote. out must not exist or be empty.
func Floor(ctx context.Context, src, out string) (int, error) {
	content := filepath.Join(src, "content")
	type job struct{ edition, name, lang, slug string }
	var jobs []job
	dirs := map[string]bool{}
	err := fs.WalkDir(os.DirFS(content), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != "." && path.Dir(p) != "." {
				return fs.SkipDir // images/
			}
			return nil
		}
		m := chapterName.FindStringSubmatch(d.Name())
		if m == nil || path.Dir(p) == "." {
			return nil
		}
		j := job{edition: path.Dir(p), name: p, lang: m[3], slug: m[2]}
		jobs = append(jobs, j)
		dirs[filepath.Join(out, j.edition, j.lang)] = true
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("floor: %w", err)
	}
	for d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return 0, fmt.Errorf("floor: %w", err)
		}
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote))
	yamlFormat := frontmatter.NewFormat("---", "---", yaml.Unmarshal)
	err = parallel(len(jobs), func(i int) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		j := jobs[i]
		data, err := os.ReadFile(filepath.Join(content, filepath.FromSlash(j.name)))
		if err != nil {
			return fmt.Errorf("floor: %w", err)
		}
		var meta floorMeta
		body, err := frontmatter.Parse(bytes.NewReader(data), &meta, yamlFormat)
		if err != nil {
			return fmt.Errorf("floor: %s: %w", j.name, err)
		}
		var b bytes.Buffer
		fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\"><title>%s</title></head><body><main><h1>%s</h1>\n",
			j.lang, html.EscapeString(meta.Title), html.EscapeString(meta.Title))
		if err := md.Convert(body, &b); err != nil {
			return fmt.Errorf("floor: %s: %w", j.name, err)
		}
		b.WriteString("</main></body></html>\n")
		return os.WriteFile(filepath.Join(out, j.edition, j.lang, j.slug+".html"), b.Bytes(), 0o644)
	})
	if err != nil {
		return 0, err
	}
	return len(jobs), nil
}
