package events

import (
	"unicode"
	"unicode/utf8"

	"github.com/compare-tool/compare/internal/token"
)

// Term weights. A name or a number says more about which event an article
// reports than a common noun: "Khan Touman" and "13" single out one battle,
// "attack" and "killed" do not.
const (
	// nameBoost multiplies the weight of a name: a word capitalised
	// mid-sentence, or a run of capitalised words ("Khan Touman",
	// "Bashar al-Assad").
	nameBoost = 2
	// numberBoost multiplies the weight of a number other than a year
	// ("13", "21", "thirteen").
	numberBoost = 2
	// maxPhrase is the most words a name phrase may have; longer runs of
	// capitalised words are headline case or lists, not one name.
	maxPhrase = 5
)

// rawTerm is one term of one article before weighting.
type rawTerm struct {
	// key is the FNV-1a hash (token.HashString) of the folded word or of
	// the folded words of a phrase joined by spaces. Words never contain
	// spaces, so a phrase key cannot be a word's.
	key uint64
	tf  int32
	// boost is 1, or nameBoost or numberBoost when an occurrence reads as
	// a name or a number.
	boost float32
}

// extractor turns an article into its terms. It reuses its buffers and is
// not safe for concurrent use.
type extractor struct {
	tz    token.Tokenizer
	index map[uint64]int // key → position in terms
	terms []rawTerm
	// surface, when set, is called with every term occurrence of the text
	// as written, for the key terms shown to users.
	surface func(key uint64, folded, written string)
	phrase  []int // token indexes of the current capitalised run
	buf     []byte
}

// extract returns the terms of an article: its title and text words
// without stopwords, numbers (number words up to twenty and the tens
// written as digits), and the names of its text (title capitals are
// headline style, not names). The slice is reused by the next call.
func (e *extractor) extract(title, text string) []rawTerm {
	if e.index == nil {
		e.index = make(map[uint64]int, 512)
	}
	clear(e.index)
	e.terms = e.terms[:0]
	e.scan(title, false)
	e.scan(text, true)
	return e.terms
}

func (e *extractor) add(key uint64, boost float32) {
	if i, ok := e.index[key]; ok {
		t := &e.terms[i]
		t.tf++
		t.boost = max(t.boost, boost)
		return
	}
	e.index[key] = len(e.terms)
	e.terms = append(e.terms, rawTerm{key: key, tf: 1, boost: boost})
}

// scan adds the terms of one stretch of text; names only when names is
// set.
func (e *extractor) scan(text string, names bool) {
	ts := e.tz.Tokenize(text)
	e.phrase = e.phrase[:0]
	for i := range ts.List {
		tok := ts.List[i]
		folded := ts.Norm(i)
		written := text[tok.Start:tok.End]
		if stopHashes[tok.Hash] {
			e.flushPhrase(ts)
			continue
		}
		key, num, year := tok.Hash, isNumber(folded), false
		if num {
			year = isYear(folded)
		} else if d, ok := numberHashes[tok.Hash]; ok {
			key, num, folded = token.HashString(d), true, []byte(d)
		}
		if len(folded) < 2 && !num {
			e.flushPhrase(ts)
			continue
		}
		capital := names && !num && isCapitalised(written)
		boost := float32(1)
		switch {
		case num && !year:
			boost = numberBoost
		case capital && !sentenceStart(text, tok.Start):
			boost = nameBoost
		}
		e.add(key, boost)
		if e.surface != nil {
			e.surface(key, string(folded), written)
		}
		if !capital {
			e.flushPhrase(ts)
			continue
		}
		if len(e.phrase) > 0 && !joined(text[ts.List[e.phrase[len(e.phrase)-1]].End:tok.Start]) {
			e.flushPhrase(ts)
		}
		e.phrase = append(e.phrase, i)
		if token.Possessive(written) {
			// "Iran's Revolutionary Guard": the name ends at the possessive.
			e.flushPhrase(ts)
		}
	}
	e.flushPhrase(ts)
}

// flushPhrase adds the current run of capitalised words as a name phrase
// when it has two to maxPhrase words, and starts a new run.
func (e *extractor) flushPhrase(ts *token.Tokens) {
	run := e.phrase
	e.phrase = e.phrase[:0]
	if len(run) < 2 || len(run) > maxPhrase {
		return
	}
	e.buf = e.buf[:0]
	for k, i := range run {
		if k > 0 {
			e.buf = append(e.buf, ' ')
		}
		e.buf = append(e.buf, ts.Norm(i)...)
	}
	key := token.HashBytes(e.buf)
	e.add(key, nameBoost)
	if e.surface != nil {
		e.surface(key, string(e.buf), ts.Text[ts.List[run[0]].Start:ts.List[run[len(run)-1]].End])
	}
}

// joined reports whether the gap between two words keeps them in one
// name: spaces only, no punctuation or line break.
func joined(gap string) bool {
	for _, r := range gap {
		if r != ' ' && r != '\u00a0' {
			return false
		}
	}
	return gap != ""
}

// isCapitalised reports whether a word as written starts with a capital
// letter or has one after a hyphen ("al-Assad").
func isCapitalised(w string) bool {
	prevHyphen := true
	for _, r := range w {
		if prevHyphen && unicode.IsUpper(r) {
			return true
		}
		prevHyphen = token.IsHyphen(r)
	}
	return false
}

// sentenceStart reports whether the word at byte offset start opens a
// sentence, a paragraph or a quotation after a colon, where a capital
// says nothing about names.
func sentenceStart(text string, start int) bool {
	i := start
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		switch r {
		case ' ', '\t', '\u00a0', '"', '“', '”', '‘', '\'', '(', '[', '«', '„':
			i -= size
			continue
		case '\n', '.', '!', '?', ':', ';', '…', '—':
			return true
		}
		return false
	}
	return true
}

// isNumber reports whether a folded word is written in digits (with the
// separators the tokenizer keeps: 2,000 and 2.5).
func isNumber(w []byte) bool {
	if len(w) == 0 || w[0] < '0' || w[0] > '9' {
		return false
	}
	for _, c := range w {
		if (c < '0' || c > '9') && c != ',' && c != '.' {
			return false
		}
	}
	return true
}

// isYear reports whether a number reads as a year (1900 to 2099). Years
// are kept as words but not weighted up: an article's "since 2011" says
// nothing about which event it reports.
func isYear(w []byte) bool {
	return len(w) == 4 && (w[0] == '1' && w[1] == '9' || w[0] == '2' && w[1] == '0')
}

// numberHashes is numberWords keyed by the token hash of the word, which
// the tokenizer has already computed.
var numberHashes = func() map[uint64]string {
	m := make(map[uint64]string, len(numberWords))
	for w, d := range numberWords {
		m[token.HashString(w)] = d
	}
	return m
}()

// numberWords maps number words to digits, so that "thirteen advisers"
// and "13 advisers" share the term. "one" is left out: it is mostly a
// pronoun ("one of the").
var numberWords = map[string]string{
	"two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
	"eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
	"thirteen": "13", "fourteen": "14", "fifteen": "15", "sixteen": "16",
	"seventeen": "17", "eighteen": "18", "nineteen": "19", "twenty": "20",
	"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70",
	"eighty": "80", "ninety": "90", "hundred": "100",
}
