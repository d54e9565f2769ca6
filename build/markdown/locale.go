package markdown

import (
	"strings"

	"example.com/handbook/build/i18n"
)

// locale holds the words the renderer writes itself, in one language.
type locale struct {
	french bool // French typography applies

	table            string // default accessible name of a scrolling table
	footnoteBacklink string // accessible name of the link back to the citation
	// admonition titles by kind, and the separator between the kind and a
	// custom title ("À faire : Publier", "Do: Publish").
	admonitions [admonitionKinds]string
	kindSep     string
	quiz        quizWords
}

// quizWords are the words of a self-check question, from the interface
// strings of build/i18n.
type quizWords struct {
	check    string // the button
	solution string // the summary of the <details>
	answer   string // before the right answer in the <details>
	right    string // verdicts the script shows
	wrong    string
	none     string // checked with no answer chosen
}

func quizWordsFor(lang string) quizWords {
	c := i18n.For(lang)
	return quizWords{
		check:    c.T("quiz_check"),
		solution: c.T("quiz_solution"),
		answer:   c.T("quiz_answer"),
		right:    c.T("quiz_right"),
		wrong:    c.T("quiz_wrong"),
		none:     c.T("quiz_none"),
	}
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
			quiz:    quizWordsFor("fr"),
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
		quiz:    quizWordsFor("en"),
	}
}

// isFrench reports whether lang is French ("fr", "fr-CA").
func isFrench(lang string) bool {
	lang = strings.ToLower(lang)
	return lang == "fr" || strings.HasPrefix(lang, "fr-")
}
