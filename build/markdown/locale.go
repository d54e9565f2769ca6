package markdown

import "strings"

// locale holds the words the renderer writes itself, in one language.
type locale struct {
	french bool // French typography applies

	table            string // default accessible name of a scrolling table
	footnoteBacklink string // accessible name of the link back to the citation
	// admonition titles by kind, and the separator between the kind and a
	// custom title ("À faire : Publier", "Do: Publish").
	admonitions [admonitionKinds]string
	kindSep     string
}

// localeFor returns the strings of lang; languages other than French get
// the English strings (the site warns about them).
func localeFor(lang string) locale {
	if isFrench(lang) {
		return locale{
			french:           true,
			table:            "Tableau",
			footnoteBacklink: "Retour au texte",
			admonitions: [admonitionKinds]string{
				AdmonitionDo:      "À faire",
				AdmonitionDont:    "À éviter",
				AdmonitionNote:    "Note",
				AdmonitionWarning: "Attention",
			},
			kindSep: "\u00a0:",
		}
	}
	return locale{
		table:            "Table",
		footnoteBacklink: "Back to text",
		admonitions: [admonitionKinds]string{
			AdmonitionDo:      "Do",
			AdmonitionDont:    "Don’t",
			AdmonitionNote:    "Note",
			AdmonitionWarning: "Warning",
		},
		kindSep: ":",
	}
}

// isFrench reports whether lang is French ("fr", "fr-CA").
func isFrench(lang string) bool {
	lang = strings.ToLower(lang)
	return lang == "fr" || strings.HasPrefix(lang, "fr-")
}
