package content

import (
	"fmt"
	"strconv"
	"strings"
)

// File and folder names of a content tree: what each name means, and the
// rules an author's names must follow.

// ValidSlug reports whether s is a well-formed chapter slug: lowercase
// ASCII letters, digits and hyphens, starting with a letter. Reserved slugs
// are well-formed; check IsReserved too.
func ValidSlug(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// ValidEditionID reports whether id can name an edition folder: a digit
// first, then digits, ASCII letters, dots or hyphens.
func ValidEditionID(id string) bool {
	if id == "" || id[0] < '0' || id[0] > '9' {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

// validLanguage reports whether code looks like a BCP 47 tag: two or three
// lowercase letters, then subtags of letters and digits ("fr", "en",
// "pt-BR"). No dots: the code is the last dot-separated part of file names.
func validLanguage(code string) bool {
	parts := strings.Split(code, "-")
	if n := len(parts[0]); n < 2 || n > 3 {
		return false
	}
	for _, c := range parts[0] {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	for _, p := range parts[1:] {
		if len(p) < 1 || len(p) > 8 {
			return false
		}
		for _, c := range p {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
				return false
			}
		}
	}
	return true
}

// ignoredName reports whether a file is none of the author's business:
// dotfiles and the backups and locks editors leave beside a file (emacs
// "name~", ".#name" and "#name#", vim ".name.swp" and its "4913" probe).
func ignoredName(name string) bool {
	return strings.HasPrefix(name, ".") ||
		strings.HasSuffix(name, "~") ||
		strings.HasSuffix(name, ".swp") ||
		len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#") ||
		name == "4913"
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// nameKind is what a name in an edition folder stands for.
type nameKind int

const (
	strayName    nameKind = iota // not part of a handbook: an error
	ignoredKind                  // dotfile or editor backup
	editionName                  // _edition.LANG.md
	chapterName                  // NN-slug.LANG.md, perhaps malformed
	imagesFolder                 // images/
)

// classify says what the entry name of an edition folder is.
func classify(name string, dir bool) nameKind {
	switch {
	case ignoredName(name):
		return ignoredKind
	case dir && name == "images":
		return imagesFolder
	case dir:
		return strayName
	case strings.HasPrefix(name, "_edition.") && strings.HasSuffix(name, ".md"):
		return editionName
	case name[0] >= '0' && name[0] <= '9' && strings.HasSuffix(name, ".md"):
		return chapterName
	}
	return strayName
}

// parsedName is a chapter file name taken apart.
type parsedName struct {
	Number int
	Slug   string
	Lang   string
}

// parseChapterName takes "04-netiquette.fr.md" apart. The error says what
// is wrong with the name, for an author to rename the file.
func parseChapterName(name string) (parsedName, error) {
	const want = "want NN-slug.LANG.md, e.g. 04-netiquette.fr.md"
	if !isASCII(name) {
		return parsedName{}, fmt.Errorf("file name is not ASCII: %+q (%s; accents are not allowed)", name, want)
	}
	stem, ok := strings.CutSuffix(name, ".md")
	dot := strings.LastIndexByte(stem, '.')
	if !ok || dot < 0 {
		return parsedName{}, fmt.Errorf("bad chapter file name %q: %s", name, want)
	}
	head, lang := stem[:dot], stem[dot+1:]
	i := 0
	for i < len(head) && head[i] >= '0' && head[i] <= '9' {
		i++
	}
	if i == 0 || i >= len(head) || head[i] != '-' || lang == "" {
		return parsedName{}, fmt.Errorf("bad chapter file name %q: %s", name, want)
	}
	n, err := strconv.Atoi(head[:i])
	if err != nil || n > 1_000_000 {
		return parsedName{}, fmt.Errorf("bad chapter file name %q: number %s is too large", name, head[:i])
	}
	slug := head[i+1:]
	switch {
	case !ValidSlug(slug):
		return parsedName{}, fmt.Errorf("bad slug %q: use lowercase letters a-z, digits and hyphens, starting with a letter", slug)
	case IsReserved(slug):
		return parsedName{}, fmt.Errorf("slug %q is reserved (it names a page of the site): rename the file", slug)
	}
	return parsedName{Number: n, Slug: slug, Lang: lang}, nil
}

// SplitChapterName takes a chapter file name apart ("04-netiquette.fr.md"
// -> 4, "netiquette", "fr"); the error says what is wrong with the name.
func SplitChapterName(name string) (number int, slug, lang string, err error) {
	n, err := parseChapterName(name)
	return n.Number, n.Slug, n.Lang, err
}

// parseEditionName takes "_edition.fr.md" apart and returns its language.
func parseEditionName(name string) (string, error) {
	lang, ok := strings.CutPrefix(name, "_edition.")
	lang, ok2 := strings.CutSuffix(lang, ".md")
	if !ok || !ok2 || lang == "" || strings.Contains(lang, ".") || !isASCII(lang) {
		return "", fmt.Errorf("bad edition file name %+q: want _edition.LANG.md, e.g. _edition.fr.md", name)
	}
	return lang, nil
}
