package token

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Token is one word of a text.
type Token struct {
	// Start and End are byte offsets of the word in the source text,
	// [Start, End). A possessive ’s is inside the span; a trailing
	// apostrophe (mullahs’) is not.
	Start, End int
	// Hash is the FNV-1a hash of the folded form, computed once so that
	// every matcher scanning the tokens can use it.
	Hash uint64
	// Head is the first two bytes of the folded form (0 for a shorter
	// one): a cheap key for filters on word beginnings.
	Head uint16
	// AfterDropped is true when Drop removed tokens between this token
	// and the one before it.
	AfterDropped bool
	// normStart and normEnd locate the folded form in the Tokens buffer.
	normStart, normEnd int
}

// FNV-1a, 64 bits.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// HashBytes returns the hash Token.Hash holds for a folded form b.
func HashBytes(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// HashString is HashBytes for a string.
func HashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// Tokens is the result of tokenizing one text. It is valid until the
// Tokenizer that made it is used again.
type Tokens struct {
	Text string
	List []Token
	norm []byte
}

// Len returns the number of tokens.
func (ts *Tokens) Len() int { return len(ts.List) }

// Norm returns the folded form of token i. The slice aliases an internal
// buffer: copy it to keep it.
func (ts *Tokens) Norm(i int) []byte {
	t := ts.List[i]
	return ts.norm[t.normStart:t.normEnd]
}

// NormString returns the folded form of token i as a new string.
func (ts *Tokens) NormString(i int) string { return string(ts.Norm(i)) }

// Tokenizer splits texts into tokens. The zero value is ready to use.
type Tokenizer struct {
	ts    Tokens
	fold  []byte
	caser *cases.Caser
	// general makes every word take the general path (scanWord and
	// appendToken), which appendPlainWord must agree with: for tests.
	general bool
}

// Tokenize splits text into tokens. The returned value is owned by the
// Tokenizer and is overwritten by the next call.
func (tz *Tokenizer) Tokenize(text string) *Tokens {
	ts := &tz.ts
	ts.Text = text
	ts.List = ts.List[:0]
	// Folded forms are rarely longer than the text (ß → ss), so one
	// allocation, when the buffer is too small, usually holds them all.
	ts.norm = slices.Grow(ts.norm[:0], len(text))
	i := 0
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			if !asciiWord[c] {
				i++ // spaces and punctuation, the commonest bytes after letters
				continue
			}
			if !tz.general {
				if end, ok := tz.appendPlainWord(text, i); ok {
					i = end
					continue
				}
			}
		}
		r, size := decode(text, i)
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		end := scanWord(text, i)
		tz.appendToken(start, end)
		i = end
	}
	return ts
}

// folders lend Fold a Tokenizer: a fresh one allocates its buffers, and
// checking a lexicon of 10,000 entries folds each of its words several
// times.
var folders = sync.Pool{New: func() any { return new(Tokenizer) }}

// Fold returns the folded form of a single word, as Tokenize would fold it.
// It is meant for compiling patterns, not for hot loops. It is safe for
// concurrent use.
func Fold(word string) string {
	tz := folders.Get().(*Tokenizer)
	ts := tz.Tokenize(word)
	var b strings.Builder
	b.Grow(len(word))
	for i := range ts.List {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.Write(ts.Norm(i))
	}
	ts.Text = "" // keep no caller's string alive in the pool
	folders.Put(tz)
	return b.String()
}

