package content

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"unicode/utf8"

	"example.com/handbook/build/diag"
)

// Synonyms are the search synonyms of one language, from
// content/search-synonyms.LANG.txt: groups of words or phrases that a
// reader may type for one another ("réseaux sociaux, médias sociaux").
// The search index lets every member of a group find the chapters that
// hold any of them.
type Synonyms struct {
	// File is the path of the file relative to the source folder.
	File string
	// Groups are the file's groups, in order, each with two or more
	// members as written (case and accents are the search's business).
	Groups [][]string
}

// synonymsPrefix and synonymsSuffix frame a synonyms file's name in
// content/: search-synonyms.fr.txt.
const synonymsPrefix, synonymsSuffix = "search-synonyms.", ".txt"

// SynonymsFile returns the path of the search synonyms of lang, relative
// to the source folder: "content/search-synonyms.fr.txt".
func SynonymsFile(lang string) string {
	return path.Join(ContentDir, synonymsPrefix+lang+synonymsSuffix)
}

// synonymsLang returns the language of a synonyms file name in content/,
// or "" when name is not one.
func synonymsLang(name string) string {
	lang, ok := strings.CutPrefix(name, synonymsPrefix)
	if !ok {
		return ""
	}
	lang, ok = strings.CutSuffix(lang, synonymsSuffix)
	if !ok {
		return ""
	}
	return lang
}

// readSynonyms reads and parses a synonyms file.
func readSynonyms(fsys fs.FS, file string) (*Synonyms, diag.List) {
	var d diag.List
	b, err := fs.ReadFile(fsys, file)
	if err != nil {
		d.Errorf(file, 0, "%s", readError(err))
		return nil, d
	}
	return parseSynonyms(file, b, &d), d
}

// parseSynonyms parses the text of a synonyms file: one group a line, its
// members separated by commas; "#" starts a comment; blank lines are
// ignored. A UTF-8 byte order mark and CRLF line endings are accepted.
func parseSynonyms(file string, b []byte, d *diag.List) *Synonyms {
	s := &Synonyms{File: file}
	if !utf8.Valid(b) {
		d.Errorf(file, 0, "not UTF-8: save the file as UTF-8")
		return s
	}
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	seen := map[string]int{} // member, lower case -> line
	dup := false
	for i, line := range strings.Split(string(b), "\n") {
		n := i + 1
		if k := strings.IndexByte(line, '#'); k >= 0 {
			line = line[:k]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		var group []string
		dup = false
		for _, m := range strings.Split(line, ",") {
			m = strings.Join(strings.Fields(m), " ")
			if m == "" {
				d.Errorf(file, n, "empty member: write the words or phrases of a group separated by single commas")
				group = nil
				break
			}
			key := strings.ToLower(m)
			if at, ok := seen[key]; ok {
				where := "on this line"
				if at != n {
					where = fmt.Sprintf("on line %d", at)
				}
				d.Warnf(file, n, "%q is already %s: a word or phrase belongs to one group", m, where)
				dup = true
				continue
			}
			seen[key] = n
			group = append(group, m)
		}
		switch {
		case group == nil, len(group) < 2 && dup:
		case len(group) < 2:
			d.Errorf(file, n, "a group needs two or more members separated by commas, e.g. \"réseaux sociaux, médias sociaux\"")
		default:
			s.Groups = append(s.Groups, group)
		}
	}
	return s
}
