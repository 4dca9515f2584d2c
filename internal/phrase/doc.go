// Package phrase finds word patterns in tokenized text: the matcher behind
// framing lexicons (package lexicon) and the credibility word lists
// (package credibility).
//
// A pattern is plain text: words separated by spaces, matched whole after
// folding (see package token), where a word ending in * matches any word
// with that beginning ("mercenar*"). One written word may fold to several
// tokens ("Assad—regime" is two); each is a step of the pattern. Check says
// why a pattern cannot match, Key gives the folded form two patterns share
// when they match the same words, and Words the folded words themselves.
//
// Compile builds a Matcher once from a list of patterns, each carrying a
// Kind and an Entry that the caller chooses and gets back with every
// Match: lexicon uses them for "term of entry 12" or "distance cue 3",
// credibility for "hedge 4". Patterns live in a trie of folded words whose
// edges are found by hashing, behind a Bloom-style filter on the token
// hashes, so the cost of matching is per token and does not grow with the
// number of patterns. Where patterns overlap, the leftmost match wins, and
// of those the longest; an exact word beats a * glob of the same length.
//
// CompileLists builds one Matcher from several lists of patterns that must
// not hide each other (a framing lexicon and each credibility word list):
// every token is looked up once for all of them, and Scanner.ScanLists
// returns each list's matches exactly as a matcher of that list alone
// would find them.
//
// A Matcher is safe for concurrent use; each goroutine scans with its own
// Scanner, which reuses its buffers between texts.
package phrase