func decode(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// scanWord returns the end of the word that starts at i.
func scanWord(text string, i int) int {
	end := i
	prevLetterRun := 0 // letters since the last joiner, for initials like U.S.
	for end < len(text) {
		if c := text[end]; c < utf8.RuneSelf {
			if asciiWord[c] {
				end++
				prevLetterRun++
				continue
			}
			if !asciiJoiner[c] {
				return end // a space or punctuation that joins nothing
			}
		}
		r, size := decode(text, end)
		if isWordRune(r) {
			end += size
			prevLetterRun++
			continue
		}
		// A joiner continues the word only when a word rune follows it.
		if end+size >= len(text) {
			break
		}
		next, _ := decode(text, end+size)
		if !isWordRune(next) {
			break
		}
		switch {
		case IsApostrophe(r), IsHyphen(r):
		case r == '.' && prevLetterRun == 1 && unicode.IsLetter(next):
			// initials: U.S., U.K.
		case (r == '.' || r == ',') && end > 0 && isDigitBefore(text, end) && unicode.IsDigit(next):
			// numbers: 2,000 and 2.5
		default:
			return end
		}
		end += size
		prevLetterRun = 0
	}
	return end
}

func isDigitBefore(text string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.IsDigit(r)
}

// asciiJoiner marks the ASCII bytes that may join two parts of a word:
// apostrophes and the hyphen (IsApostrophe, IsHyphen), and the full stop
// and comma of initials and numbers.
var asciiJoiner = func() (t [utf8.RuneSelf]bool) {
	for _, c := range "'`-.," {
		t[c] = true
	}
	return t
}()

// asciiFold folds an ASCII word byte: capitals to lower case, ` to '.
var asciiFold = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		t[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			t[c] += 'a' - 'A'
		}
	}
	t['`'] = '\''
	return t
}()

