// Package token splits text into word tokens with byte offsets and a folded
// form used for matching.
//
// Folding is what makes "mullahs’ regime", "Mullahs' Regime" and
// "MULLAHS’ REGIME" the same two words: NFKC normalisation, case folding,
// apostrophe variants (’ ‘ ʼ ` ´ ′) folded to ', hyphen variants (‐ ‑ ‒ – − ﹣ －)
// inside a word folded to -, and a possessive ’s stripped, so that
// "regime's" folds to "regime" while "regimes" stays a different word.
//
// A Tokenizer reuses its buffers between calls and is not safe for
// concurrent use; give each goroutine its own.
//
// The package also holds the rules every later stage reads text by, so that
// scoring, the credibility signals and the lexicon tools agree on them:
// which characters are apostrophes and hyphens (IsApostrophe, IsHyphen),
// where a sentence ends (SentenceBreak) and what breaks a phrase or a name
// (BreaksPhrase, BreaksName, NameBreak), what scare quotes are (IsScareQuote), and
// leaving page debris out of the tokens (Drop).
package token
