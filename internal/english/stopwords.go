package english

// Stopword reports whether w, a word folded as package token folds it, is
// an English function word or reporting verb ("the", "of", "said",
// "told"). "us" is not one: it folds like "US". Lexicon suggestions and
// distinctive terms use it (through ngram.IsStopword) to tell a name from a
// fragment of the text ("the regime", "regime has"), and lexicon labels to
// tell whether two forms say the same thing ("regime of the mullahs",
// "mullahs' regime").
func Stopword[S ~string | ~[]byte](w S) bool { return stopwords[string(w)] }

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

// setOf returns the set of words.
func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