// asciiWord marks the ASCII bytes that are word characters.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// IsApostrophe reports whether r is one of the characters writers and
// keyboards use for an apostrophe. Inside a word it joins ("Shi’ite") and
// folds to '.
func IsApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʼ', '`', '´', '′', 'ʹ', '＇':
		return true
	}
	return false
}

// Possessive reports whether a word as written ends in a possessive ’s: an
// apostrophe (IsApostrophe) and s, after at least one other character
// ("Assad’s", "Khameneiʼs", "regime's"). Folding drops it.
func Possessive(w string) bool {
	n := len(w)
	if n < 3 || w[n-1] != 's' {
		return false
	}
	r, size := utf8.DecodeLastRuneInString(w[:n-1])
	return n-1-size > 0 && IsApostrophe(r)
}

// IsHyphen reports whether r joins the parts of a compound word
// ("pro-Assad", "al‑Assad", "Tehran–Damascus"); inside a word it folds to -
// (a soft hyphen is dropped).
func IsHyphen(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '−', '﹣', '－', '\u00ad':
		return true
	}
	return false
}

// appendPlainWord appends the word that starts at text[start] when it is
// plain: ASCII letters and digits up to the end of the text or an ASCII
// byte that does not continue it (a space; a full stop, comma, hyphen or
// apostrophe not followed by a letter or digit), as most words of English
// text are. It scans, folds and hashes in one pass, where scanWord and
// appendToken take two, and returns the word's end. ok is false, with
// nothing appended, for any other word: the general path takes it.
func (tz *Tokenizer) appendPlainWord(text string, start int) (end int, ok bool) {
	ts := &tz.ts
	ns := len(ts.norm)
	// The word is at most the rest of the text: fold it in place.
	ts.norm = slices.Grow(ts.norm, len(text)-start)
	dst := ts.norm[ns : ns+len(text)-start]
	h := uint64(fnvOffset)
	j := start
	for ; j < len(text); j++ {
		c := text[j]
		if c >= utf8.RuneSelf || !asciiWord[c] {
			break
		}
		c = asciiFold[c]
		dst[j-start] = c
		h = (h ^ uint64(c)) * fnvPrime
	}
	if j < len(text) {
		c := text[j]
		if c >= utf8.RuneSelf {
			return 0, false // a letter or a joiner outside ASCII
		}
		if asciiJoiner[c] && j+1 < len(text) {
			if next := text[j+1]; next >= utf8.RuneSelf || asciiWord[next] {
				return 0, false // U.S., pro-Assad, don't, 2,000
			}
		}
	}
	ne := ns + j - start
	ts.norm = ts.norm[:ne]
	var head uint16
	if ne-ns >= 2 {
		head = uint16(ts.norm[ns])<<8 | uint16(ts.norm[ns+1])
	}
	ts.List = append(ts.List, Token{Start: start, End: j, Hash: h, Head: head, normStart: ns, normEnd: ne})
	return j, true
}

func (tz *Tokenizer) appendToken(start, end int) {
	ts := &tz.ts
	word := ts.Text[start:end]
	ns := len(ts.norm)
	// Fold and hash an ASCII word in one pass, keeping the hash before
	// the last two bytes in case they are a possessive 's to strip.
	// The folded ASCII word has the word's length: it is written in
	// place, without a capacity check per byte.
	h, h1, h2 := uint64(fnvOffset), uint64(0), uint64(0)
	ascii := true
	ts.norm = slices.Grow(ts.norm, len(word))
	dst := ts.norm[ns : ns+len(word)]
	for j := 0; j < len(word); j++ {
		c := word[j]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		c = asciiFold[c]
		dst[j] = c
		h2, h1 = h1, h
		h = (h ^ uint64(c)) * fnvPrime
	}
	if ascii {
		ts.norm = ts.norm[:ns+len(word)]
	} else {
		ts.norm = tz.foldUnicode(ts.norm[:ns], word)
	}
	ne := len(ts.norm)
	// Strip a possessive 's: "regime's" and "Assad’s" fold to their noun.
	strip := ne-ns > 2 && ts.norm[ne-1] == 's' && ts.norm[ne-2] == '\''
	if strip {
		ne -= 2
		ts.norm = ts.norm[:ne]
	}
	switch {
	case !ascii:
		h = HashBytes(ts.norm[ns:ne])
	case strip:
		h = h2
	}
	var head uint16
	if ne-ns >= 2 {
		head = uint16(ts.norm[ns])<<8 | uint16(ts.norm[ns+1])
	}
	ts.List = append(ts.List, Token{Start: start, End: end, Hash: h, Head: head, normStart: ns, normEnd: ne})
}

// foldUnicode appends the folded form of a word that has non-ASCII runes.
func (tz *Tokenizer) foldUnicode(dst []byte, word string) []byte {
	if needsNFKC(word) && !norm.NFKC.IsNormalString(word) {
		word = norm.NFKC.String(word)
	}
	for _, r := range word {
		switch {
		case r == '\u00ad': // soft hyphen: invisible, drop it
		case IsApostrophe(r):
			dst = append(dst, '\'')
		case IsHyphen(r):
			dst = append(dst, '-')
		case r < utf8.RuneSelf:
			dst = append(dst, byte(unicode.ToLower(r)))
		default:
			// Full case folding (ß → ss, Σ → σ).
			if tz.caser == nil {
				c := cases.Fold()
				tz.caser = &c
			}
			tz.fold = utf8.AppendRune(tz.fold[:0], r)
			dst = append(dst, tz.caser.Bytes(tz.fold)...)
		}
	}
	return dst
}

// needsNFKC reports whether word has a non-ASCII rune other than the
// apostrophes and hyphens folded by hand: most English words with a curly
// apostrophe then skip the normaliser, which allocates.
func needsNFKC(word string) bool {
	for _, r := range word {
		if r >= utf8.RuneSelf && !IsApostrophe(r) && !IsHyphen(r) {
			return true
		}
	}
	return false
}

// ScareQuoteWords is the most words a quotation may have and still be read
// as scare quotes around a term rather than a speaker's words.
const ScareQuoteWords = 4

// IsScareQuote reports whether a quotation of words tokens is scare quotes
// around a term (Tehran calls them “military advisers”) rather than a
// speaker's words (“They are terrorists,” he said): a few words with no
// punctuation that would end or split a spoken sentence. Scoring and the
// credibility signals both use this one rule.
func IsScareQuote(quoted string, words int) bool {
	return words <= ScareQuoteWords && !strings.ContainsAny(quoted, ",.!?;:…")
}
