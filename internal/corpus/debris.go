package corpus

import (
	_ "embed"
	"fmt"
	"os"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/compare-tool/compare/internal/rulefile"
)

//go:embed debris.yaml
var defaultDebrisYAML []byte

// Debris is a compiled set of debris rules: patterns for lines that are page
// furniture ("Share", "Advertisement", comment forms) rather than reporting.
// It is safe for concurrent use.
type Debris struct {
	rules  []debrisRule
	maxLen int // longest line any rule looks at
	// triggers holds the contains words of all rules by their first byte.
	triggers [256][]trigger
	// pairs marks the first two bytes, lowered, of every contains word
	// (pairKey): a word start whose two bytes are not marked begins no
	// contains word, so gate looks no further there. Contains words that
	// begin with a byte outside ASCII are found the slow way.
	pairs [1 << 16 / 64]uint64
	// first holds, for each byte, the rules (a bit each) whose patterns can
	// match a line beginning with it (firstBytes): most lines begin with a
	// byte only a few rules could match, and the others are not tried.
	first [256]uint64
}

type debrisRule struct {
	reason  string
	maxLen  int
	gated   bool           // the rule has contains words
	pattern *regexp.Regexp // all the rule's patterns, anchored, case-insensitive
}

// trigger is a contains word and the rules (a bit each) that list it.
type trigger struct {
	text  string
	rules uint64
}

// maxDebrisRules is the number of rules a trigger's bit set can hold.
const maxDebrisRules = 64

// defaultMaxLen is the longest line a rule without max_len looks at.
const defaultMaxLen = 80

// DefaultDebris returns the built-in rules (debris.yaml in this package).
var DefaultDebris = sync.OnceValue(func() *Debris {
	d, err := ParseDebris("embedded:debris.yaml", defaultDebrisYAML)
	if err != nil {
		panic("corpus: " + err.Error())
	}
	return d
})

// LoadDebris reads debris rules from a YAML file in the format of the
// built-in debris.yaml.
func LoadDebris(path string) (*Debris, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseDebris(path, data)
}

// ParseDebris compiles debris rules; file names them in errors
// ("debris.yaml:12: share button: error parsing regexp: ...").
func ParseDebris(file string, data []byte) (*Debris, error) {
	var doc struct {
		Rules []struct {
			Reason   string    `yaml:"reason"`
			MaxLen   int       `yaml:"max_len"`
			Contains []string  `yaml:"contains"`
			Patterns yaml.Node `yaml:"patterns"`
		} `yaml:"rules"`
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		var rd rulefile.Decoder
		rd.AddYAMLError(0, err)
		p := rd.Problems[0]
		return nil, fmt.Errorf("%s:%d: %s", file, p.Line, p.Message)
	}
	d := &Debris{}
	for _, r := range doc.Rules {
		line := r.Patterns.Line
		if r.Reason == "" {
			return nil, fmt.Errorf("%s:%d: rule has no reason", file, line)
		}
		var pats []string
		if err := r.Patterns.Decode(&pats); err != nil || len(pats) == 0 {
			return nil, fmt.Errorf("%s:%d: %s: patterns must be a list of regular expressions", file, line, r.Reason)
		}
		alts := make([]string, len(pats))
		for i, p := range pats {
			if _, err := regexp.Compile(p); err != nil {
				pl := line
				if i < len(r.Patterns.Content) {
					pl = r.Patterns.Content[i].Line
				}
				return nil, fmt.Errorf("%s:%d: %s: %v", file, pl, r.Reason, err)
			}
			alts[i] = "(?:" + p + ")"
		}
		maxLen := r.MaxLen
		if maxLen <= 0 {
			maxLen = defaultMaxLen
		}
		d.maxLen = max(d.maxLen, maxLen)
		if maxLen > defaultMaxLen && len(r.Contains) == 0 {
			// Regular expressions on every paragraph would dominate reading time.
			return nil, fmt.Errorf("%s:%d: %s: a rule with max_len over %d needs contains", file, line, r.Reason, defaultMaxLen)
		}
		if len(d.rules) == maxDebrisRules {
			return nil, fmt.Errorf("%s:%d: more than %d rules", file, line, maxDebrisRules)
		}
		bit := uint64(1) << len(d.rules)
		for _, c := range r.Contains {
			c = strings.ToLower(strings.TrimSpace(c))
			if c == "" {
				return nil, fmt.Errorf("%s:%d: %s: empty contains word", file, line, r.Reason)
			}
			d.addTrigger(c, bit)
		}
		expr := `^(?i:` + strings.Join(alts, "|") + `)$`
		d.rules = append(d.rules, debrisRule{
			reason:  "debris: " + r.Reason,
			maxLen:  maxLen,
			gated:   len(r.Contains) > 0,
			pattern: regexp.MustCompile(expr),
		})
		starts := firstBytes(expr)
		for b := range d.first {
			if starts[b] {
				d.first[b] |= bit
			}
		}
	}
	return d, nil
}

