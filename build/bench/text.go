package bench

// The phrase tables the generator draws from: French and English policy
// text, in parallel (index 0 French, index 1 English), so that the English
// chapter is a translation of the French one. Sentences hold slots ({role},
// {dept}, ...) filled from the slot tables below; the templates avoid
// French contractions with the slot ("de {dept}"), adjectives that would
// have to agree with a slot, abbreviations that end in ". " (the edition
// step splits sentences there) and "[" (kept for links and footnotes).
//
// These are constant tables: nothing writes to them.

// pair is one phrase in French (0) and English (1).
type pair [2]string

// slotNames are the slots a template may hold, in the order their fillers
// are drawn (the order fixes the random stream, so keep it).
var slotNames = [...]string{"role", "channel", "dept", "delay", "doc", "data", "topic", "num", "platform", "todept", "ofdept"}

// slotFillers holds the fillers of each slot of slotNames, same order.
var slotFillers = [...][]pair{
	// role: plural, with its article in French.
	{
		{"les porte-parole agréés", "accredited spokespeople"},
		{"les gestionnaires de communauté", "community managers"},
		{"les employés", "employees"},
		{"les gestionnaires", "managers"},
		{"les membres de la direction", "members of senior management"},
		{"les agences mandatées", "contracted agencies"},
		{"les stagiaires", "interns"},
		{"les conseillers en communication", "communications advisers"},
		{"les représentants du service à la clientèle", "customer service representatives"},
		{"les ambassadeurs de marque", "brand ambassadors"},
		{"les administrateurs des comptes officiels", "administrators of official accounts"},
		{"les membres de l'équipe des médias sociaux", "members of the social media team"},
	},
	// channel: with its preposition.
	{
		{"sur LinkedIn", "on LinkedIn"},
		{"sur X", "on X"},
		{"sur Facebook", "on Facebook"},
		{"sur Instagram", "on Instagram"},
		{"sur TikTok", "on TikTok"},
		{"sur YouTube", "on YouTube"},
		{"sur le blogue d'entreprise", "on the corporate blog"},
		{"sur l'intranet", "on the intranet"},
		{"dans les groupes de discussion", "in discussion groups"},
		{"sur les forums spécialisés", "on specialised forums"},
		{"sur Threads", "on Threads"},
		{"sur les plateformes de messagerie", "on messaging platforms"},
	},
	// dept: singular subject, with its article in French.
	{
		{"le bureau des Communications", "the Communications desk"},
		{"le service juridique", "the Legal department"},
		{"la direction des Ressources humaines", "Human Resources"},
		{"l'équipe de la Sécurité de l'information", "the Information Security team"},
		{"le comité de direction", "the Executive Committee"},
		{"le service du Marketing", "the Marketing department"},
		{"le service de la conformité", "the Compliance office"},
		{"le responsable de la protection des renseignements personnels", "the privacy officer"},
	},
	// delay
	{
		{"dans un délai de 24 heures", "within 24 hours"},
		{"dans l'heure", "within the hour"},
		{"avant la fin de la journée ouvrable", "before the end of the business day"},
		{"dans les deux jours ouvrables", "within two business days"},
		{"dans un délai de 72 heures", "within 72 hours"},
		{"sans délai", "without delay"},
		{"dans la semaine", "within the week"},
		{"avant 10 h le lendemain", "before 10 a.m. the next day"},
	},
	// doc: singular, with its article.
	{
		{"le registre des comptes officiels", "the register of official accounts"},
		{"le journal de modération", "the moderation log"},
		{"le guide de rédaction", "the style guide"},
		{"le plan de communication de crise", "the crisis communication plan"},
		{"le calendrier éditorial", "the editorial calendar"},
		{"la procédure d'approbation", "the approval procedure"},
		{"le code d'éthique", "the code of ethics"},
		{"la politique de sécurité de l'information", "the information security policy"},
		{"la grille d'évaluation des risques", "the risk assessment grid"},
		{"le formulaire de déclaration", "the disclosure form"},
	},
	// data: plural, with its article in French.
	{
		{"les renseignements personnels", "personal information"},
		{"les données financières non publiées", "unpublished financial data"},
		{"les photos de clients", "customers' photos"},
		{"les coordonnées des employés", "employees' contact details"},
		{"les numéros de dossier", "file numbers"},
		{"les plans de produits à venir", "plans for upcoming products"},
		{"les résultats trimestriels", "quarterly results"},
		{"les échanges avec les organismes de réglementation", "exchanges with regulators"},
		{"les détails d'un litige en cours", "the details of pending litigation"},
		{"les mots de passe", "passwords"},
	},
	// topic: filled per chapter (see topics), never drawn.
	nil,
	// num
	{
		{"deux", "two"},
		{"trois", "three"},
		{"quatre", "four"},
		{"cinq", "five"},
		{"six", "six"},
	},
	// platform: a name, the same in both languages.
	{
		{"LinkedIn", "LinkedIn"},
		{"Facebook", "Facebook"},
		{"Instagram", "Instagram"},
		{"X", "X"},
		{"TikTok", "TikTok"},
		{"YouTube", "YouTube"},
		{"Threads", "Threads"},
		{"Reddit", "Reddit"},
	},
	// todept: "à" + dept, contracted in French.
	{
		{"au bureau des Communications", "the Communications desk"},
		{"au service juridique", "the Legal department"},
		{"à la direction des Ressources humaines", "Human Resources"},
		{"à l'équipe de la Sécurité de l'information", "the Information Security team"},
		{"au comité de direction", "the Executive Committee"},
		{"au service de la conformité", "the Compliance office"},
		{"au responsable de la protection des renseignements personnels", "the privacy officer"},
	},
	// ofdept: "de" + dept, contracted in French.
	{
		{"du bureau des Communications", "the Communications desk"},
		{"du service juridique", "the Legal department"},
		{"de la direction des Ressources humaines", "Human Resources"},
		{"de l'équipe de la Sécurité de l'information", "the Information Security team"},
		{"du comité de direction", "the Executive Committee"},
		{"du service de la conformité", "the Compliance office"},
	},
}

// topic is what a chapter is about: the first word of its slug, its title,
// and a noun phrase used in sentences (with its article in French).
type topic struct {
	slug   string
	name   pair
	phrase pair
	owner  int // index in owners
}

