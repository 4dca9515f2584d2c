// Package credibility measures how an article supports its claims: who it
// cites and from which side, how its statements are attributed, how much it
// quotes and whom, how it hedges or vouches, how emotive its wording is, and
// how much page furniture it carries. These are the content signals of the
// Credibility Coalition's annotation work that annotators agree on. They
// describe sourcing; they never say whether a claim is true.
//
// Rules are data, like the framing lexicon: a YAML file (rules/default.yaml
// is embedded as "default") with attribution verbs, vague-source phrases,
// unnamed-source nouns, hedges, certainty markers, intensifiers, the sides
// sources can belong to, and a registry of media and organisations with
// their side. Load and Parse check a rules file and report every problem as
// "file:line: message" in a *rulefile.CheckError. Compile builds an
// Analyzer once (each word list becomes a list of one phrase.Matcher, so
// every token is looked up once); each goroutine analyses articles with
// its own Scanner. A caller that matches patterns of its own on the same
// tokens compiles them with the analyzer's Patterns into one matcher and
// hands the matches to Scanner.AnalyzeMatches, as stance's scorer does for
// the framing lexicon:
//
//	rules, err := credibility.Load("default") // or a file
//	an := credibility.Compile(rules)
//	sc := an.NewScanner()
//	sig := sc.Analyze(article, record.Quotes) // quotes as stance found them
//
// # Signals
//
// Every count comes with the spans (byte offsets into the article text)
// that produced it. Text in the article's Dropped spans is skipped.
//
//   - Attributions: an attribution verb or phrase outside direct quotations
//     ("said", "according to"; "claimed", "admitted" are loaded), with its
//     source phrase when one is found. Verbs used as nouns or adjectives
//     ("the alleged attack", "Iran's claims") and infinitives ("declined to
//     say") are not attributions.
//   - Vague sources: phrases that attribute to no one ("it is believed",
//     "reportedly", "secret intelligence … indicate") and attributions to
//     unnamed sources ("officials said").
//   - Sourcing: claims are the attributions plus the vague phrases that
//     overlap no attribution; unsourced claims are the attributions whose
//     source is not identified (unnamed, an unresolved pronoun, a passive
//     without agent, none found) plus those vague phrases; unsourced_share
//     = unsourced / claims, null when there are no claims.
//   - Cited: registry entities found, each occurrence with a role: source
//     (in an attribution's source phrase, or reached from "the agency"),
//     via (X told Reuters), credit ("Source: ARA News", "(AFP)" ending a
//     line) or mention. Sides counts citations (every role but mention) by
//     side; an entity whose domain or name is the article's outlet is a
//     self-citation and does not count.
//   - Quotes: direct quotations (scare quotes of at most four words without
//     sentence punctuation excluded, the rule stance uses), their words,
//     share_of_text = words inside them / tokens, and each quotation's
//     speaker: the attribution right after it in the same sentence, else
//     the one before it in its sentence, else the previous quotation's
//     speaker in the same paragraph.
//   - Hedges, certainty, intensifiers: matches of the word lists; count and,
//     as author, those outside direct quotations.
//   - Debris: the article's Dropped spans (filled by corpus.MarkDebris) with
//     their reasons.
//
// Profile pools the signals of an outlet's articles into rates per 1,000
// tokens and shares; ProfileResult documents each formula.
//
// # Finding the source
//
// Sentences end where token.SentenceBreak says, the rule scoring uses too:
// at . ! ? … followed by a word not in lower case (not after an
// abbreviation such as "Gen." or "U.S."), at a blank line, and at a line
// break unless the next line goes on in lower case. A source phrase never
// crosses punctuation, a quotation mark or a clause word (that, and, which,
// while, …) and has at most 16 words.
//
//   - "X said", "X has also said": the phrase before the verb.
//   - "according to X", "citing X", "it was reported by X": the phrase after.
//   - "“…,” said X": after a quotation, the phrase after a say-verb.
//   - "X, the president of Y, said" and "activist, X, told": in an
//     apposition the capitalised name wins.
//   - "… and said", "…, adding that": an elided subject is the source of an
//     earlier attribution in the same sentence, else the sentence's subject.
//   - "he said" / "she said": the latest person-like speaker or sentence
//     subject (a name of two or more words) within two sentences; "it
//     said": the latest organisation; "they", "we", "I" stay unresolved.
//   - "the agency added": the registry entity last cited within two
//     sentences.
//
// The phrase is then classified by its head (the word before its first
// preposition, else its last word): a registry entity; an unnamed-source
// noun (unnamed); a capitalised name (named); a registry entity or, after a
// document noun ("a report by …"), a name further in the phrase; else a
// description ("the report", "the Syrian president"), which counts as
// identified.
//
// # Limits
//
// These are heuristics for English news prose. They cannot see a source
// named several sentences earlier and referred to as "the minister"; they
// take a capitalised word at the start of a sentence for a name ("Police
// said" is named, "Officials said" is unnamed only because "officials" is
// in the list); they resolve "he" to the nearest person-like speaker
// without knowing gender; a country as subject ("Russia said") is a named
// source; long reported speech without quotation marks counts its own
// "said"s as the article's attributions. A description ("the report")
// counts as identified even when the article never says which report.
// Registry matching finds the names it lists, spelled as listed; outlets a
// writer misspells ("Andadolu") or does not list are not cited.
package credibility
