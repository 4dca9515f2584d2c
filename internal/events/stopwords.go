package events

import (
	"slices"

	"github.com/compare-tool/compare/internal/token"
)

// stopHashes holds the token hashes of the stopwords: the tokenizer has
// computed every word's hash already, so a lookup costs no string.
var stopHashes = func() map[uint64]bool {
	m := make(map[uint64]bool, len(stopwords))
	for w := range stopwords {
		m[token.HashString(w)] = true
	}
	return m
}()

// stopwords are the words, folded as package token folds them, that say
// nothing about which event an article reports: English function words,
// reporting verbs ("said", "told"), titles, and the names of weekdays and
// months (the date window already compares dates, and "on Friday" is not a
// name however it is capitalised). "us" is left out because it folds like
// "US".
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		// function words
		"a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and",
		"any", "are", "aren't", "as", "at", "be", "because", "been", "before", "being", "below",
		"between", "both", "but", "by", "can", "can't", "cannot", "could", "couldn't", "did",
		"didn't", "do", "does", "doesn't", "doing", "don't", "down", "during", "each", "even",
		"ever", "every", "few", "for", "from", "further", "had", "hadn't", "has", "hasn't",
		"have", "haven't", "having", "he", "he'd", "he'll", "her", "here", "hers", "herself",
		"him", "himself", "his", "how", "however", "i", "i'd", "i'll", "i'm", "i've", "if", "in",
		"into", "is", "isn't", "it", "it'll", "its", "itself", "just", "let", "many", "may", "me",
		"might", "more", "most", "much", "must", "mustn't", "my", "myself", "no", "nor", "not",
		"now", "of", "off", "on", "once", "one", "only", "or", "other", "others", "ought", "our",
		"ours", "ourselves", "out", "over", "own", "per", "same", "she", "she'd", "she'll",
		"should", "shouldn't", "since", "so", "some", "such", "than", "that", "the", "their",
		"theirs", "them", "themselves", "then", "there", "these", "they", "they'd", "they'll",
		"they're", "they've", "this", "those", "though", "through", "to", "too", "under",
		"until", "up", "upon", "very", "via", "was", "wasn't", "we", "we'd", "we'll", "we're",
		"we've", "were", "weren't", "what", "when", "where", "whether", "which", "while", "who",
		"whom", "whose", "why", "will", "with", "within", "without", "won't", "would",
		"wouldn't", "yet", "you", "you'd", "you'll", "you're", "you've", "your", "yours",
		"yourself", "yourselves", "it's", "that's", "there's", "what's", "who's", "let's",
		"here's", "another", "around", "among", "across", "along", "still", "already", "later",
		// reporting and titles
		"say", "said", "says", "saying", "told", "tells", "according", "added", "adding",
		"mr", "mrs", "ms", "dr",
		// dates
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"january", "february", "march", "april", "june", "july", "august", "september",
		"october", "november", "december", "today", "yesterday", "tomorrow", "week", "weeks",
		"day", "days", "month", "months", "year", "years",
	} {
		m[w] = true
	}
	return m
}()

// Stopwords returns the words grouping ignores, folded and sorted. A
// generated corpus (gencorpus.News) draws its function words from them,
// as real text's function words are the ones grouping ignores.
func Stopwords() []string {
	out := make([]string, 0, len(stopwords))
	for w := range stopwords {
		out = append(out, w)
	}
	slices.Sort(out)
	return out
}