var topics = [...]topic{
	{"comptes-officiels", pair{"Comptes officiels", "Official accounts"}, pair{"la gestion des comptes officiels", "the management of official accounts"}, 0},
	{"moderation", pair{"Modération", "Moderation"}, pair{"la modération des commentaires", "comment moderation"}, 0},
	{"confidentialite", pair{"Confidentialité", "Confidentiality"}, pair{"la protection de l'information confidentielle", "the protection of confidential information"}, 2},
	{"renseignements-personnels", pair{"Renseignements personnels", "Personal information"}, pair{"la protection des renseignements personnels", "the protection of personal information"}, 2},
	{"divulgation", pair{"Divulgation", "Disclosure"}, pair{"la divulgation de l'information financière", "the disclosure of financial information"}, 2},
	{"crise", pair{"Communication de crise", "Crisis communication"}, pair{"la communication en situation de crise", "communication during a crisis"}, 0},
	{"usage-personnel", pair{"Usage personnel", "Personal use"}, pair{"l'usage personnel des médias sociaux", "the personal use of social media"}, 1},
	{"porte-parole", pair{"Porte-parole", "Spokespeople"}, pair{"le rôle des porte-parole", "the role of spokespeople"}, 0},
	{"formation", pair{"Formation", "Training"}, pair{"la formation des employés", "employee training"}, 1},
	{"agrement", pair{"Agrément", "Accreditation"}, pair{"l'agrément des porte-parole", "the accreditation of spokespeople"}, 0},
	{"critiques", pair{"Critiques", "Criticism"}, pair{"la réponse aux critiques", "responding to criticism"}, 0},
	{"publicite", pair{"Publicité", "Advertising"}, pair{"la publicité sur les plateformes sociales", "advertising on social platforms"}, 4},
	{"influence", pair{"Partenariats d'influence", "Influencer partnerships"}, pair{"les partenariats avec des créateurs de contenu", "partnerships with content creators"}, 4},
	{"droit-d-auteur", pair{"Droit d'auteur", "Copyright"}, pair{"le respect du droit d'auteur", "respect for copyright"}, 2},
	{"photos-videos", pair{"Photos et vidéos", "Photos and videos"}, pair{"l'utilisation des photos et des vidéos", "the use of photos and videos"}, 0},
	{"securite", pair{"Sécurité des comptes", "Account security"}, pair{"la sécurité des comptes", "account security"}, 3},
	{"accessibilite", pair{"Accessibilité", "Accessibility"}, pair{"l'accessibilité des publications", "the accessibility of posts"}, 0},
	{"langues", pair{"Langues de publication", "Publishing languages"}, pair{"le choix des langues de publication", "the choice of publishing languages"}, 0},
	{"archivage", pair{"Archivage", "Archiving"}, pair{"la conservation des publications", "the retention of posts"}, 2},
	{"relations-presse", pair{"Relations de presse", "Media relations"}, pair{"les relations avec les médias", "relations with the media"}, 0},
	{"periode-electorale", pair{"Période électorale", "Election periods"}, pair{"la neutralité en période électorale", "neutrality during election periods"}, 2},
	{"intelligence-artificielle", pair{"Intelligence artificielle", "Artificial intelligence"}, pair{"l'usage de l'intelligence artificielle générative", "the use of generative artificial intelligence"}, 3},
	{"recrutement", pair{"Recrutement", "Recruitment"}, pair{"les publications liées au recrutement", "recruitment posts"}, 1},
	{"concours", pair{"Concours", "Contests"}, pair{"l'organisation de concours en ligne", "running online contests"}, 4},
	{"signalement", pair{"Signalement", "Reporting"}, pair{"le signalement des incidents", "the reporting of incidents"}, 3},
	{"service-clientele", pair{"Service à la clientèle", "Customer service"}, pair{"le service à la clientèle en ligne", "online customer service"}, 0},
	{"conflits-d-interets", pair{"Conflits d'intérêts", "Conflicts of interest"}, pair{"la prévention des conflits d'intérêts", "the prevention of conflicts of interest"}, 2},
	{"veille", pair{"Veille", "Monitoring"}, pair{"la veille des médias sociaux", "social media monitoring"}, 0},
	{"nouvelles-plateformes", pair{"Nouvelles plateformes", "New platforms"}, pair{"l'ouverture d'un compte sur une nouvelle plateforme", "opening an account on a new platform"}, 3},
	{"manquements", pair{"Manquements", "Breaches"}, pair{"le traitement des manquements à la charte", "the handling of breaches of the policy"}, 1},
}

// aspects qualify a topic in a title, so that titles stay distinct.
var aspects = [...]struct {
	slug string
	name pair
}{
	{"principes", pair{"principes", "principles"}},
	{"responsabilites", pair{"responsabilités", "responsibilities"}},
	{"procedure", pair{"procédure", "procedure"}},
	{"exemples", pair{"exemples", "examples"}},
	{"exceptions", pair{"exceptions", "exceptions"}},
	{"controles", pair{"contrôles", "controls"}},
	{"outils", pair{"outils", "tools"}},
	{"delais", pair{"délais", "time limits"}},
	{"cas-particuliers", pair{"cas particuliers", "special cases"}},
	{"questions", pair{"questions fréquentes", "frequently asked questions"}},
	{"regles", pair{"règles de base", "basic rules"}},
	{"suivi", pair{"suivi", "follow-up"}},
}

// owners are the departments that own chapters.
var owners = [...]pair{
	{"Communications", "Communications"},
	{"Ressources humaines", "Human Resources"},
	{"Affaires juridiques", "Legal Affairs"},
	{"Sécurité de l'information", "Information Security"},
	{"Marketing", "Marketing"},
}

// approvers sign a chapter's wording.
var approvers = [...]pair{
	{"Comité de direction", "Executive Committee"},
	{"Vice-présidence Communications", "Vice-President, Communications"},
	{"Direction des affaires juridiques", "Legal Affairs Division"},
	{"Comité d'éthique", "Ethics Committee"},
}

// audiences are who a chapter is for.
var audiences = [...]pair{
	{"Tous les employés", "All employees"},
	{"Porte-parole agréés", "Accredited spokespeople"},
	{"Gestionnaires de communauté", "Community managers"},
	{"Gestionnaires", "Managers"},
	{"Marketing", "Marketing"},
	{"Agences mandatées", "Contracted agencies"},
}

// tags is the small tag set.
var tags = [...]pair{
	{"conduite", "conduct"},
	{"ton", "tone"},
	{"comptes officiels", "official accounts"},
	{"droit", "law"},
	{"vie privée", "privacy"},
	{"crise", "crisis"},
	{"formation", "training"},
	{"sécurité", "security"},
	{"image de marque", "brand"},
	{"relations de presse", "media relations"},
	{"intelligence artificielle", "artificial intelligence"},
	{"ressources humaines", "human resources"},
}

// headings2 are section titles (## N. Title).
var headings2 = [...]pair{
	{"Objet", "Purpose"},
	{"Portée", "Scope"},
	{"Principes", "Principles"},
	{"Rôles et responsabilités", "Roles and responsibilities"},
	{"Ce qui est permis", "What is allowed"},
	{"Ce qui est interdit", "What is not allowed"},
	{"Procédure", "Procedure"},
	{"Approbation", "Approval"},
	{"Délais", "Time limits"},
	{"Exemples concrets", "Concrete examples"},
	{"Cas particuliers", "Special cases"},
	{"Documentation", "Record keeping"},
	{"Contrôles", "Controls"},
	{"En cas de doute", "When in doubt"},
	{"Exceptions", "Exceptions"},
	{"Manquements", "Breaches"},
	{"Outils", "Tools"},
	{"Formation", "Training"},
	{"Suivi et révision", "Follow-up and review"},
	{"Signalement", "Reporting"},
	{"Définitions", "Definitions"},
	{"Ton et style", "Tone and style"},
	{"Confidentialité", "Confidentiality"},
	{"Sécurité", "Security"},
	{"Coordination", "Coordination"},
	{"Urgences", "Emergencies"},
	{"Mesure des résultats", "Measuring results"},
	{"Relations avec les partenaires", "Working with partners"},
}