// MarkDebris sets a.Dropped to the lines of a.Text that the built-in rules
// recognise as page furniture. Read calls it on every article.
func MarkDebris(a *Article) { DefaultDebris().Mark(a) }

// Mark sets a.Dropped to the lines of a.Text that d recognises as page
// furniture, one span per line covering its text without surrounding white
// space, in text order. Lines are only ever dropped whole.
func (d *Debris) Mark(a *Article) {
	a.Dropped = a.Dropped[:0]
	text := a.Text
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if reason, s, e, ok := d.match(text, start, end); ok {
			a.Dropped = append(a.Dropped, Span{Start: s, End: e, Reason: reason})
		}
		start = end + 1
	}
	if len(a.Dropped) == 0 {
		a.Dropped = nil
	}
}

// match checks the line text[start:end]. It returns the span of the line's
// trimmed content.
func (d *Debris) match(text string, start, end int) (reason string, s, e int, ok bool) {
	line := text[start:end]
	if len(line) > d.maxLen+64 && len(strings.TrimSpace(line)) > d.maxLen+16 {
		return "", 0, 0, false
	}
	trimmed := strings.TrimSpace(line)
	if trimmed == "" || len(trimmed) > d.maxLen+16 {
		return "", 0, 0, false
	}
	s = start + strings.Index(line, trimmed)
	e = s + len(trimmed)
	norm := normalizeDebrisLine(trimmed)
	if len(norm) == 0 {
		return "", 0, 0, false
	}
	var gate uint64
	gateDone := false
	candidates := d.first[norm[0]]
	for i, r := range d.rules {
		if len(norm) > r.maxLen || candidates&(1<<i) == 0 {
			continue
		}
		if r.gated {
			if !gateDone {
				gate, gateDone = d.gate(norm), true
			}
			if gate&(1<<i) == 0 {
				continue
			}
		}
		if r.pattern.MatchString(norm) {
			return r.reason, s, e, true
		}
	}
	return "", 0, 0, false
}

func (d *Debris) addTrigger(word string, bit uint64) {
	list := d.triggers[word[0]]
	for i := range list {
		if list[i].text == word {
			list[i].rules |= bit
			return
		}
	}
	d.triggers[word[0]] = append(list, trigger{text: word, rules: bit})
	if word[0] < utf8.RuneSelf {
		if len(word) == 1 {
			for b := range 256 {
				k := pairKey(word[0], byte(b))
				d.pairs[k/64] |= 1 << (k % 64)
			}
		} else {
			k := pairKey(word[0], word[1])
			d.pairs[k/64] |= 1 << (k % 64)
		}
	}
}

// pairKey is the key of two bytes in Debris.pairs: the bytes with ASCII
// capitals lowered. Contains words are lower case (strings.ToLower's), whose
// ASCII bytes are never capitals.
func pairKey(a, b byte) int { return int(lowerASCII[a])<<8 | int(lowerASCII[b]) }

// lowerASCII maps ASCII capitals to lower case and every other byte to
// itself.
var lowerASCII = func() (t [256]byte) {
	for b := range t {
		t[b] = byte(b)
		if 'A' <= b && b <= 'Z' {
			t[b] += 'a' - 'A'
		}
	}
	return t
}()

