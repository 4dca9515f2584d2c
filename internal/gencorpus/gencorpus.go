// Package gencorpus writes synthetic news corpora and lexicons for
// benchmarks and scale tests. The output is deterministic for a seed:
// the same seed and options give the same bytes.
//
// The text is not language, but it is shaped like news copy: Zipf-
// distributed words from a news vocabulary, sentences of typical length
// with commas, paragraphs, direct quotations with curly and straight
// marks (some running over two paragraphs), attributions, and lexicon
// terms at a rate close to what real coverage shows (about one in 60
// words). Each outlet leans to one side, so that statistics have a
// difference to find. Options.From and To spread the articles over given
// days, and Options.Shift plants a change: one outlet turns to another
// lean on a known day, so that trend and baseline statistics can be
// checked to find it, at that period and with that sign, and to find
// nothing without it.
package gencorpus

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/compare-tool/compare/internal/lexicon"
)

// Options configure Corpus.
type Options struct {
	// Bytes is the approximate size of the corpus to write.
	Bytes int64
	// Outlets is the number of outlets; 0 means 40.
	Outlets int
	// TermRate is the share of words that are lexicon terms; 0 means 1/60.
	TermRate float64
	Seed     uint64
	// From and To, when set, are the first and last days articles are
	// dated, each day as likely. When both are zero, dates fall in
	// 2012–2025 as they always did (the same bytes for the same seed).
	From, To time.Time
	// Shift, when not nil, changes one outlet's vocabulary from a day on.
	// It needs From and To.
	Shift *Shift
}

// Shift plants a change of vocabulary: from At on, the articles of Outlet
// use lexicon terms in the proportions of Lean instead of the outlet's
// own lean.
type Shift struct {
	// Outlet is the name of one of the generated outlets ("herald-00").
	Outlet string
	// At is the first day of the new vocabulary.
	At time.Time
	// Lean is the new lean, in [-1, 1]: -1 uses the terms of the negative
	// side of the lexicon's first axis, +1 those of the positive side.
	Lean float64
}

// OutletNames returns the names Corpus gives n outlets (0 means 40).
func OutletNames(n int) []string {
	if n <= 0 {
		n = 40
	}
	names := make([]string, n)
	for i := range names {
		names[i] = outletName(i)
	}
	return names
}

func outletName(i int) string { return fmt.Sprintf("%s-%02d", outletStems[i%len(outletStems)], i) }

// Check says what is wrong with opt's dates and shift, for a caller that
// wants to know before it opens its output; Corpus checks them too.
func (opt Options) Check() error {
	if opt.Outlets <= 0 {
		opt.Outlets = 40
	}
	dated := !opt.From.IsZero() || !opt.To.IsZero()
	switch {
	case dated && (opt.From.IsZero() || opt.To.IsZero()):
		return errors.New("give both the first and the last day of the articles")
	case dated && opt.To.Before(opt.From):
		return fmt.Errorf("the last day, %s, is before the first, %s", opt.To.Format(time.DateOnly), opt.From.Format(time.DateOnly))
	case opt.Shift == nil:
		return nil
	case !dated:
		return errors.New("a shift needs the days of the articles (from and to)")
	case !slices.Contains(OutletNames(opt.Outlets), opt.Shift.Outlet):
		return fmt.Errorf("no generated outlet is named %q (they are %s, …)", opt.Shift.Outlet, strings.Join(OutletNames(opt.Outlets)[:min(3, opt.Outlets)], ", "))
	case opt.Shift.At.Before(opt.From) || opt.Shift.At.After(opt.To):
		return fmt.Errorf("the shift's day, %s, is not between %s and %s", opt.Shift.At.Format(time.DateOnly), opt.From.Format(time.DateOnly), opt.To.Format(time.DateOnly))
	case !(opt.Shift.Lean >= -1 && opt.Shift.Lean <= 1):
		return fmt.Errorf("the shift's lean %v is not in [-1, 1]", opt.Shift.Lean)
	}
	return nil
}

// Stats describe what Corpus wrote.
type Stats struct {
	Articles int
	Bytes    int64
	Words    int64
}

// Corpus writes a JSON Lines corpus (id, outlet, title, date, text) using
// the surface forms of lex.
func Corpus(w io.Writer, lex *lexicon.Lexicon, opt Options) (Stats, error) {
	if opt.Outlets <= 0 {
		opt.Outlets = 40
	}
	if opt.TermRate <= 0 {
		opt.TermRate = 1.0 / 60
	}
	if err := opt.Check(); err != nil {
		return Stats{}, err
	}
	g := newGenerator(lex, opt)
	bw := bufio.NewWriterSize(w, 1<<20)
	var st Stats
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for st.Bytes < opt.Bytes {
		a := g.article(st.Articles)
		st.Words += int64(a.words)
		if err := enc.Encode(a.record); err != nil {
			return st, err
		}
		st.Articles++
		st.Bytes += int64(len(a.record.Text)) + 120
	}
	return st, bw.Flush()
}