// headings3 are subsection titles (### N.M Title).
var headings3 = [...]pair{
	{"Avant de publier", "Before posting"},
	{"Pendant une crise", "During a crisis"},
	{"Après la publication", "After posting"},
	{"Sur les comptes officiels", "On official accounts"},
	{"Sur les comptes personnels", "On personal accounts"},
	{"Avec les médias", "With the media"},
	{"Avec les agences", "With agencies"},
	{"Le rôle du gestionnaire", "The manager's role"},
	{"Le rôle des Communications", "The role of Communications"},
	{"Les délais à respecter", "Time limits to meet"},
	{"Les pièces à conserver", "Records to keep"},
	{"Les erreurs fréquentes", "Common mistakes"},
	{"Les situations à signaler", "Situations to report"},
	{"Le cas des mineurs", "Minors"},
	{"Le cas des partenaires", "Partners"},
	{"Les publications programmées", "Scheduled posts"},
	{"Les messages privés", "Private messages"},
	{"Les contenus sensibles", "Sensitive content"},
	{"Les demandes d'accès", "Access requests"},
	{"Les exceptions autorisées", "Authorised exceptions"},
	{"La vérification des faits", "Fact-checking"},
	{"Les comptes de service", "Service accounts"},
}

// intros open a chapter; they name its topic.
var intros = [...]pair{
	{"Ce chapitre encadre {topic} pour l'ensemble de Groupe Boréal.", "This chapter governs {topic} across Groupe Boréal."},
	{"Les règles qui suivent encadrent {topic}, quel que soit le canal utilisé.", "The rules below apply to {topic}, whatever the channel."},
	{"Ce chapitre explique qui décide, qui agit et qui rend des comptes pour {topic}.", "This chapter explains who decides, who acts and who is accountable for {topic}."},
	{"Nous avons rédigé ces règles sur {topic} à partir des questions les plus fréquentes des équipes.", "We wrote these rules on {topic} from the questions teams ask most often."},
	{"Pour {topic}, la présente charte fixe des attentes simples et vérifiables.", "For {topic}, this policy sets simple expectations that can be checked."},
	{"Ce qui suit précise nos engagements envers le public pour {topic}.", "What follows sets out our commitments to the public regarding {topic}."},
}

