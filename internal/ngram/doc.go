// Package ngram counts the words and two- and three-word phrases of texts
// per unit (an outlet or a group) and ranks each unit's against all the
// others: the one engine behind the distinctive terms of `compare stats`
// (package aggregate) and `compare lexicon suggest` (package suggest).
//
// A Table counts, in bounded memory: past its cap it drops the rarest
// entries (lossy counting, Manku and Motwani 2002) and says so. A Filter
// decides what is counted: Phrases, everything within a phrase, for
// distinctive terms; Candidates, what could be a lexicon entry (no phrase
// over a comma, bracket or quotation mark, none starting or ending with a
// stopword), for suggestions. Merge gathers tables into Counts, whose Rank
// orders a unit's phrases by the log-odds ratio with an informative
// Dirichlet prior (Monroe, Colaresi and Quinn 2008).
//
// The package also holds what showing a phrase needs: IsStopword (by
// english.Stopword, the one list), IsNumber, Collapse and
// keyword-in-context lines (Context).
package ngram