type record struct {
	ID     string `json:"id"`
	Outlet string `json:"outlet"`
	Title  string `json:"title"`
	Date   string `json:"date"`
	Text   string `json:"text"`
}

type generated struct {
	record record
	words  int
}

type generator struct {
	rng     *rand.Rand
	zipf    *rand.Zipf
	opt     Options
	outlets []outlet
	// terms by side: negative, neutral, positive contribution on the first axis.
	terms [3][]string
	// days draws the dates when Options.From is set: its own stream, so
	// that the text of an article does not depend on its date's draw.
	days *rand.Rand
}

type outlet struct {
	name string
	lean float64 // in [-1, 1]
}

func newGenerator(lex *lexicon.Lexicon, opt Options) *generator {
	rng := rand.New(rand.NewPCG(opt.Seed, 0x9e3779b97f4a7c15))
	g := &generator{rng: rng, opt: opt, days: rand.New(rand.NewPCG(opt.Seed, 0x2545f4914f6cdd1d))}
	g.zipf = rand.NewZipf(rng, 1.07, 2, uint64(len(vocabulary)-1))
	for i := 0; i < opt.Outlets; i++ {
		lean := math.Round((rng.Float64()*2-1)*100) / 100
		g.outlets = append(g.outlets, outlet{name: outletName(i), lean: lean})
	}
	axis := ""
	if len(lex.Axes) > 0 {
		axis = lex.Axes[0].ID
	}
	for i, e := range lex.Entries {
		c := e.Valence
		if axis != "" {
			c = lex.Contrib(&lex.Entries[i])[axis]
		}
		side := 1
		switch {
		case c < -0.1:
			side = 0
		case c > 0.1:
			side = 2
		}
		for _, t := range e.Terms {
			g.terms[side] = append(g.terms[side], strings.ReplaceAll(t, "*", "s"))
		}
	}
	return g
}

func (g *generator) word() string { return vocabulary[g.zipf.Uint64()] }

// term picks a lexicon term, leaning the way the outlet leans.
func (g *generator) term(o outlet) string {
	r := g.rng.Float64()
	side := 1
	switch {
	case r < 0.35:
		side = 1
	case r < 0.35+0.65*(1-o.lean)/2:
		side = 0
	default:
		side = 2
	}
	if len(g.terms[side]) == 0 {
		side = 1
	}
	if len(g.terms[side]) == 0 {
		return g.word()
	}
	return g.terms[side][g.rng.IntN(len(g.terms[side]))]
}

func (g *generator) article(n int) generated {
	o := g.outlets[g.rng.IntN(len(g.outlets))]
	var day time.Time
	if !g.opt.From.IsZero() {
		span := int(g.opt.To.Sub(g.opt.From).Hours()/24) + 1
		day = g.opt.From.AddDate(0, 0, g.days.IntN(span))
		if s := g.opt.Shift; s != nil && o.name == s.Outlet && !day.Before(s.At) {
			o.lean = s.Lean
		}
	}
	var b strings.Builder
	words := 0
	target := 250 + g.rng.IntN(900)
	paragraphs := 0
	for words < target {
		if paragraphs > 0 {
			b.WriteString("\n\n")
		}
		paragraphs++
		sentences := 1 + g.rng.IntN(4)
		switch q := g.rng.Float64(); {
		case q < 0.2: // a quotation with attribution
			open, close := "“", "”"
			if g.rng.IntN(4) == 0 {
				open, close = `"`, `"`
			}
			b.WriteString(open)
			words += g.sentences(&b, o, sentences, ",")
			b.WriteString(close)
			fmt.Fprintf(&b, " %s %s.", speakers[g.rng.IntN(len(speakers))], verbs[g.rng.IntN(len(verbs))])
			words += 2
		case q < 0.23: // a quotation running over two paragraphs
			b.WriteString("“")
			words += g.sentences(&b, o, sentences, ".")
			b.WriteString("\n\n“")
			words += g.sentences(&b, o, 1, ",")
			fmt.Fprintf(&b, "” %s %s.", speakers[g.rng.IntN(len(speakers))], verbs[g.rng.IntN(len(verbs))])
			words += 2
		default:
			words += g.sentences(&b, o, sentences, ".")
		}
	}
	title := g.title(o)
	date := day.Format(time.DateOnly)
	if day.IsZero() {
		date = fmt.Sprintf("%d-%02d-%02d", 2012+g.rng.IntN(14), 1+g.rng.IntN(12), 1+g.rng.IntN(28))
	}
	return generated{
		record: record{ID: fmt.Sprintf("gen-%08d", n), Outlet: o.name, Title: title, Date: date, Text: b.String()},
		words:  words,
	}
}

