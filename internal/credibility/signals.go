package credibility

// Signals are the credibility signals of one article. Every count comes
// with the spans that produced it; offsets are bytes into the article text,
// [Start, End), and every list is in text order. A nil *Signals means the
// article was not analysed.
type Signals struct {
	Rules RulesRef `json:"rules"`
	// Attributions are the attributed statements outside direct
	// quotations, each with its source when one was found.
	Attributions []Attribution `json:"attributions"`
	// VagueSources are phrases that put a claim on no identifiable source
	// ("it is believed", "secret intelligence … indicate") and attributions
	// to unnamed sources ("officials said").
	VagueSources []Vague `json:"vague_sources"`
	// Sourcing sums up how claims are sourced.
	Sourcing Sourcing `json:"sourcing"`
	// Cited lists the registry's media and organisations found in the
	// text, first mention first.
	Cited []Citation `json:"cited"`
	// Sides counts citations (roles source, via and credit; not mentions,
	// not self-citations) by the side of the cited entity. Every side of
	// the rules is present.
	Sides        map[string]int `json:"sides"`
	Quotes       Quotes         `json:"quotes"`
	Hedges       Markers        `json:"hedges"`
	Certainty    Markers        `json:"certainty"`
	Intensifiers Markers        `json:"intensifiers"`
	Debris       Debris         `json:"debris"`
}

// RulesRef identifies the rules the signals were computed with.
type RulesRef struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	SHA256  string `json:"sha256"`
}

// Span is a stretch of the article text with the text it covers.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Attribution is one attributed statement: "Reuters said", "according to
// IRNA", "officials claimed".
type Attribution struct {
	// Start, End and Text locate the attribution verb or phrase.
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Verb is the rule term that matched ("said", "according to").
	Verb string `json:"verb"`
	// Loaded marks verbs that colour the statement ("claimed").
	Loaded bool `json:"loaded"`
	// Passive marks "it was reported", "is said": no agent is named unless
	// a "by" phrase follows.
	Passive bool `json:"passive,omitempty"`
	// Source is who the statement is attributed to; nil when no source
	// phrase was found.
	Source *Source `json:"source"`
	// Identified is true when Source names or describes someone: kinds
	// registry, named and description (also when reached through a pronoun
	// or an elided subject). Unnamed sources, unresolved pronouns, passives
	// without agent and missing sources are not identified.
	Identified bool `json:"identified"`
}

// Source kinds.
const (
	// KindRegistry: a medium or organisation of the registry ("IRNA").
	KindRegistry = "registry"
	// KindNamed: a capitalised name ("Ali Akbar Velayati").
	KindNamed = "named"
	// KindDescription: a description naming no one ("the report", "the
	// Syrian president").
	KindDescription = "description"
	// KindUnnamed: a phrase headed by an unnamed-source noun ("officials",
	// "a source close to the ministry").
	KindUnnamed = "unnamed"
	// KindPronoun: a pronoun that could not be resolved.
	KindPronoun = "pronoun"
)

// Source is the source phrase of an attribution.
type Source struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Kind is one of the Kind constants.
	Kind string `json:"kind"`
	// Named is true for kinds registry and named.
	Named bool `json:"named"`
	// Registry and Side are the registry entity's name and side when the
	// source is one, or the organisation a named or unnamed source speaks
	// for, when its phrase names one ("IRGC spokesman Ramezan Sharif", "a
	// source at IRNA"); that counts as a citation of the organisation.
	Registry string `json:"registry,omitempty"`
	Side     string `json:"side,omitempty"`
	// Resolved says how the source was found when it is not next to the
	// verb: "pronoun" (he said → the last speaker), "subject" (an elided
	// subject: "… and said"), "anaphor" ("the agency" → the last cited
	// agency). Via is then the pronoun, phrase or verb that was resolved.
	Resolved string `json:"resolved,omitempty"`
	Via      *Span  `json:"via,omitempty"`
}

// Vague is one piece of vague sourcing.
type Vague struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Rule is the vague_sources pattern that matched, or "unnamed source"
	// for an attribution to an unnamed source (the span then covers the
	// source phrase and the verb).
	Rule string `json:"rule"`
	// Attribution is true when the span is, or overlaps, an attribution;
	// such a span is not counted again as a claim of its own.
	Attribution bool `json:"attribution,omitempty"`
}