// sentences are the body of paragraphs.
var sentences = [...]pair{
	{"{role} publient {channel} seulement après l'approbation prévue dans {doc}.", "{role} post {channel} only after the approval set out in {doc}."},
	{"Toute publication officielle doit pouvoir être justifiée par une source vérifiable.", "Every official post must be backed by a verifiable source."},
	{"{dept} tient à jour {doc} et en informe toutes les équipes concernées.", "{dept} keeps {doc} up to date and shares it with every team concerned."},
	{"En cas de doute, abstenez-vous de publier et demandez conseil {delay}.", "When in doubt, do not post and ask for advice {delay}."},
	{"Personne ne publie {data} {channel}, même dans un groupe fermé.", "Nobody posts {data} {channel}, even in a closed group."},
	{"{role} répondent aux questions du public {delay}, en semaine comme en fin de semaine.", "{role} answer questions from the public {delay}, on weekdays and weekends alike."},
	{"Une erreur corrigée rapidement et ouvertement coûte moins cher qu'une erreur cachée.", "A mistake corrected quickly and openly costs less than a hidden one."},
	{"Nous ne supprimons jamais une publication pour effacer une critique légitime.", "We never delete a post to erase legitimate criticism."},
	{"{dept} peut suspendre une publication programmée si le contexte a changé.", "{dept} may suspend a scheduled post if the context has changed."},
	{"Chaque compte officiel a un responsable nommé et au moins un remplaçant.", "Every official account has a named owner and at least one backup."},
	{"{role} consignent chaque incident dans {doc} {delay}.", "{role} record every incident in {doc} {delay}."},
	{"La règle vaut pour tous les formats, y compris les vidéos courtes et les diffusions en direct.", "The rule applies to every format, including short videos and live streams."},
	{"Les messages publiés {channel} restent visibles longtemps après leur suppression.", "Messages posted {channel} remain visible long after they are deleted."},
	{"Avant de partager une information, vérifiez qui l'a publiée en premier et à quelle date.", "Before sharing information, check who published it first and when."},
	{"{dept} tranche lorsque deux équipes ne s'entendent pas sur une publication.", "{dept} decides when two teams disagree about a post."},
	{"Les comptes officiels ne suivent pas les comptes de partis politiques ou de candidats.", "Official accounts do not follow the accounts of political parties or candidates."},
	{"Nous répondons en français ou en anglais, dans la langue utilisée par la personne.", "We reply in French or in English, in the language the person used."},
	{"Une réponse publique ne contient jamais {data}.", "A public reply never contains {data}."},
	{"{role} signalent {todept} toute demande d'un journaliste reçue {channel}.", "{role} report to {todept} any request from a journalist received {channel}."},
	{"La présente règle complète {doc} sans le remplacer.", "This rule supplements {doc} without replacing it."},
	{"Les publications commanditées portent toujours la mention prévue par la plateforme.", "Sponsored posts always carry the label the platform provides."},
	{"Un compte inactif depuis plus de six mois est fermé ou remis {todept}.", "An account inactive for more than six months is closed or handed over to {todept}."},
	{"Les mots de passe des comptes officiels sont conservés dans le coffre-fort numérique de l'entreprise.", "Passwords of official accounts are kept in the company's digital vault."},
	{"L'authentification à deux facteurs est obligatoire sur tous les comptes officiels.", "Two-factor authentication is mandatory on every official account."},
	{"{role} ne parlent pas au nom de Groupe Boréal sans autorisation écrite.", "{role} do not speak on behalf of Groupe Boréal unless authorised in writing."},
	{"Une opinion personnelle reste personnelle, même lorsqu'elle porte sur notre secteur.", "A personal opinion stays personal, even when it concerns our industry."},
	{"Indiquez votre lien d'emploi lorsque vous parlez de nos produits {channel}.", "State your employment relationship when you talk about our products {channel}."},
	{"Les photos d'employés ne sont publiées qu'avec leur consentement écrit.", "Photos of employees are published only with their written consent."},
	{"Les visages des enfants n'apparaissent jamais dans nos publications sans l'accord d'un parent.", "Children's faces never appear in our posts without a parent's consent."},
	{"Nous citons toujours l'auteur d'une image ou d'un texte que nous reprenons.", "We always credit the author of an image or a text we reuse."},
	{"Une image trouvée en ligne n'est pas libre de droits pour autant.", "An image found online is not free of rights for all that."},
	{"{dept} vérifie les licences des images avant leur première utilisation.", "{dept} checks image licences before their first use."},
	{"Chaque vidéo publiée comporte des sous-titres dans la langue de la publication.", "Every video we post has captions in the language of the post."},
	{"Chaque image publiée comporte un texte de remplacement qui décrit son contenu.", "Every image we post has alternative text that describes its content."},
	{"Nous évitons les émojis en série et le texte en majuscules, que les lecteurs d'écran lisent mal.", "We avoid strings of emojis and all-caps text, which screen readers handle poorly."},
	{"Les liens publiés mènent vers des pages que nous contrôlons ou vers des sources reconnues.", "Links we post lead to pages we control or to recognised sources."},
	{"Un raccourcisseur d'adresses n'est utilisé que s'il est approuvé par {dept}.", "A link shortener is used only if approved by {dept}."},
	{"{role} conservent une copie de chaque publication officielle pendant sept ans.", "{role} keep a copy of every official post for seven years."},
	{"Les échanges en message privé sont conservés selon {doc}.", "Private message exchanges are kept according to {doc}."},
	{"Une demande d'accès à l'information est transmise {delay} {todept}.", "A request for access to information is forwarded {delay} to {todept}."},
	{"Personne ne promet une indemnisation ou un remboursement dans une réponse publique.", "Nobody promises compensation or a refund in a public reply."},
	{"Les questions juridiques sont renvoyées au service juridique, jamais traitées en ligne.", "Legal questions are referred to the Legal department, never handled online."},
	{"Nous ne commentons jamais un litige en cours, même pour corriger une information inexacte.", "We never comment on pending litigation, even to correct inaccurate information."},
	{"En période de résultats financiers, les comptes officiels ne publient que les communiqués approuvés.", "During financial reporting periods, official accounts post only approved press releases."},
	{"L'information importante non publiée ne circule ni {channel} ni dans les messages privés.", "Material undisclosed information circulates neither {channel} nor in private messages."},
	{"{role} suivent la formation annuelle sur la charte avant le 31 mars.", "{role} take the annual training on the policy before March 31."},
	{"La formation comprend un module pratique sur les réponses aux critiques.", "The training includes a hands-on module on answering criticism."},
	{"L'agrément d'un porte-parole est renouvelé tous les deux ans.", "A spokesperson's accreditation is renewed every two years."},
	{"Un porte-parole dont l'agrément est échu ne répond plus aux médias.", "A spokesperson whose accreditation has lapsed no longer answers the media."},
	{"{dept} tient la liste des porte-parole agréés et la publie sur l'intranet.", "{dept} keeps the list of accredited spokespeople and publishes it on the intranet."},
	{"Les agences qui publient pour nous signent un engagement à respecter la présente charte.", "Agencies that post for us sign an undertaking to comply with this policy."},
	{"Une agence n'a jamais accès aux mots de passe principaux des comptes officiels.", "An agency never has access to the main passwords of official accounts."},
	{"Les accès d'une personne qui quitte l'équipe sont retirés le jour même.", "Access for a person leaving the team is removed the same day."},
	{"{dept} passe en revue les accès aux comptes officiels chaque trimestre.", "{dept} reviews access to official accounts every quarter."},
	{"Une tentative d'hameçonnage visant un compte officiel est signalée {delay}.", "A phishing attempt targeting an official account is reported {delay}."},
	{"Si un compte est piraté, changez les mots de passe puis prévenez {dept}.", "If an account is hacked, change the passwords, then notify {dept}."},
	{"Un faux compte qui imite Groupe Boréal est signalé à la plateforme et consigné dans {doc}.", "A fake account imitating Groupe Boréal is reported to the platform and logged in {doc}."},
	{"La veille couvre {platform} et les forums où nos clients discutent de nos services.", "Monitoring covers {platform} and the forums where our customers discuss our services."},
	{"Les outils de veille ne collectent que des contenus publics.", "Monitoring tools collect public content only."},
	{"Les rapports de veille ne nomment pas les particuliers, sauf s'ils s'expriment publiquement au nom d'un organisme.", "Monitoring reports do not name private individuals, unless they speak publicly for an organisation."},
	{"Une hausse soudaine des mentions négatives déclenche une alerte auprès du bureau des Communications.", "A sudden rise in negative mentions triggers an alert to the Communications desk."},
	{"La cellule de crise se réunit {delay} après le déclenchement de l'alerte.", "The crisis unit meets {delay} after the alert is raised."},
	{"Pendant une crise, seuls les messages validés par la cellule de crise sont publiés.", "During a crisis, only messages approved by the crisis unit are posted."},
	{"Les publications programmées sont suspendues dès le début d'une crise.", "Scheduled posts are suspended as soon as a crisis begins."},
	{"Le premier message public reconnaît la situation, même si tous les faits ne sont pas connus.", "The first public message acknowledges the situation, even if not all the facts are known."},
	{"Nous publions une mise à jour au moins toutes les {num} heures tant que la crise dure.", "We post an update at least every {num} hours for as long as the crisis lasts."},
	{"À la fin d'une crise, {dept} rédige un bilan et propose des améliorations.", "At the end of a crisis, {dept} writes a review and proposes improvements."},
	{"{role} ne se prononcent pas sur les causes d'un accident avant la fin de l'enquête.", "{role} do not comment on the causes of an accident before the investigation ends."},
	{"Les condoléances publiques sont rédigées par {dept} et approuvées par la direction.", "Public condolences are written by {dept} and approved by management."},
	{"Nous n'utilisons jamais une tragédie pour promouvoir un produit ou un service.", "We never use a tragedy to promote a product or a service."},
	{"Un partenariat avec un créateur de contenu fait l'objet d'un contrat écrit.", "A partnership with a content creator is covered by a written contract."},
	{"Le créateur indique clairement le partenariat dans chaque publication.", "The creator clearly discloses the partnership in every post."},
	{"Nous ne demandons jamais à un créateur de taire un défaut de nos produits.", "We never ask a creator to keep quiet about a flaw in our products."},
	{"Les concours respectent le règlement de la plateforme et la loi applicable.", "Contests comply with the platform's rules and the applicable law."},
	{"Le règlement d'un concours est publié avant son lancement.", "A contest's rules are published before it starts."},
	{"Les gagnants sont tirés au sort en présence d'un témoin et le résultat est consigné.", "Winners are drawn at random in front of a witness and the result is recorded."},
	{"Les offres d'emploi publiées {channel} renvoient toujours au site carrière.", "Job offers posted {channel} always link to the careers site."},
	{"Nous ne répondons pas publiquement aux questions sur une candidature en particulier.", "We do not answer questions about a specific application in public."},
	{"Un gestionnaire ne consulte pas les comptes personnels d'un candidat pour évaluer sa candidature.", "A manager does not look at a candidate's personal accounts to assess an application."},
	{"{role} évitent toute situation où un intérêt personnel pourrait influencer une publication.", "{role} avoid any situation where a personal interest could influence a post."},
	{"Un conflit d'intérêts réel ou apparent est déclaré {todept} {delay}.", "An actual or apparent conflict of interest is declared to {todept} {delay}."},
	{"Les cadeaux offerts par un fournisseur en échange d'une mention sont refusés.", "Gifts offered by a supplier in exchange for a mention are refused."},
	{"Pendant une campagne électorale, les comptes officiels ne partagent aucun contenu partisan.", "During an election campaign, official accounts share no partisan content."},
	{"Un employé candidat à une élection utilise ses comptes personnels, jamais nos comptes officiels.", "An employee running for office uses personal accounts, never our official accounts."},
	{"Un texte produit avec l'intelligence artificielle est relu par une personne avant sa publication.", "A text produced with artificial intelligence is reviewed by a person before it is posted."},
	{"Les images générées par l'intelligence artificielle sont étiquetées comme telles.", "Images generated by artificial intelligence are labelled as such."},
	{"Personne ne saisit {data} dans un outil d'intelligence artificielle public.", "Nobody enters {data} into a public artificial intelligence tool."},
	{"{dept} tient la liste des outils d'intelligence artificielle autorisés.", "{dept} keeps the list of authorised artificial intelligence tools."},
	{"L'ouverture d'un compte sur une nouvelle plateforme suit {doc}.", "Opening an account on a new platform follows {doc}."},
	{"Une demande d'ouverture de compte précise le public visé, les ressources prévues et le responsable.", "A request to open an account states the intended audience, the planned resources and the owner."},
	{"Une plateforme qui ne permet pas de modérer les commentaires n'accueille pas de compte officiel.", "A platform that does not allow comment moderation does not host an official account."},
	{"Les manquements à la charte sont traités avec discrétion et selon la gravité des faits.", "Breaches of the policy are handled discreetly and according to their seriousness."},
	{"Un premier manquement mineur donne lieu à un rappel des règles et à une formation.", "A first minor breach leads to a reminder of the rules and a training session."},
	{"Un manquement grave peut entraîner des mesures disciplinaires, selon la politique des Ressources humaines.", "A serious breach may lead to disciplinary measures under the Human Resources policy."},
	{"La personne visée par une plainte est entendue avant toute décision.", "The person a complaint concerns is heard before any decision."},
	{"Les représailles contre une personne qui signale un manquement de bonne foi sont interdites.", "Retaliation against a person who reports a breach in good faith is prohibited."},
	{"Un signalement peut être fait de façon anonyme par la ligne d'éthique.", "A report can be made anonymously through the ethics line."},
	{"{role} lisent {doc} dès leur arrivée dans l'équipe.", "{role} read {doc} as soon as they join the team."},
	{"Une publication qui touche plusieurs secteurs est coordonnée par {dept}.", "A post that concerns several business units is coordinated by {dept}."},
	{"Le calendrier éditorial est revu chaque lundi par l'équipe des médias sociaux.", "The editorial calendar is reviewed every Monday by the social media team."},
	{"Aucune publication n'est programmée sans une personne disponible pour répondre aux commentaires.", "No post is scheduled without someone available to answer comments."},
	{"Les statistiques de performance sont présentées chaque mois {todept}.", "Performance statistics are presented to {todept} every month."},
	{"Nous mesurons la qualité des échanges, pas seulement le nombre de mentions J'aime.", "We measure the quality of conversations, not only the number of likes."},
	{"Un indicateur qui encourage la provocation est retiré du tableau de bord.", "An indicator that rewards provocation is removed from the dashboard."},
	{"{role} utilisent le ton de la conversation, courtois et sans jargon.", "{role} use a conversational tone, courteous and free of jargon."},
	{"Nous écrivons des phrases courtes, au présent et à la voix active.", "We write short sentences, in the present tense and the active voice."},
	{"Les sigles internes sont remplacés par des mots que le public comprend.", "Internal acronyms are replaced by words the public understands."},
	{"Chaque réponse sur un compte officiel est signée du prénom de son auteur.", "Every reply on an official account is signed with its author's first name."},
	{"Une réponse reprend la question de la personne avant d'y répondre.", "A reply restates the person's question before answering it."},
	{"Nous remercions les personnes qui signalent une erreur, même lorsque le ton est vif.", "We thank people who point out a mistake, even when the tone is sharp."},
	{"Au deuxième échange qui tourne en rond, proposez de poursuivre en message privé.", "When the second exchange goes in circles, offer to continue by private message."},
	{"Ne demandez en message privé que les renseignements strictement nécessaires.", "In private messages, ask only for the information strictly necessary."},
	{"Un commentaire injurieux est masqué, consigné dans {doc}, puis signalé s'il contient une menace.", "An abusive comment is hidden, logged in {doc}, then reported if it contains a threat."},
	{"Une critique, même injuste, reste visible sous nos publications.", "Criticism, even unfair, stays visible under our posts."},
	{"Le blocage d'un compte exige deux avertissements et l'accord {ofdept}.", "Blocking an account requires two warnings and the agreement of {ofdept}."},
	{"Les règles de la communauté sont affichées sur chaque compte officiel.", "Community rules are displayed on every official account."},
	{"{dept} révise les règles de la communauté une fois par année.", "{dept} reviews the community rules once a year."},
	{"Une menace contre une personne est signalée immédiatement à la ligne de crise.", "A threat against a person is reported immediately to the crisis line."},
	{"Les employés visés par du harcèlement en ligne reçoivent le soutien des Ressources humaines.", "Employees targeted by online harassment receive support from Human Resources."},
	{"Personne n'est tenu de répondre à des attaques personnelles sur ses comptes privés.", "Nobody has to answer personal attacks on their private accounts."},
	{"Vous pouvez parler de votre travail en ligne, à condition de ne rien dévoiler de confidentiel.", "You may talk about your work online, as long as you reveal nothing confidential."},
	{"Les publications personnelles faites pendant les heures de travail restent brèves.", "Personal posts made during working hours stay brief."},
	{"Un employé ne crée pas de compte qui ressemble à un compte officiel.", "An employee does not create an account that looks like an official account."},
	{"Le logo de Groupe Boréal n'apparaît pas sur les comptes personnels.", "The Groupe Boréal logo does not appear on personal accounts."},
	{"Si une publication personnelle suscite des réactions liées à votre emploi, prévenez votre gestionnaire.", "If a personal post draws reactions related to your job, tell your manager."},
	{"{role} consultent {dept} avant d'accepter une entrevue, même informelle.", "{role} consult {dept} before accepting an interview, even an informal one."},
	{"Un journaliste qui écrit {channel} est dirigé vers la ligne des médias.", "A journalist who writes {channel} is directed to the media line."},
	{"Les déclarations aux médias sont préparées avec {dept} et consignées.", "Statements to the media are prepared with {dept} and recorded."},
	{"Une citation inexacte dans un article est corrigée auprès du média, pas dans les commentaires.", "An inaccurate quotation in an article is corrected with the outlet, not in the comments."},
	{"Les publications en anglais et en français sont diffusées en même temps.", "Posts in English and in French are published at the same time."},
	{"Une traduction automatique n'est jamais publiée sans révision.", "A machine translation is never posted without revision."},
	{"Les publications officielles sont archivées avec leurs commentaires pendant la durée prévue dans {doc}.", "Official posts are archived with their comments for the period set out in {doc}."},
	{"{dept} peut demander le retrait d'une publication qui contrevient à la présente charte.", "{dept} may ask for the removal of a post that breaches this policy."},
	{"Toute exception à cette règle est approuvée par écrit et consignée dans {doc}.", "Any exception to this rule is approved in writing and logged in {doc}."},
	{"Une exception accordée pour une campagne prend fin avec la campagne.", "An exception granted for a campaign ends with the campaign."},
	{"Les exceptions sont revues chaque année par {dept}.", "Exceptions are reviewed every year by {dept}."},
	{"Cette règle s'applique aussi aux publications faites par {role} pour le compte d'un partenaire.", "This rule also applies to posts made by {role} on behalf of a partner."},
	{"Un contenu approuvé pour {platform} n'est pas automatiquement approuvé pour une autre plateforme.", "Content approved for {platform} is not automatically approved for another platform."},
	{"Les formats propres à {platform} sont décrits dans {doc}.", "The formats specific to {platform} are described in {doc}."},
	{"{role} vérifient deux fois les chiffres, les noms et les dates avant de publier.", "{role} double-check figures, names and dates before posting."},
	{"Un chiffre publié cite sa source et sa date.", "A published figure cites its source and its date."},
	{"Une correction importante est signalée comme telle dans la publication modifiée.", "A significant correction is flagged as such in the edited post."},
	{"Les publications supprimées par erreur sont rétablies {delay}, avec une explication.", "Posts deleted by mistake are restored {delay}, with an explanation."},
	{"Nous publions moins souvent plutôt que de publier des contenus mal vérifiés.", "We post less often rather than post poorly checked content."},
	{"Les comptes officiels ne participent pas aux tendances qui tournent en dérision une personne.", "Official accounts do not join trends that ridicule a person."},
	{"L'humour est le bienvenu, à condition qu'il ne vise personne.", "Humour is welcome, as long as it targets nobody."},
	{"Nous n'utilisons pas de musique ou d'extraits sans licence dans nos vidéos.", "We do not use unlicensed music or clips in our videos."},
	{"Les visuels de nos partenaires ne sont utilisés qu'avec leur autorisation écrite.", "Our partners' visuals are used only with their written permission."},
	{"{dept} conserve les autorisations et les licences pendant toute la durée d'utilisation.", "{dept} keeps permissions and licences for as long as they are used."},
	{"Un lien vers un site externe ne signifie pas que nous en approuvons le contenu.", "A link to an external site does not mean we endorse its content."},
	{"Les sondages en ligne ne recueillent pas {data}.", "Online polls do not collect {data}."},
	{"Un formulaire qui recueille des renseignements personnels est approuvé par {dept}.", "A form that collects personal information is approved by {dept}."},
	{"Les listes de contacts créées à partir des médias sociaux ne sont pas conservées sans consentement.", "Contact lists built from social media are not kept without consent."},
	{"Un incident de confidentialité est déclaré {delay} au responsable de la protection des renseignements personnels.", "A privacy incident is reported {delay} to the privacy officer."},
	{"{role} participent à l'exercice annuel de simulation de crise.", "{role} take part in the annual crisis simulation exercise."},
	{"Les leçons de chaque exercice sont intégrées dans {doc}.", "The lessons of each exercise are built into {doc}."},
	{"Nous vérifions l'identité d'une personne avant de discuter de son dossier.", "We check a person's identity before discussing their file."},
	{"Les réponses types sont adaptées à chaque situation avant d'être publiées.", "Standard replies are adapted to each situation before they are posted."},
	{"Une plainte reçue {channel} reçoit un accusé de réception {delay}.", "A complaint received {channel} is acknowledged {delay}."},
	{"Les plaintes récurrentes sont regroupées et transmises aux secteurs concernés chaque mois.", "Recurring complaints are grouped and forwarded to the business units concerned every month."},
	{"Nous reconnaissons nos torts sans détour lorsque nous nous sommes trompés.", "We admit our mistakes plainly when we are wrong."},
	{"Un engagement pris en ligne est tenu, ou son report est expliqué publiquement.", "A commitment made online is kept, or its postponement is explained publicly."},
	{"{role} n'archivent jamais les conversations officielles sur un téléphone personnel.", "{role} never store official conversations on a personal phone."},
	{"Les appareils utilisés pour les comptes officiels sont gérés par l'équipe des technologies.", "Devices used for official accounts are managed by the technology team."},
	{"Une application tierce ne reçoit accès à un compte officiel qu'avec l'accord {ofdept}.", "A third-party app gets access to an official account only with the agreement of {ofdept}."},
	{"Les publications faites depuis un réseau Wi-Fi public passent par le réseau privé virtuel de l'entreprise.", "Posts made from a public Wi-Fi network go through the company's virtual private network."},
	{"{dept} publie chaque année un rapport sur l'application de la présente charte.", "{dept} publishes a yearly report on how this policy is applied."},
	{"Les questions sur l'interprétation de cette règle sont adressées {todept}.", "Questions on how to interpret this rule go to {todept}."},
	{"La version française de la charte fait foi en cas de divergence.", "The French version of the policy prevails in case of discrepancy."},
	{"Cette règle sera revue à la lumière des changements apportés par {platform} à ses conditions d'utilisation.", "This rule will be reviewed in light of the changes {platform} makes to its terms of use."},
}