// sentences writes n sentences, the last ending in end, and returns the
// number of words written.
func (g *generator) sentences(b *strings.Builder, o outlet, n int, end string) int {
	words := 0
	for s := 0; s < n; s++ {
		if s > 0 {
			b.WriteByte(' ')
		}
		length := int(math.Max(4, g.rng.NormFloat64()*8+22))
		for i := 0; i < length; i++ {
			var w string
			if g.rng.Float64() < g.opt.TermRate {
				w = g.term(o)
			} else {
				w = g.word()
			}
			if i == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			} else {
				b.WriteByte(' ')
			}
			b.WriteString(w)
			words++
			if i > 2 && i < length-2 && g.rng.IntN(12) == 0 {
				b.WriteByte(',')
			}
		}
		if s == n-1 {
			b.WriteString(end)
		} else {
			b.WriteByte('.')
		}
	}
	return words
}

func (g *generator) title(o outlet) string {
	var parts []string
	for i := 0; i < 6+g.rng.IntN(6); i++ {
		parts = append(parts, g.word())
	}
	parts[0] = strings.ToUpper(parts[0][:1]) + parts[0][1:]
	parts = append(parts, g.term(o))
	return strings.Join(parts, " ")
}

// Lexicon returns a lexicon of about n entries: the entries of base plus
// synthetic two- and three-word terms made of words that do not occur in
// generated text, so that matching cost can be measured against lexicon
// size without changing what matches.
func Lexicon(base *lexicon.Lexicon, n int, seed uint64) string {
	rng := rand.New(rand.NewPCG(seed, 0x51ed270b27e5a1d3))
	var b strings.Builder
	fmt.Fprintf(&b, "# Synthetic benchmark lexicon: %s plus generated entries. Written by compare generate.\n", base.Name)
	fmt.Fprintf(&b, "name: %s-%d\nversion: %s\nlanguage: %s\ndescription: %q\n", base.Name, n, base.Version, base.Language, "Benchmark lexicon")
	b.WriteString("targets:\n")
	for _, t := range base.Targets {
		fmt.Fprintf(&b, "  - {id: %q, label: %q}\n", t.ID, t.Label)
	}
	b.WriteString("axes:\n")
	for _, a := range base.Axes {
		fmt.Fprintf(&b, "  - id: %q\n    weights: {", a.ID)
		for i, t := range base.Targets {
			if w, ok := a.Weights[t.ID]; ok {
				if i > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "%q: %g", t.ID, w)
			}
		}
		b.WriteString("}\n")
	}
	b.WriteString("entries:\n")
	q := func(s string) string { j, _ := json.Marshal(s); return string(j) }
	for _, e := range base.Entries {
		fmt.Fprintf(&b, "  - {id: %s, terms: [", q(e.ID))
		for i, t := range e.Terms {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(q(t))
		}
		fmt.Fprintf(&b, "], target: %s, valence: %g, category: %s", q(e.Target), e.Valence, q(e.Category))
		if e.Label != "" {
			fmt.Fprintf(&b, ", label: %s", q(e.Label))
		}
		b.WriteString("}\n")
	}
	seen := map[string]bool{}
	for i := len(base.Entries); i < n; i++ {
		var t string
		for {
			words := 2 + rng.IntN(2)
			parts := make([]string, words)
			for k := range parts {
				parts[k] = pseudoWord(rng)
			}
			t = strings.Join(parts, " ")
			if !seen[t] {
				seen[t] = true
				break
			}
		}
		target := base.Targets[rng.IntN(len(base.Targets))].ID
		fmt.Fprintf(&b, "  - {id: syn-%d, terms: [%q], target: %q, valence: %g, category: pejorative}\n", i, t, target, -0.5)
	}
	return b.String()
}

// pseudoWord makes a pronounceable word that is not in the vocabulary.
func pseudoWord(rng *rand.Rand) string {
	const cons, vow = "bdfgklmnprstvz", "aeiou"
	var b strings.Builder
	b.WriteString("zq")
	for i := 0; i < 2+rng.IntN(3); i++ {
		b.WriteByte(cons[rng.IntN(len(cons))])
		b.WriteByte(vow[rng.IntN(len(vow))])
	}
	return b.String()
}
