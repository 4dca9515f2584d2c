package credibility

import "strings"

// Closed-class English words the source heuristics rely on. They are
// grammar, not vocabulary a researcher would tune, so they live in code;
// the lists a researcher would extend (verbs, unnamed-source nouns,
// registry) are in the rules file. All entries are folded (lower case).

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// wordClass is a set of the closed classes below, a bit each: the
// classes of a token are looked up once (Scanner.classes), whichever
// classes the heuristics then ask it about.
type wordClass uint32

var (
	// classesOf holds the classes of every word in one of them.
	classesOf = map[string]wordClass{}
	// nextClass is the bit the next class declared takes.
	nextClass wordClass = 1
)

// class declares a closed class of words and returns its bit.
func class(words string) wordClass {
	if nextClass == 0 {
		panic("credibility: more word classes than a wordClass holds")
	}
	c := nextClass
	nextClass <<= 1
	for _, w := range strings.Fields(words) {
		classesOf[w] |= c
	}
	return c
}

var (
	// nounMarkers before an attribution word make it a noun or adjective
	// ("the alleged attack", "his claims", "of reported casualties") or an
	// infinitive that reports no statement ("declined to say").
	nounMarkers = class(`the a an these those this its his her their our my your whose
		of in on for with about by from at into over under against among to`)

	// skipWords may stand between a subject and its verb: "Reuters also
	// reported", "he has repeatedly said".
	skipWords = class(`has have had also later further previously earlier then again once
		recently repeatedly reportedly publicly privately separately only just not never
		already openly explicitly flatly categorically firmly quickly would will could may
		might must should did does do still himself herself themselves itself directly
		personally too subsequently allegedly apparently falsely wrongly initially
		officially formally`)

	beWords = class(`is are was were be been being`)

	// boundaryWords end a source phrase: the subject of "said" never
	// reaches back over them.
	boundaryWords = class(`that and but or nor yet while whereas as which who whom whose when
		where after before because since if although though so than until unless whether
		however thus therefore`)

	// conjunctions right before a verb mean its subject is elided:
	// "He referred to … and said".
	conjunctions = class(`and but or nor yet then`)

	// relatives right before a verb point back to the noun before them:
	// "Hezbollah, which said".
	relatives = class(`which who that`)

	// thatWords open a that-clause after an attribution verb: reported
	// speech follows ("said that …").
	thatWords = class(`that`)

	pronouns = class(`he she it they we i you`)

	// headStops end the head of a phrase: "a source close to the
	// ministry" is headed by "source", "a report by Mehr" by "report".
	headStops = class(`of for from at with in on to close near inside within familiar by who
		representing under among speaking based linked affiliated loyal working`)

	// leadingPreps open adverbials a left phrase may start with: "In an
	// interview the minister said".
	leadingPreps = class(`in on at during after before for with from by since under over amid
		despite following throughout through within upon`)

	articles = class(`the a an`)

	// possessiveDeterminers may open a description ("his office said").
	determiners = class(`the a an his her its their our this these those`)

	// connectors may join the capitalised words of one name: "Syrian
	// Observatory for Human Rights", "Bashar al Assad", "Ibn Saud".
	connectors = class(`of for the and de del da di du la le al el bin ibn bint von van der den y`)

	// docNouns head phrases that carry someone else's words: "a report by
	// Mehr News Agency", "a statement from the Foreign Ministry".
	docNouns = class(`report reports statement statements communique communiqué website site
		article interview broadcast bulletin video footage post tweet letter account data
		figures document documents release announcement study survey analysis dispatch
		editorial transcript message remarks speech`)

	// anaphorNouns head descriptions that may refer back to a cited
	// medium or organisation: "the state agency added".
	anaphorNouns = class(`agency outlet broadcaster newspaper daily channel network monitor
		observatory group organisation organization station website site`)

	// orgWords mark a name or description as an organisation rather than a
	// person, for resolving "it" and "he".
	orgWords = class(`agency ministry council committee observatory front army forces force
		party organization organisation office news times post tv radio network group
		union institute center centre foundation bureau department government guard
		guards corps coalition regime league court parliament assembly police republic
		brigade brigades movement state commission administration authority authorities
		embassy consulate company daily channel newspaper website report statement
		broadcaster outlet station monitor media`)

	// timeWords are capitalised but never a name.
	timeWords = class(`monday tuesday wednesday thursday friday saturday sunday january
		february march april may june july august september october november december
		today yesterday tomorrow last next this earlier`)

	// creditPrefixes open a credit line: "Source: ARA News".
	creditPrefixes = set(`source sources via credit credits courtesy`)
)