// linkSentences mention another chapter; {link} becomes a link to it.
var linkSentences = [...]pair{
	{"Pour les détails, voir le chapitre {link}.", "For details, see the {link} chapter."},
	{"Le chapitre {link} précise la marche à suivre dans ce cas.", "The {link} chapter sets out what to do in that case."},
	{"Cette règle s'applique avec celles du chapitre {link}.", "This rule applies together with those of the {link} chapter."},
	{"Les exceptions possibles sont décrites au chapitre {link}.", "Possible exceptions are described in the {link} chapter."},
	{"Voir aussi le chapitre {link}, qui traite d'une situation voisine.", "See also the {link} chapter, which deals with a similar situation."},
	{"Le chapitre {link} explique qui approuve ce type de contenu.", "The {link} chapter explains who approves this kind of content."},
	{"En cas de crise, le chapitre {link} prévaut sur les règles qui précèdent.", "In a crisis, the {link} chapter prevails over the rules above."},
	{"Les délais sont ceux du chapitre {link}.", "The time limits are those of the {link} chapter."},
}

// listIntros open a list.
var listIntros = [...]pair{
	{"Les règles sont les suivantes :", "The rules are as follows:"},
	{"Avant de publier, vérifiez que :", "Before posting, check that:"},
	{"{dept} s'assure notamment que :", "{dept} makes sure in particular that:"},
	{"Retenez les points suivants :", "Remember the following points:"},
	{"Concrètement, cela signifie que :", "In practice, this means that:"},
	{"Les étapes sont les suivantes :", "The steps are as follows:"},
}

