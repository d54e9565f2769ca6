package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"slices"
	"strings"

	"example.com/handbook/build/diag"
	"gopkg.in/yaml.v3"
)

// SettingsFile is the path of the handbook's settings in the source folder.
const SettingsFile = "content/handbook.yaml"

var settingsKeys = []string{"id", "title", "languages", "base_url", "feedback", "unsafe_html", "acknowledge_url"}

// LoadSettings reads and checks content/handbook.yaml. It returns nil when
// the file cannot be read; otherwise Settings, partial when the diagnostics
// hold errors (Languages is then perhaps empty). base_url is given a final
// "/" when it lacks one.
func LoadSettings(fsys fs.FS) (*Settings, diag.List) {
	var d diag.List
	data, err := fs.ReadFile(fsys, SettingsFile)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			d.Errorf(SettingsFile, 0, "missing: the source folder must hold content/handbook.yaml (is -source right?)")
		} else {
			d.Errorf(SettingsFile, 0, "%s", readError(err))
		}
		return nil, d
	}
	return parseSettings(data, &d), d
}

func parseSettings(data []byte, d *diag.List) *Settings {
	const file = SettingsFile
	s := &Settings{File: file}
	data, ok := prepare(file, data, d)
	if !ok {
		return s
	}
	var doc yaml.Node
	if err := yamlUnmarshal(data, &doc); err != nil {
		// A fault at the end of the file (an unclosed list) is placed on
		// the line after the last; keep it on the last.
		line, msg := yamlErrorLine(err)
		lines := bytes.Count(bytes.TrimSuffix(data, []byte("\n")), []byte("\n")) + 1
		d.Errorf(file, min(max(line, 1), lines), "malformed YAML: %s", msg)
		return s
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	switch {
	case root.Kind == 0 || isNull(root):
		d.Errorf(file, 1, "empty file: handbook.yaml needs at least title and languages")
		return s
	case root.Kind != yaml.MappingNode:
		d.Errorf(file, max(root.Line, 1), "want keys with values (key: value), got %s", describe(root))
		return s
	}
	c := checker{path: file, d: d}
	fields, unknown := c.fields(root, settingsKeys)
	c.checkKeys(fields, unknown, settingsKeys, 1, "title", "languages")
	// Languages first: the title is checked against them.
	var titleField *field
	for i, f := range fields {
		switch f.key {
		case "languages":
			s.Languages = c.languages(f)
		case "title":
			titleField = &fields[i]
		}
	}
	has := map[string]bool{}
	for _, f := range fields {
		has[f.key] = true
		switch f.key {
		case "id":
			s.ID, _ = c.str(f, true)
		case "base_url":
			s.BaseURL = c.baseURL(f)
		case "feedback":
			if v, ok := c.str(f, false); ok && v != "" {
				if u, err := url.Parse(v); err != nil || u.Scheme == "" {
					d.Errorf(file, f.line, "feedback: want a URL (https://... or mailto:...), got %q", v)
				} else {
					s.Feedback = v
				}
			}
		case "unsafe_html":
			s.UnsafeHTML, _ = c.boolean(f)
		case "acknowledge_url":
			if v, ok := c.str(f, false); ok && v != "" {
				if msg := checkAcknowledgeURL(v); msg != "" {
					d.Errorf(file, f.line, "acknowledge_url: %s", msg)
				} else {
					s.AcknowledgeURL = v
				}
			}
		}
	}
	if titleField != nil {
		s.Title = c.title(*titleField, s.Languages)
	}
	if !has["id"] {
		d.Warnf(file, 1, "no id: feed ids derive from base_url and change if it moves; set id once and never change it")
	}
	if !has["base_url"] {
		d.Warnf(file, 1, "no base_url: the site builds without feeds, canonical links and sitemap")
	}
	return s
}

// languages checks the languages list: one or more distinct codes.
func (c checker) languages(f field) []string {
	list, ok := c.list(f)
	if !ok {
		return nil
	}
	if len(list) == 0 {
		c.d.Errorf(c.path, f.line, "languages: want one language or more, e.g. [fr, en]")
		return nil
	}
	var out []string
	for _, l := range list {
		switch {
		case !validLanguage(l):
			c.d.Errorf(c.path, f.line, "languages: %q is not a language code (e.g. fr, en, pt-BR)", l)
		case slices.Contains(out, l):
			c.d.Errorf(c.path, f.line, "languages: %q is listed twice", l)
		default:
			if l != "fr" && l != "en" {
				c.d.Warnf(c.path, f.line, "languages: %q has no interface strings: its pages use English ones", l)
			}
			out = append(out, l)
		}
	}
	return out
}

// title checks the title: a string per language, or one string for all.
func (c checker) title(f field, langs []string) map[string]string {
	out := map[string]string{}
	switch v := f.val; {
	case v.Kind == yaml.ScalarNode && !isNull(v):
		t, _ := c.str(f, true)
		for _, l := range langs {
			out[l] = t
		}
		return out
	case v.Kind != yaml.MappingNode:
		c.d.Errorf(c.path, f.line, "title: want a title per language, e.g. {fr: ..., en: ...}, got %s", describe(v))
		return out
	}
	for i := 0; i+1 < len(f.val.Content); i += 2 {
		k, v := f.val.Content[i], resolve(f.val.Content[i+1])
		kf := field{key: "title", val: v, line: c.line(k)}
		switch {
		case k.Kind != yaml.ScalarNode:
			c.d.Errorf(c.path, kf.line, "title: want a language code as key, got %s", describe(k))
		case len(langs) > 0 && !slices.Contains(langs, k.Value):
			c.d.Errorf(c.path, kf.line, "title: %q is not one of the languages (%s)", k.Value, strings.Join(langs, ", "))
		case out[k.Value] != "":
			c.d.Errorf(c.path, kf.line, "title: %q is given twice", k.Value)
		default:
			kf.key = "title." + k.Value
			if t, ok := c.str(kf, true); ok {
				out[k.Value] = t
			}
		}
	}
	for _, l := range langs {
		if _, ok := out[l]; !ok && len(out) > 0 || len(f.val.Content) == 0 {
			c.d.Errorf(c.path, f.line, "title: no title for %q", l)
		}
	}
	return out
}

// baseURL checks base_url: an absolute http(s) URL; a final "/" is added.
func (c checker) baseURL(f field) string {
	v, ok := c.str(f, true)
	if !ok {
		return ""
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		c.d.Errorf(c.path, f.line, "base_url: want an absolute http or https URL such as https://intranet.example.com/handbook/, got %q", v)
		return ""
	}
	if !strings.HasSuffix(v, "/") {
		v += "/"
	}
	return v
}

// AcknowledgePlaceholders are the parts of acknowledge_url filled per
// page.
var AcknowledgePlaceholders = []string{"{edition}", "{lang}", "{chapter}"}

// checkAcknowledgeURL returns what is wrong with an acknowledge_url
// template, or "": it must be an absolute http(s) URL once its
// placeholders are filled, and hold no placeholder but {edition}, {lang}
// and {chapter}.
func checkAcknowledgeURL(v string) string {
	filled := v
	for _, p := range AcknowledgePlaceholders {
		filled = strings.ReplaceAll(filled, p, "x")
	}
	if i := strings.IndexByte(filled, '{'); i >= 0 {
		end := strings.IndexByte(filled[i:], '}')
		if end < 0 {
			return fmt.Sprintf("unclosed { in %q", v)
		}
		return fmt.Sprintf("unknown placeholder %s: use {edition}, {lang} and {chapter}", filled[i:i+end+1])
	}
	u, err := url.Parse(filled)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Sprintf("want an absolute URL (https://...) with {edition}, {lang}, {chapter} where the form takes them, got %q", v)
	}
	return ""
}

// AcknowledgeLink fills the acknowledge_url template for one page: the
// edition's id, the language and the chapter's slug ("" on an edition's
// page), each escaped for a URL. It returns "" when acknowledge_url is
// not set.
func (s Settings) AcknowledgeLink(edition, lang, chapter string) string {
	if s.AcknowledgeURL == "" {
		return ""
	}
	return strings.NewReplacer(
		"{edition}", url.QueryEscape(edition),
		"{lang}", url.QueryEscape(lang),
		"{chapter}", url.QueryEscape(chapter),
	).Replace(s.AcknowledgeURL)
}
