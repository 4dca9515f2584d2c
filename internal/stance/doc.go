// Package stance scores one article against a compiled lexicon: which
// terms it uses, for whom, in whose voice, where, and what that adds up to
// per target and per stance axis. The result is a record.Record; every
// number in it can be traced back to the matches it lists.
//
// Formulas (also in the README):
//
//	tokens            words outside dropped debris
//	loaded_per_1k     1000 × loaded matches (any voice) / tokens
//	framing(t)        mean valence of author-voice matches naming target t
//	contribution(m,a) lean[a] of m's entry when set, else weight[a][target] × valence
//	stance(a)         mean contribution(m,a) over author-voice matches m whose
//	                  entry has a lean on a or whose target has a non-zero
//	                  weight on a; 0 with n = 0 when there are none
//	quote_score(a)    the same over quote-voice matches
//
// Only the author's voice counts toward an outlet's stance; quoted and
// distanced uses are reported beside it. Lexicon scoring cannot see
// sarcasm, the selection of facts, or stance carried by words outside the
// lexicon; the README and reports say so.
//
// Reading and writing records is package record's; comparing outlets is
// package aggregate's.
package stance