// gate returns the rules whose contains words begin a word of the line
// in lower case (strings.ToLower's). Scanning only word starts, with the
// words indexed by first byte, keeps this cheap on the long lines of
// reporting; the line is lowered as it is compared, never copied.
//
// A word starts at the line's start and after a byte that is not part of
// a word (isWordByte), always an ASCII byte, so at the start of a rune:
// lowering maps letters to letters, so the lowered line's words start at
// the same places.
func (d *Debris) gate(line string) uint64 {
	var rules uint64
	for i := 0; i < len(line); i++ {
		// i is a word start: look it up, then skip the rest of its word;
		// the byte after the word starts no word, the one after it does.
		c := line[i]
		if c >= utf8.RuneSelf || d.maybeTrigger(c, line[i+1:]) {
			rules |= d.triggersAt(line[i:])
		}
		if wordByte[c] {
			for i++; i < len(line) && wordByte[line[i]]; i++ {
			}
		}
	}
	return rules
}

// maybeTrigger reports whether a contains word may begin with the ASCII
// byte c followed by rest (Debris.pairs). A contains word of one byte
// marks every pair that begins with it, so a line's last byte pairs with
// 0. A byte outside ASCII may lower to another first byte (the Kelvin
// sign to k): such pairs are not filtered.
func (d *Debris) maybeTrigger(c byte, rest string) bool {
	var next byte
	if len(rest) > 0 {
		next = rest[0]
	}
	k := pairKey(c, next)
	return next >= utf8.RuneSelf || d.pairs[k/64]&(1<<(k%64)) != 0
}

// triggersAt returns the rules whose contains words begin s, in lower
// case.
func (d *Debris) triggersAt(s string) uint64 {
	first := lowerASCII[s[0]]
	if first >= utf8.RuneSelf {
		r, _ := utf8.DecodeRuneInString(s)
		var enc [utf8.UTFMax]byte
		utf8.EncodeRune(enc[:], unicode.ToLower(r))
		first = enc[0]
	}
	var rules uint64
	for _, t := range d.triggers[first] {
		if hasLowerPrefix(s, t.text) {
			rules |= t.rules
		}
	}
	return rules
}

// hasLowerPrefix reports whether the lower case of s (strings.ToLower's)
// begins with prefix.
func hasLowerPrefix(s, prefix string) bool {
	var enc [utf8.UTFMax]byte
	for len(prefix) > 0 {
		if len(s) == 0 {
			return false
		}
		c := s[0]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != prefix[0] {
				return false
			}
			s, prefix = s[1:], prefix[1:]
			continue
		}
		r, size := utf8.DecodeRuneInString(s)
		n := utf8.EncodeRune(enc[:], unicode.ToLower(r))
		if n > len(prefix) {
			// Only part of the lowered rune would be compared: the
			// lowered line has it whole, so compare what fits.
			n = len(prefix)
		}
		if string(enc[:n]) != prefix[:n] {
			return false
		}
		s, prefix = s[size:], prefix[n:]
	}
	return true
}

// isWordByte reports whether b is part of a word: an ASCII letter or digit,
// or a byte of a multi-byte UTF-8 sequence.
func isWordByte(b byte) bool {
	return b >= 0x80 || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// wordByte is isWordByte as a table.
var wordByte = func() (t [256]bool) {
	for b := range t {
		t[b] = isWordByte(byte(b))
	}
	return t
}()

// plainByte marks the bytes a line may have and need no folding: ASCII
// but for the white space other than a space.
var plainByte = func() (t [256]bool) {
	for b := range utf8.RuneSelf {
		t[b] = b == ' ' || !unicode.IsSpace(rune(b))
	}
	return t
}()

// plainSpaces reports whether s has single spaces only and valid UTF-8
// without U+FFFD, the common case that needs no folding: text with curly
// quotes and dashes is plain too. It reads eight bytes at a time while they
// are ASCII from the space up (most of a line of English), and leaves the
// rest to plainSpacesFrom.
func plainSpaces(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// A byte outside ASCII or below a space (one of them white
		// space?): byte by byte from here.
		if (w|(w-0x20*ones)&^w)&highs != 0 {
			break
		}
		// The high bit of each space byte, exactly (no borrow between
		// bytes): two side by side, or one after a space that ended the
		// previous eight, are a double space.
		t := w ^ 0x20*ones
		sp := ^((t&^highs + 0x7f*ones) | t | 0x7f*ones)
		if sp&(sp>>8) != 0 || i > 0 && sp&0x80 != 0 && s[i-1] == ' ' {
			return false
		}
	}
	if i > 0 && i < len(s) && s[i] == ' ' && s[i-1] == ' ' {
		return false
	}
	return plainSpacesFrom(s, i)
}

