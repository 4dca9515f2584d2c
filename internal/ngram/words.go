package ngram

import (
	"unicode"
	"unicode/utf8"
)

// stopwords are English function words and reporting verbs ("said",
// "told"), folded as package token folds them; "us" is left out because
// it folds like "US". A suggested phrase may hold them inside ("leader of the
// revolution") but not begin or end with one: "the regime" and "regime
// has" are fragments of the text, not names.
var stopwords = setOf(
	"a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
	"are", "aren't", "as", "at", "be", "because", "been", "before", "being", "below", "between",
	"both", "but", "by", "can", "can't", "cannot", "could", "couldn't", "did", "didn't", "do",
	"does", "doesn't", "doing", "don't", "down", "during", "each", "even", "ever", "every", "few",
	"for", "from", "further", "had", "hadn't", "has", "hasn't", "have", "haven't", "having", "he",
	"he'd", "he'll", "her", "here", "hers", "herself", "him", "himself", "his", "how", "however",
	"i", "i'd", "i'll", "i'm", "i've", "if", "in", "into", "is", "isn't", "it", "it'll", "its",
	"itself", "just", "let", "many", "may", "me", "might", "more", "most", "much", "must",
	"mustn't", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "one",
	"only", "or", "other", "others", "ought", "our", "ours", "ourselves", "out", "over", "own",
	"per", "same", "say", "said", "says", "she", "she'd", "she'll", "should", "shouldn't", "since",
	"so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then",
	"there", "these", "they", "they'd", "they'll", "they're", "they've", "this", "those", "though",
	"through", "to", "too", "under", "until", "up", "upon", "very", "via", "was", "wasn't",
	"we", "we'd", "we'll", "we're", "we've", "were", "weren't", "what", "when", "where", "whether",
	"which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "won't",
	"would", "wouldn't", "yet", "you", "you'd", "you'll", "you're", "you've", "your", "yours",
	"yourself", "yourselves", "it's", "that's", "there's", "what's", "who's", "let's", "here's",
	"mr", "mrs", "ms", "according", "told",
)

// IsStopword reports whether a folded word is a stopword or has fewer
// than two letters.
func IsStopword(w []byte) bool {
	return utf8.RuneCount(w) < 2 || stopwords[string(w)]
}

// Stopword reports whether a folded word is one of the stopwords.
func Stopword(w string) bool { return stopwords[w] }

// IsNumber reports whether a folded word is a number: digits, possibly
// with the , and . of 2,000 and 2.5. Numbers name quantities and dates,
// not actors.
func IsNumber(w []byte) bool {
	digit := false
	for i := 0; i < len(w); {
		r, size := rune(w[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(w[i:])
		}
		switch {
		case unicode.IsDigit(r):
			digit = true
		case r == ',' || r == '.':
		default:
			return false
		}
		i += size
	}
	return digit
}

// setOf returns the set of words.
func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