// listItems are list entries (one sentence each).
var listItems = [...]pair{
	{"la publication respecte {doc} ;", "the post complies with {doc};"},
	{"la source de chaque chiffre est indiquée ;", "the source of every figure is given;"},
	{"aucune photo ne montre une personne sans son accord ;", "no photo shows a person without their consent;"},
	{"le texte a été relu par une deuxième personne ;", "the text has been proofread by a second person;"},
	{"les liens fonctionnent et mènent vers des pages sûres ;", "the links work and lead to safe pages;"},
	{"la version anglaise dit la même chose que la version française ;", "the English version says the same as the French version;"},
	{"une personne est disponible pour répondre aux commentaires ;", "someone is available to answer comments;"},
	{"le ton convient au contexte du jour ;", "the tone suits the context of the day;"},
	{"le contenu ne dévoile rien de confidentiel ;", "the content reveals nothing confidential;"},
	{"les images ont un texte de remplacement ;", "images have alternative text;"},
	{"les vidéos ont des sous-titres ;", "videos have captions;"},
	{"la mention de partenariat figure dans la publication ;", "the partnership label appears in the post;"},
	{"la publication figure au calendrier éditorial ;", "the post is in the editorial calendar;"},
	{"{dept} a approuvé le contenu par écrit ;", "{dept} has approved the content in writing;"},
	{"les licences des images et de la musique sont valides ;", "image and music licences are valid;"},
	{"aucun renseignement personnel n'apparaît dans les captures d'écran ;", "no personal information appears in screenshots;"},
	{"le compte utilisé est bien un compte officiel inscrit au registre ;", "the account used is an official account listed in the register;"},
	{"l'authentification à deux facteurs est active ;", "two-factor authentication is turned on;"},
	{"les accès des anciens membres de l'équipe ont été retirés ;", "access for former team members has been removed;"},
	{"la réponse est signée du prénom de son auteur ;", "the reply is signed with its author's first name;"},
	{"la réponse ne promet rien que nous ne pouvons tenir ;", "the reply promises nothing we cannot deliver;"},
	{"la demande est consignée dans {doc} ;", "the request is logged in {doc};"},
	{"le signalement est transmis {delay} ;", "the report is forwarded {delay};"},
	{"la personne concernée a été prévenue ;", "the person concerned has been told;"},
	{"le bilan de l'incident est rédigé ;", "the incident review is written;"},
	{"la correction est signalée dans la publication ;", "the correction is flagged in the post;"},
	{"la publication n'utilise aucun sigle interne ;", "the post uses no internal acronym;"},
	{"le texte tient en moins de 280 caractères lorsque c'est possible ;", "the text fits in fewer than 280 characters when possible;"},
	{"les mots-clics choisis ne sont associés à aucune controverse ;", "the chosen hashtags are not tied to any controversy;"},
	{"le contenu a été vérifié sur mobile ;", "the content has been checked on mobile;"},
	{"{role} connaissent la marche à suivre ;", "{role} know what to do;"},
	{"le responsable du compte est joignable pendant la campagne ;", "the account owner can be reached during the campaign;"},
	{"le règlement du concours est publié ;", "the contest rules are published;"},
	{"le créateur de contenu a signé son contrat ;", "the content creator has signed the contract;"},
	{"les commentaires restent ouverts ;", "comments stay open;"},
	{"le message a été validé par la cellule de crise ;", "the message has been approved by the crisis unit;"},
	{"la traduction a été révisée par une personne ;", "the translation has been revised by a person;"},
	{"l'outil d'intelligence artificielle utilisé est autorisé ;", "the artificial intelligence tool used is authorised;"},
	{"le contenu généré est étiqueté comme tel ;", "generated content is labelled as such;"},
	{"les copies de sauvegarde sont à jour ;", "backups are up to date;"},
}