// plainSpacesFrom is plainSpaces of s[start:], byte by byte.
func plainSpacesFrom(s string, start int) bool {
	for i := start; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !plainByte[c] || c == ' ' && i+1 < len(s) && s[i+1] == ' ' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || unicode.IsSpace(r) {
			return false
		}
		i += size
	}
	return true
}

// asciiSpace marks the ASCII bytes unicode.IsSpace accepts.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// normalizeDebrisLine returns the line s without leading bullets and
// trailing colons, its runs of white space (including no-break spaces)
// folded into one space and invalid bytes dropped. A plain line (see
// plainSpaces) is returned as it is.
func normalizeDebrisLine(s string) string {
	s = strings.TrimLeftFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("•·▪►▸*-–—|", r)
	})
	s = strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ':' || r == '|' })
	if plainSpaces(s) {
		return s
	}
	// The line is never longer than s; match gives lines of at most a
	// few hundred bytes.
	var buf [512]byte
	dst := buf[:0]
	space := false
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r < utf8.RuneSelf {
			if asciiSpace[r] {
				space = true
				i++
				continue
			}
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				space = true
				i += size
				continue
			}
		}
		i += size
		if space && len(dst) > 0 {
			dst = append(dst, ' ')
		}
		space = false
		switch {
		case r < utf8.RuneSelf:
			dst = append(dst, byte(r))
		case r != utf8.RuneError:
			dst = utf8.AppendRune(dst, r)
		}
	}
	return string(dst)
}

// firstBytes returns the bytes a string that the regular expression expr
// (valid, in Go's syntax) matches may begin with, as far as its syntax
// tree tells: a superset, so that a line whose first byte is not among
// them need not be tried. The empty string is not a byte: a pattern that
// matches it is given every byte.
func firstBytes(expr string) (set [256]bool) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		panic("corpus: " + err.Error())
	}
	if nullable := addFirstBytes(&set, re.Simplify()); nullable {
		for b := range set {
			set[b] = true
		}
	}
	return set
}

// addFirstBytes adds to set the bytes a match of re may begin with and
// reports whether re matches the empty string (then what follows re may
// begin the match too). Any operator it does not know gives every byte.
func addFirstBytes(set *[256]bool, re *syntax.Regexp) (nullable bool) {
	all := func() bool {
		for b := range set {
			set[b] = true
		}
		return false
	}
	addRune := func(r rune) {
		var enc [utf8.UTFMax]byte
		utf8.EncodeRune(enc[:], r)
		set[enc[0]] = true
	}
	switch re.Op {
	case syntax.OpNoMatch:
		return false
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return true
		}
		r := re.Rune[0]
		addRune(r)
		if re.Flags&syntax.FoldCase != 0 {
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				addRune(f)
			}
		}
		return false
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			for r := lo; r <= hi && r < utf8.RuneSelf; r++ {
				set[r] = true
			}
			if hi >= utf8.RuneSelf {
				for b := 0x80; b < 256; b++ {
					set[b] = true
				}
			}
		}
		return false
	case syntax.OpCapture, syntax.OpPlus:
		return addFirstBytes(set, re.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		addFirstBytes(set, re.Sub[0])
		return true
	case syntax.OpRepeat:
		n := addFirstBytes(set, re.Sub[0])
		return n || re.Min == 0
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if !addFirstBytes(set, sub) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if addFirstBytes(set, sub) {
				nullable = true
			}
		}
		return nullable
	}
	return all()
}
