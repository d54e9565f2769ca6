package i18n

// frTable holds the French interface strings (Quebec usage). Typography is
// in the strings themselves: a no-break space (U+00A0) before ':' and inside
// « », a narrow no-break space (U+202F) before ; ! ?, and ’ apostrophes.
// Read-only.
var frTable = table{
	lang: "fr",
	strings: map[string]string{
		// Page frame and navigation.
		"skip_to_content":  "Passer au contenu",
		"menu":             "Menu",
		"home":             "Accueil",
		"main_navigation":  "Navigation principale",
		"breadcrumb":       "Fil d’Ariane",
		"language":         "Langue",
		"language_switch":  "English version",
		"contents":         "Table des matières",
		"on_this_page":     "Sur cette page",
		"previous_chapter": "Chapitre précédent",
		"next_chapter":     "Chapitre suivant",
		"back_to_top":      "Haut de page",
		"close":            "Fermer",
		"theme_toggle":     "Changer de thème",
		"theme_dark":       "Thème sombre",
		"theme_light":      "Thème clair",
		"not_found_title":  "Page introuvable",
		"not_found_text":   "La page demandée n’existe pas ou a été déplacée. Consultez la table des matières ou faites une recherche.",

		// Search.
		"search":              "Recherche",
		"search_label":        "Termes de recherche",
		"search_placeholder":  "Mot ou expression…",
		"search_submit":       "Rechercher",
		"search_no_js":        "La recherche nécessite JavaScript. Sans JavaScript, consultez la table des matières ou la version imprimable.",
		"noscript_search":     "Activez JavaScript pour utiliser la recherche.",
		"search_no_results":   "Aucun résultat pour «\u00a0%s\u00a0».",
		"search_all_editions": "Toutes les éditions",
		"search_this_edition": "Cette édition",
		"searching":           "Recherche en cours…",

		// Editions and their status.
		"editions":             "Éditions",
		"edition":              "Édition %s",
		"current_edition":      "Édition en vigueur",
		"in_force_since":       "En vigueur depuis le %s",
		"in_force_from":        "En vigueur à partir du %s",
		"announced":            "Annoncée le %s",
		"updated":              "Mis à jour le %s",
		"status_current":       "En vigueur",
		"status_upcoming":      "À venir",
		"status_past":          "Remplacée",
		"status_draft":         "Brouillon",
		"draft":                "Brouillon",
		"draft_banner":         "Brouillon\u00a0: ce texte n’est pas publié et peut encore changer.",
		"upcoming_banner":      "Vous lisez l’édition %s, qui entrera en vigueur le %s.",
		"past_banner":          "Vous lisez l’édition %s, qui n’est plus en vigueur.",
		"read_current_wording": "Lire le texte en vigueur",
		"permanent_link":       "Lien permanent vers cette édition",
		"release_notes":        "Notes de version",

		// Chapters that moved or went away.
		"chapter_removed":   "Ce chapitre a été retiré dans l’édition %s.",
		"read_last_wording": "Lire son dernier texte (édition %s)",
		"chapter_renamed":   "Ce chapitre a été renommé «\u00a0%s\u00a0».",
		"go_to_new_page":    "Aller à la nouvelle page",
		"renamed_from":      "Anciennement «\u00a0%s\u00a0»",

		// History, changes and redlines.
		"history":               "Historique",
		"chapter_history":       "Historique du chapitre",
		"changes":               "Modifications",
		"what_changed":          "Ce qui a changé",
		"change_note":           "Note de modification",
		"redline":               "Comparaison avec l’édition précédente",
		"no_text_change":        "Aucune modification du texte",
		"metadata_changes":      "Modifications des renseignements du chapitre",
		"added":                 "Ajouté",
		"removed":               "Retiré",
		"renamed":               "Renommé",
		"changed":               "Modifié",
		"unchanged":             "Inchangé",
		"new_chapter":           "Nouveau chapitre",
		"first_edition_all_new": "Première édition\u00a0: tous les chapitres sont nouveaux.",
		"inserted":              "insertion",
		"deleted":               "suppression",
		"changed_since_visit":   "Modifié depuis votre dernière visite",
		"translation_drift":     "Cette traduction ne reflète peut-être pas encore les modifications de l’édition %s.",
		"reference_text":        "Texte de référence",

		// Chapter details.
		"owner":       "Responsable",
		"approved_by": "Approuvé par",
		"effective":   "Date d’entrée en vigueur",
		"review_by":   "Prochaine révision",
		"audience":    "Public visé",
		"tags":        "Mots-clés",
		"tag":         "Mot-clé\u00a0: %s",
		"all_tags":    "Tous les mots-clés",

		// Actions.
		"suggest_change": "Proposer une modification",
		"print":          "Imprimer",
		"print_edition":  "Version imprimable",
		"copy":           "Copier",
		"copied":         "Copié\u202f!",

		// Feeds.
		"subscribe":          "S’abonner",
		"subscribe_intro":    "Ajoutez l’adresse d’un fil à votre lecteur de fils (Outlook, Thunderbird, Feedly…) pour être avisé de chaque modification.",
		"feeds":              "Fils de syndication",
		"feed_rss":           "Fil RSS",
		"feed_atom":          "Fil Atom",
		"feed_json":          "Fil JSON, pour les outils de conformité (avec l’édition, le chapitre et la date d’entrée en vigueur de chaque modification)",
		"chapter_feed":       "Fil RSS de ce chapitre",
		"feed_title":         "%s — modifications",
		"chapter_feed_title": "%s — modifications du chapitre «\u00a0%s\u00a0»",
		"feed_edition_title": "Édition %s, en vigueur le %s",

		// Edition pages, redlines, subscribe (site layouts).
		"all_changes":             "Toutes les modifications de cette édition",
		"chapter_feeds":           "Fils par chapitre",
		"chapters":                "Chapitres",
		"chapters_changed":        "Chapitres ajoutés, modifiés ou retirés",
		"compared_with_previous":  "Comparée à l’édition précédente\u00a0:",
		"deleted_text":            "texte retiré",
		"draft_not_in_force":      "Brouillon\u00a0: pas encore en vigueur",
		"edition_contents":        "Table des matières de l’édition",
		"feed_subtitle":           "Chaque modification de la charte, avec ce qui a changé et pourquoi.",
		"field":                   "Renseignement",
		"home_intro":              "Les règles qui encadrent la présence de Groupe Boréal et de ses employés dans les médias sociaux\u00a0: ce qui est permis, ce qui ne l’est pas, et qui appeler.",
		"inserted_text":           "texte ajouté",
		"last_wording":            "Dernière version (édition %s)",
		"no_chapter_changed":      "Aucun chapitre n’a changé dans cette édition.",
		"no_feeds":                "Les fils ne sont pas publiés\u00a0: l’adresse du site (base_url) n’est pas configurée.",
		"redline_compare":         "Comparaison\u00a0:",
		"redline_legend":          "Légende\u00a0:",
		"redlines":                "Comparaisons",
		"search_in":               "Rechercher dans",
		"slug":                    "Adresse",
		"subscribe_howto":         "Chaque fil annonce les nouvelles éditions et chaque chapitre ajouté, modifié, renommé ou retiré, avec la note de modification et un extrait de la comparaison. Les brouillons n’y paraissent jamais.",
		"summary":                 "Résumé",
		"title":                   "Titre",
		"what_changed_in_edition": "Ce qui a changé dans cette édition",

		// The one-line summary of a chapter's metadata on narrow screens.
		"meta_effective": "en vigueur le %s",
		"meta_review":    "révision %s",

		// The timeline of editions (editions and history pages).
		"timeline_title":         "Chronologie des éditions",
		"timeline_history_title": "Ce chapitre d’une édition à l’autre : mots ajoutés et retirés",
		"timeline_current":       "en vigueur",
		"timeline_upcoming":      "à venir",

		// Read and acknowledge (acknowledge_url in handbook.yaml).
		"acknowledge":      "J’ai lu l’édition %s",
		"acknowledge_done": "Lecture confirmée dans ce navigateur le %s",

		// Self-check questions (::: quiz blocks in chapters).
		"quiz_check":    "Vérifier ma réponse",
		"quiz_solution": "Voir la réponse et l’explication",
		"quiz_answer":   "Bonne réponse\u00a0:",
		"quiz_right":    "Bonne réponse.",
		"quiz_wrong":    "Ce n’est pas la bonne réponse. La réponse et l’explication sont affichées ci-dessous.",
		"quiz_none":     "Choisissez d’abord une réponse.",
	},
	plurals: map[string][2]string{
		"search_results_count": {"%s résultat", "%s résultats"},
		"words_added":          {"%s mot ajouté", "%s mots ajoutés"},
		"words_removed":        {"%s mot retiré", "%s mots retirés"},
		"chapters_count":       {"%s chapitre", "%s chapitres"},
	},
}