// boxDo and boxDont are admonition titles; boxQuotes are the example
// replies they show.
var boxDo = [...]pair{
	{"Une réponse qui règle le problème", "A reply that solves the problem"},
	{"Une publication vérifiée", "A checked post"},
	{"Reconnaître l'erreur", "Owning the mistake"},
	{"Protéger la personne, garder la critique", "Protect the person, keep the criticism"},
	{"Passer en privé au bon moment", "Moving to private messages at the right time"},
	{"Une mention de partenariat claire", "A clear partnership label"},
	{"Une mise à jour régulière", "A regular update"},
	{"Demander seulement le nécessaire", "Asking only for what is needed"},
}

var boxDont = [...]pair{
	{"Une réponse qui aggrave tout", "A reply that makes everything worse"},
	{"Publier avant de vérifier", "Posting before checking"},
	{"Effacer la critique", "Wiping out criticism"},
	{"Promettre ce qu'on ne peut pas tenir", "Promising what we cannot deliver"},
	{"Répondre sous le coup de l'émotion", "Replying in the heat of the moment"},
	{"Un partenariat caché", "A hidden partnership"},
	{"Le silence pendant une crise", "Silence during a crisis"},
	{"Demander trop de renseignements", "Asking for too much information"},
}

var boxQuotesDo = [...]pair{
	{"« Bonjour Julie, vous avez raison, la date indiquée hier était erronée. La bonne date est le 14 mars. Merci de nous l'avoir signalé ! – Karim, équipe Boréal »", "“Hello Julie, you are right, the date we gave yesterday was wrong. The correct date is March 14. Thank you for pointing it out! – Karim, Boréal team”"},
	{"« Bonjour Marc, je comprends votre frustration. Écrivez-nous en message privé votre numéro de dossier, et je vous réponds avant midi. – Sophie, équipe Boréal »", "“Hello Marc, I understand your frustration. Send us your file number by private message, and I will get back to you before noon. – Sophie, Boréal team”"},
	{"« Nous savons que la panne touche plusieurs quartiers. Nos équipes sont sur place et nous ferons le point ici à 15 h. »", "“We know the outage affects several neighbourhoods. Our crews are on site and we will post an update here at 3 p.m.”"},
	{"« Partenariat rémunéré avec Groupe Boréal. Mon avis reste le mien. »", "“Paid partnership with Groupe Boréal. My opinion is my own.”"},
}

var boxQuotesDont = [...]pair{
	{"« Nous sommes désolés de l'inconvénient. Veuillez communiquer avec le service à la clientèle du lundi au vendredi. »", "“We are sorry for the inconvenience. Please contact customer service Monday to Friday.”"},
	{"« Cette information est fausse, renseignez-vous avant de publier n'importe quoi. »", "“That is false, do your homework before posting nonsense.”"},
	{"« Aucun commentaire pour le moment. »", "“No comment at this time.”"},
	{"« Envoyez-nous votre date de naissance, votre adresse et votre numéro de carte pour que nous puissions vérifier. »", "“Send us your date of birth, your address and your card number so we can check.”"},
}

var boxComments = [...]pair{
	{"Elle nomme le problème, s'excuse sans détour et prend un engagement daté.", "It names the problem, apologises plainly and makes a dated commitment."},
	{"Le message est court, exact et signé, et il donne une suite concrète.", "The message is short, accurate and signed, and it gives a concrete next step."},
	{"Le ton est respectueux et la personne sait à quoi s'attendre.", "The tone is respectful and the person knows what to expect."},
	{"Cette réponse ferme la conversation sans rien régler, et elle sera reprise en capture d'écran.", "This reply closes the conversation without solving anything, and it will be reposted as a screenshot."},
	{"Le ton agressif devient le sujet, et le fond de la question est oublié.", "The aggressive tone becomes the story, and the substance of the question is lost."},
	{"La demande dépasse le strict nécessaire et expose la personne à un risque de fraude.", "The request goes beyond what is strictly needed and exposes the person to fraud."},
}