// Sourcing sums up how the article's claims are sourced.
//
//	claims          attributions + vague-source phrases that overlap no attribution
//	unsourced       attributions whose source is not identified + those vague phrases
//	unsourced_share unsourced / claims; null when there are no claims
type Sourcing struct {
	Claims         int      `json:"claims"`
	Unsourced      int      `json:"unsourced"`
	UnsourcedShare *float64 `json:"unsourced_share"`
	// Loaded counts attributions with a loaded verb.
	Loaded int `json:"loaded"`
	// UnsourcedSpans are the unsourced claims with the reason each is
	// unsourced: "vague phrase", "unnamed source", "pronoun not resolved",
	// "passive without agent", "no source found".
	UnsourcedSpans []Reasoned `json:"unsourced_spans"`
}

// Reasoned is a span with the reason it was counted.
type Reasoned struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// Citation is a registry entity found in the text.
type Citation struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Side    string `json:"side"`
	Country string `json:"country,omitempty"`
	// Self is true when the entity is the article's own outlet; its
	// citations do not count toward Sides.
	Self bool `json:"self,omitempty"`
	// Citations counts the spans with roles source, via and credit.
	Citations int            `json:"citations"`
	Spans     []CitationSpan `json:"spans"`
}

// Citation roles.
const (
	// RoleSource: the entity is (in) the source phrase of an attribution.
	RoleSource = "source"
	// RoleVia: someone "told" the entity (X told Reuters).
	RoleVia = "via"
	// RoleCredit: a credit line or tag ("Source: ARA News", "(Reuters)").
	RoleCredit = "credit"
	// RoleMention: any other mention; not counted as a citation.
	RoleMention = "mention"
)

// CitationSpan is one occurrence of a registry entity.
type CitationSpan struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Role  string `json:"role"`
}

// Quotes describes the article's direct quotations.
//
//	count          direct quotations (scare quotes excluded)
//	words          words inside them
//	share_of_text  words / tokens (words outside dropped debris); 0 for an empty text
type Quotes struct {
	Count       int         `json:"count"`
	Scare       int         `json:"scare"`
	Words       int         `json:"words"`
	ShareOfText float64     `json:"share_of_text"`
	Quotations  []Quotation `json:"quotations"`
	// Speakers are the distinct speakers of the quotations, first quoted
	// first.
	Speakers []Speaker `json:"speakers"`
}

// Quotation is one quotation, marks included.
type Quotation struct {
	Start int `json:"start"`
	End   int `json:"end"`
	Words int `json:"words"`
	// Scare marks scare quotes: at most four words and no sentence
	// punctuation, the rule stance uses for distanced voice.
	Scare bool `json:"scare,omitempty"`
	// Speaker is the source of the attribution that introduces or closes
	// the quotation; nil when none was found.
	Speaker *Source `json:"speaker,omitempty"`
	// By says how the speaker was found: "after" (“…,” X said), "before"
	// (X said: “…”) or "continuation" (the previous quotation's speaker in
	// the same paragraph).
	By string `json:"by,omitempty"`
}

// Speaker is one quoted speaker.
type Speaker struct {
	Name  string `json:"name"`
	Named bool   `json:"named"`
	// Quotations counts the quotations attributed to the speaker.
	Quotations int `json:"quotations"`
	// Spans are the source phrases that name the speaker.
	Spans []Span `json:"spans"`
}

// Markers counts the matches of one word list.
type Markers struct {
	// Count counts every match; Author those outside direct quotations.
	Count  int      `json:"count"`
	Author int      `json:"author"`
	Spans  []Marker `json:"spans"`
}

// Marker is one match of a word list.
type Marker struct {
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Text    string `json:"text"`
	Term    string `json:"term"`
	InQuote bool   `json:"in_quote,omitempty"`
}

// Debris counts the article's dropped page furniture (corpus.Article
// Dropped, filled by corpus.MarkDebris): lines such as "Share",
// "Advertisement" or a comment form's arithmetic.
type Debris struct {
	Count   int            `json:"count"`
	Reasons map[string]int `json:"reasons"`
	Spans   []Reasoned     `json:"spans"`
}