// footnotes are references cited in chapters.
var footnotes = [...]pair{
	{"Loi sur la protection des renseignements personnels dans le secteur privé, RLRQ, chapitre P-39.1.", "Act respecting the protection of personal information in the private sector, CQLR, chapter P-39.1."},
	{"Loi sur le droit d'auteur, LRC 1985, chapitre C-42.", "Copyright Act, RSC 1985, chapter C-42."},
	{"Règlement 51-102 sur les obligations d'information continue.", "Regulation 51-102 respecting Continuous Disclosure Obligations."},
	{"Politique de sécurité de l'information de Groupe Boréal, version en vigueur.", "Groupe Boréal Information Security Policy, current version."},
	{"Code d'éthique des employés de Groupe Boréal, article 4.", "Groupe Boréal Employee Code of Ethics, section 4."},
	{"Lignes directrices du Bureau de la concurrence sur le marketing d'influence.", "Competition Bureau guidelines on influencer marketing."},
	{"Loi sur la Charte de la langue française, articles 51 à 55.", "Charter of the French Language, sections 51 to 55."},
	{"Conditions d'utilisation de la plateforme, section sur les contenus de marque.", "The platform's terms of use, section on branded content."},
	{"Règles d'accessibilité des contenus Web (WCAG) 2.1, niveau AA.", "Web Content Accessibility Guidelines (WCAG) 2.1, level AA."},
	{"Guide de rédaction de Groupe Boréal, chapitre sur les médias sociaux.", "Groupe Boréal Style Guide, chapter on social media."},
	{"Loi électorale, dispositions sur la publicité partisane.", "Election Act, provisions on partisan advertising."},
	{"Calendrier de conservation des documents, règle 12.", "Records retention schedule, rule 12."},
}

// tables are the GFM tables a chapter may hold: a header and rows.
var tables = [...]struct {
	intro  pair
	header [3]pair
	rows   [][3]pair
}{
	{
		pair{"Le tableau suivant résume les circuits d'approbation.", "The following table sums up the approval paths."},
		[3]pair{{"Type de contenu", "Content type"}, {"Approbation", "Approval"}, {"Délai", "Time limit"}},
		[][3]pair{
			{{"Publication courante", "Routine post"}, {"Gestionnaire de communauté", "Community manager"}, {"Aucun", "None"}},
			{{"Annonce de produit", "Product announcement"}, {"Marketing et Communications", "Marketing and Communications"}, {"2 jours ouvrables", "2 business days"}},
			{{"Information financière", "Financial information"}, {"Affaires juridiques", "Legal Affairs"}, {"5 jours ouvrables", "5 business days"}},
			{{"Message de crise", "Crisis message"}, {"Cellule de crise", "Crisis unit"}, {"1 heure", "1 hour"}},
			{{"Partenariat d'influence", "Influencer partnership"}, {"Marketing", "Marketing"}, {"10 jours ouvrables", "10 business days"}},
			{{"Condoléances", "Condolences"}, {"Comité de direction", "Executive Committee"}, {"24 heures", "24 hours"}},
		},
	},
	{
		pair{"Nos délais de réponse varient selon le canal.", "Our response times depend on the channel."},
		[3]pair{{"Canal", "Channel"}, {"Délai de réponse", "Response time"}, {"Responsable", "Owner"}},
		[][3]pair{
			{{"Messages privés", "Private messages"}, {"4 heures", "4 hours"}, {"Service à la clientèle", "Customer service"}},
			{{"Commentaires publics", "Public comments"}, {"2 heures", "2 hours"}, {"Gestionnaires de communauté", "Community managers"}},
			{{"Demandes des médias", "Media requests"}, {"1 heure", "1 hour"}, {"Relations de presse", "Media relations"}},
			{{"Plaintes formelles", "Formal complaints"}, {"2 jours ouvrables", "2 business days"}, {"Service des plaintes", "Complaints office"}},
			{{"Forums spécialisés", "Specialised forums"}, {"1 jour ouvrable", "1 business day"}, {"Équipe des médias sociaux", "Social media team"}},
		},
	},
	{
		pair{"Chaque document a sa durée de conservation.", "Each record has its own retention period."},
		[3]pair{{"Document", "Record"}, {"Durée de conservation", "Retention period"}, {"Lieu", "Location"}},
		[][3]pair{
			{{"Journal de modération", "Moderation log"}, {"12 mois", "12 months"}, {"Espace sécurisé de l'équipe", "Team's secure workspace"}},
			{{"Publications officielles", "Official posts"}, {"7 ans", "7 years"}, {"Archives numériques", "Digital archives"}},
			{{"Autorisations de photos", "Photo releases"}, {"Durée d'utilisation plus 2 ans", "Period of use plus 2 years"}, {"Dossier du projet", "Project file"}},
			{{"Rapports de veille", "Monitoring reports"}, {"24 mois", "24 months"}, {"Espace des Communications", "Communications workspace"}},
			{{"Contrats de partenariat", "Partnership contracts"}, {"7 ans", "7 years"}, {"Affaires juridiques", "Legal Affairs"}},
		},
	},
	{
		pair{"Le niveau de risque détermine qui prévenir.", "The level of risk decides whom to alert."},
		[3]pair{{"Niveau", "Level"}, {"Exemple", "Example"}, {"Qui prévenir", "Whom to alert"}},
		[][3]pair{
			{{"Faible", "Low"}, {"Une plainte isolée", "A single complaint"}, {"Personne", "Nobody"}},
			{{"Modéré", "Moderate"}, {"Une série de plaintes semblables", "A series of similar complaints"}, {"Gestionnaire", "Manager"}},
			{{"Élevé", "High"}, {"Une publication virale qui nous met en cause", "A viral post that implicates us"}, {"Bureau des Communications", "Communications desk"}},
			{{"Critique", "Critical"}, {"Une menace ou un accident", "A threat or an accident"}, {"Cellule de crise", "Crisis unit"}},
		},
	},
}

// summaries are a chapter's one-sentence summary.
var summaries = [...]pair{
	{"Ce que chaque employé doit savoir sur {topic} : règles, responsabilités et exemples.", "What every employee needs to know about {topic}: rules, responsibilities and examples."},
	{"Les règles qui encadrent {topic}, et qui les fait respecter.", "The rules that govern {topic}, and who enforces them."},
	{"Comment nous traitons {topic}, étape par étape.", "How we handle {topic}, step by step."},
	{"Nos engagements sur {topic} et les situations à signaler.", "Our commitments on {topic} and the situations to report."},
}

// changeReasons describe an edition's change to a chapter.
var changeReasons = [...]pair{
	{"délais de réponse revus", "response times revised"},
	{"nouvel exemple ajouté", "new example added"},
	{"rôle du service juridique précisé", "role of the Legal department clarified"},
	{"règle sur les images générées ajoutée", "rule on generated images added"},
	{"durée de conservation harmonisée", "retention period aligned"},
	{"obligation de formation précisée", "training requirement clarified"},
	{"nouvelle plateforme couverte", "new platform covered"},
	{"circuit d'approbation simplifié", "approval path simplified"},
	{"exigences d'accessibilité renforcées", "accessibility requirements strengthened"},
	{"procédure de signalement mise à jour", "reporting procedure updated"},
	{"exception pour les campagnes encadrée", "campaign exception narrowed"},
	{"précision sur les comptes personnels", "clarification on personal accounts"},
}
