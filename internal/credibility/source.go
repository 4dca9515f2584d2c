package credibility

import (
	"slices"
	"sort"
	"strings"
)

// maxPhrase is the most words a source phrase may have.
const maxPhrase = 16

// resolveSentences is how many sentences back a pronoun or an anaphor may
// find its antecedent.
const resolveSentences = 2

// scanVerbs finds the attributions and their sources, in text order, so
// that each can be an antecedent for the pronouns after it.
func (s *Scanner) scanVerbs(sig *Signals) {
	an := s.an
	s.attrs = s.attrs[:0]
	s.cands = s.cands[:0]
	for _, m := range s.matches[listVerbs] {
		if m.Kind != kindTerm {
			continue
		}
		info := an.verbInfo[m.Entry]
		v, w := m.FirstToken, m.LastToken
		if s.inQuote(v) || (info.lower && s.midCap(v)) {
			continue
		}
		g := &an.Rules.Attribution[info.group]
		if !g.SourceAfter && v > 0 && s.joined(v) && (s.is(nounMarkers, v-1) || s.has(v-1, fPossessive)) {
			continue // "the alleged attack", "Iran's claims", "declined to say"
		}
		at := attr{v: v, w: w, out: Attribution{
			Start: m.Start, End: m.End, Text: s.text[m.Start:m.End], Verb: info.text, Loaded: g.Loaded,
		}}
		var f *found
		if g.SourceAfter {
			f = s.classify(s.rightPhrase(w+1), false)
		} else {
			f = s.subjectOf(v, w, info.text, &at.out)
		}
		f = s.resolve(f, v)
		at.src = f
		lo, hi := v, w
		if f != nil && !f.resolvedFrom {
			lo, hi = min(lo, f.a), max(hi, f.b)
		}
		for i := lo; i <= hi; i++ {
			s.tok[i].flags |= fAttr
		}
		if f != nil {
			at.out.Source = s.toSource(f)
			switch f.kind {
			case KindRegistry, KindNamed, KindDescription:
				at.out.Identified = true
				s.cands = append(s.cands, candidate{pos: v, sent: int(s.tok[v].sent), f: f})
			}
		}
		s.attrs = append(s.attrs, at)
		sig.Attributions = append(sig.Attributions, at.out)
		if f != nil && f.kind == KindUnnamed {
			src := at.out.Source
			start, end := min(src.Start, at.out.Start), max(src.End, at.out.End)
			sig.VagueSources = append(sig.VagueSources, Vague{Start: start, End: end, Text: s.text[start:end], Rule: unnamedRule, Attribution: true})
		}
	}
}

// subjectOf finds the source of a verb whose source is its subject.
func (s *Scanner) subjectOf(v, w int, verb string, out *Attribution) *found {
	n := len(s.tok)
	k := v - 1
	for k >= 0 && s.joined(k+1) && s.is(skipWords, k) {
		k--
	}
	joined := k >= 0 && s.joined(k+1)
	if joined && s.is(beWords, k) && strings.HasPrefix(verb, "quoted as") {
		// "Velayati was quoted as saying": passive in form, but its
		// subject is the speaker.
		for k >= 0 && s.joined(k+1) && (s.is(beWords, k) || s.is(skipWords, k)) {
			k--
		}
		joined = k >= 0 && s.joined(k+1)
	}
	if joined && s.is(beWords, k) {
		// "it was reported", "is said to": an agent, if any, follows "by".
		out.Passive = true
		if w+2 < n && s.joined(w+1) && string(s.word(w+1)) == "by" {
			return s.classify(s.rightPhrase(w+2), false)
		}
		return nil
	}
	if joined && !s.inQuote(k) {
		switch {
		case s.is(conjunctions, k):
			return s.elided(v) // "… and said"
		case s.is(relatives, k):
			// "Hezbollah, which said": the noun before the relative.
			if k > 0 && !s.inQuote(k-1) && s.sameSent(k-1, k) && (s.joined(k) || onlyComma(s.gap(k))) && !s.is(boundaryWords, k-1) {
				return s.classify(s.leftPhrase(k-1), true)
			}
			return nil
		case !s.is(boundaryWords, k):
			lp := s.leftPhrase(k)
			a := lp.a
			if f := s.classify(lp, true); f != nil {
				return f
			}
			// An adverbial before the verb ("…, for his part, stressed"):
			// look past it when a comma opens it.
			if a > 0 && onlyComma(s.gap(a)) && s.sameSent(a-1, a) && !s.inQuote(a-1) && s.is(leadingPreps, a) {
				if f := s.classify(s.leftPhrase(a-1), true); f != nil {
					return f
				}
			}
			return s.elided(v)
		}
		return nil
	}
	if k < 0 || !s.sameSent(k, v) {
		return s.inverted(w, verb)
	}
	g := s.gap(k + 1)
	switch {
	case hasQuoteMark(g) || s.inQuote(k):
		return s.inverted(w, verb) // “…,” said the minister
	case strings.TrimSpace(g) == ")":
		// "fighters (who were captured by the rebels) saying": the
		// phrase before the brackets.
		for j := k; j > 0 && k-j < maxPhrase && s.sameSent(j-1, k); j-- {
			if strings.Contains(s.gap(j), "(") {
				if !s.inQuote(j-1) && !s.is(boundaryWords, j-1) && cleanGap(strings.TrimSpace(strings.Replace(s.gap(j), "(", "", 1)), false) {
					return s.classify(s.leftPhrase(j-1), true)
				}
				break
			}
		}
		return nil
	case onlyComma(g):
		if f := s.apposition(k); f != nil {
			return f
		}
		if f := s.inverted(w, verb); f != nil {
			return f
		}
		return s.elided(v) // "…, adding that"
	}
	return nil
}

// inverted finds a source after a say-verb: "…,” said Alawi".
func (s *Scanner) inverted(w int, verb string) *found {
	if strings.HasPrefix(verb, "told") || strings.HasPrefix(verb, "tell") {
		return nil // the object of "told" is who was told
	}
	f := s.classify(s.rightPhrase(w+1), false)
	if f == nil {
		return nil
	}
	if f.kind == KindDescription && !s.is(determiners, f.a) {
		return nil // "said Tuesday", "said earlier"
	}
	return f
}

// apposition handles a comma right before the verb: "Maryam Rajavi, the
// president of the NCRI, said" and "Syrian activist, Abed al-Fawal, told".
// k is the last word before the comma.
func (s *Scanner) apposition(k int) *found {
	if s.is(boundaryWords, k) || s.inQuote(k) {
		return nil
	}
	pa := s.leftPhrase(k)
	aA := pa.a
	// Only ", A," is an apposition: in "… on Iran and Syria, saying"
	// Syria is not the subject.
	if aA == 0 || !onlyComma(s.gap(aA)) || !s.sameSent(aA-1, aA) || s.inQuote(aA-1) || s.is(boundaryWords, aA-1) {
		return nil
	}
	fb := s.classify(s.leftPhrase(aA-1), true)
	// A parenthetical ("in a statement", "speaking to reporters") leaves
	// the subject before it.
	if s.is(leadingPreps, aA) || strings.HasSuffix(string(s.word(aA)), "ing") {
		return fb
	}
	fa := s.classify(pa, true)
	switch {
	case fb != nil && (fb.kind == KindNamed || fb.kind == KindRegistry):
		return fb
	case fa != nil && (fa.kind == KindNamed || fa.kind == KindRegistry):
		return fa
	case fb != nil && fb.kind == KindUnnamed:
		return fb
	case fa != nil && fa.kind == KindUnnamed:
		return fa
	}
	return nil
}

// elided resolves the missing subject of a verb: the source of an earlier
// attribution in the same sentence, else the sentence's subject.
func (s *Scanner) elided(v int) *found {
	sent := int(s.tok[v].sent)
	for i := len(s.cands) - 1; i >= 0; i-- {
		c := s.cands[i]
		if c.sent != sent {
			break
		}
		if c.pos < v {
			return s.via(c.f, "subject", v, v)
		}
	}
	i := sort.Search(len(s.subject), func(i int) bool { return s.subject[i].sent >= sent })
	if i < len(s.subject) {
		sub := s.subject[i]
		if sub.sent == sent && sub.pos < v {
			if sub.f.kind == KindPronoun {
				return s.resolve(sub.f, sub.pos)
			}
			return s.via(sub.f, "subject", v, v)
		}
	}
	return nil
}

// resolve replaces a pronoun with its antecedent, and an anaphor ("the
// agency") with the registry entity last cited, when they can be found.
func (s *Scanner) resolve(f *found, pos int) *found {
	if f == nil {
		return nil
	}
	switch {
	case f.kind == KindPronoun:
		want := ""
		switch f.pronoun {
		case "he", "she":
			want = "person"
		case "it":
			want = "org"
		default:
			return f // they, we, I, you: no antecedent we could trust
		}
		if c := s.antecedent(pos, func(c *found) bool {
			if want == "person" {
				return c.person
			}
			return c.org || c.entity >= 0
		}); c != nil {
			return s.via(c, "pronoun", f.a, f.b)
		}
	case f.kind == KindDescription && f.anaphor:
		if c := s.antecedent(pos, func(c *found) bool { return c.entity >= 0 }); c != nil {
			return s.via(c, "anaphor", f.a, f.b)
		}
	}
	return f
}

// antecedent returns the latest speaker before token pos, within
// resolveSentences sentences, that ok accepts.
func (s *Scanner) antecedent(pos int, ok func(*found) bool) *found {
	sent := int(s.tok[pos].sent)
	best, bestPos := (*found)(nil), -1
	// Both lists are in text order: walk each back from pos until the
	// window of sentences is left.
	latest := func(list []candidate, skipPronouns bool) {
		i := sort.Search(len(list), func(i int) bool { return list[i].pos >= pos })
		for i--; i >= 0 && list[i].sent >= sent-resolveSentences && list[i].pos > bestPos; i-- {
			c := list[i]
			if (!skipPronouns || c.f.kind != KindPronoun) && ok(c.f) {
				best, bestPos = c.f, c.pos
				return
			}
		}
	}
	latest(s.cands, false)
	latest(s.subject, true)
	return best
}

// via returns a copy of the antecedent f marked as reached from tokens
// [a, b].
func (s *Scanner) via(f *found, how string, a, b int) *found {
	c := *f
	c.resolved = how
	c.resolvedFrom = true
	c.viaA, c.viaB = s.ts.List[a].Start, s.ts.List[b].End
	return &c
}

// leftPhrase returns the phrase that ends at token k and reaches back to
// the nearest punctuation, boundary word or quotation.
func (s *Scanner) leftPhrase(k int) sourceSpan {
	a := k
	for a > 0 && k-a+1 < maxPhrase && s.joined(a) && !s.inQuote(a-1) && !s.is(boundaryWords, a-1) {
		a--
	}
	return sourceSpan{a, k}
}

// rightPhrase returns the phrase that starts at token i, or (-1, -1).
func (s *Scanner) rightPhrase(i int) sourceSpan {
	if i >= len(s.tok) || !s.joined(i) || s.inQuote(i) || s.is(boundaryWords, i) {
		return sourceSpan{-1, -1}
	}
	b := i
	for b+1 < len(s.tok) && b-i+1 < maxPhrase && s.joined(b+1) && !s.inQuote(b+1) && !s.is(boundaryWords, b+1) {
		b++
	}
	return sourceSpan{i, b}
}

// sourceSpan is the run of tokens [a, b] of a source phrase; a is -1 for none.
type sourceSpan struct{ a, b int }

// classify decides what a source phrase is. left phrases may open with an
// adverbial ("In an interview the minister"), which is cut off.
func (s *Scanner) classify(p sourceSpan, left bool) *found {
	a, b := p.a, p.b
	if a < 0 || b < a {
		return nil
	}
	if left && s.is(leadingPreps, a) {
		na := -1
		for i := b; i > a; i-- {
			if s.is(articles, i) {
				na = i
				break
			}
		}
		if na < 0 && s.nameWord(b) {
			i := b
			for i > a+1 && s.nameWord(i-1) && s.joined(i) {
				i--
			}
			na = i
		}
		if na < 0 {
			return nil
		}
		a = na
	}
	head := s.head(a, b)
	f := &found{a: a, b: b, entity: -1, affil: -1}
	switch {
	case s.is(pronouns, head):
		f.kind, f.pronoun, f.a, f.b = KindPronoun, string(s.word(head)), head, head
	case s.tok[head].reg > 0:
		r := s.regs[s.tok[head].reg-1]
		f.kind, f.entity, f.a, f.b, f.org = KindRegistry, r.entity, r.first, r.last, true
	case s.has(head, fUnnamed):
		f.kind, f.affil = KindUnnamed, s.firstEntity(a, b)
	case s.nameWord(head):
		f.kind = KindNamed
		f.a, f.b = s.nameRun(head, a, b)
		f.org = s.anyOf(orgWords, f.a, f.b)
		f.person = !f.org
		if f.a > a {
			// "IRGC spokesman Ramezan Sharif": the organisation he speaks for.
			f.affil = s.firstEntity(a, f.a-1)
		}
	default:
		if r := s.firstEntity(a, b); r >= 0 {
			m := s.regs[r]
			f.kind, f.entity, f.a, f.b, f.org = KindRegistry, m.entity, m.first, m.last, true
			return f
		}
		if s.is(docNouns, head) {
			for i := head + 1; i <= b; i++ {
				if s.nameWord(i) {
					f.kind = KindNamed
					f.a, f.b = s.nameRun(i, i, b)
					f.org = s.anyOf(orgWords, f.a, f.b)
					f.person = !f.org
					return f
				}
			}
		}
		f.kind = KindDescription
		f.org = s.is(orgWords, head) || s.is(docNouns, head)
		f.person = !f.org
		f.anaphor = s.is(anaphorNouns, head)
	}
	return f
}

// entityOf returns the registry entity a source is or speaks for, or -1.
func (s *Scanner) entityOf(f *found) int {
	switch {
	case f.entity >= 0:
		return f.entity
	case f.affil >= 0:
		return s.regs[f.affil].entity
	}
	return -1
}

// head returns the head word of a phrase: the word before the first
// preposition that follows its first word, else its last word.
func (s *Scanner) head(a, b int) int {
	for i := a + 1; i <= b; i++ {
		if s.is(headStops, i) {
			return i - 1
		}
	}
	return b
}

// nameWord reports whether token i can be part of a name: capitalised,
// and not a weekday, month or "Today".
func (s *Scanner) nameWord(i int) bool {
	return s.has(i, fCap) && !s.is(timeWords, i)
}

// nameRun returns the capitalised run around token h within [a, b],
// joined by connectors ("Syrian Observatory for Human Rights"), without a
// leading article.
func (s *Scanner) nameRun(h, a, b int) (int, int) {
	l := h
	for l > a && s.joined(l) && (s.nameWord(l-1) || s.is(connectors, l-1)) {
		l--
	}
	for l < h && (!s.nameWord(l) || s.is(articles, l)) {
		l++
	}
	r := h
	for r < b && s.joined(r+1) && (s.nameWord(r+1) || s.is(connectors, r+1)) {
		r++
	}
	for r > h && !s.nameWord(r) {
		r--
	}
	return l, r
}

// firstEntity returns the index into regs of the first registry match
// inside tokens [a, b], or -1.
func (s *Scanner) firstEntity(a, b int) int {
	for i := a; i <= b; i++ {
		if k := s.tok[i].reg; k > 0 && s.regs[k-1].first >= a && s.regs[k-1].last <= b {
			return int(k - 1)
		}
	}
	return -1
}

func (s *Scanner) anyOf(c wordClass, a, b int) bool {
	for i := a; i <= b; i++ {
		if s.is(c, i) {
			return true
		}
	}
	return false
}

// findSubjects records each sentence's subject when it is a pronoun or a
// name of two or more words followed by a lower-case word ("Dr. Zahedi
// touched upon …"): the antecedents pronouns and elided subjects refer to.
// Only the sentences an attribution verb could look back to are read: a
// verb's own and the resolveSentences before it (elided, antecedent); the
// subjects of the others would never be asked for.
func (s *Scanner) findSubjects() {
	s.subject = s.subject[:0]
	s.wanted = slices.Grow(s.wanted[:0], len(s.sents))[:len(s.sents)]
	clear(s.wanted)
	for _, m := range s.matches[listVerbs] {
		if m.Kind == kindTerm {
			if k := int(s.tok[m.FirstToken].sent); k >= 0 {
				for j := max(k-resolveSentences, 0); j <= k; j++ {
					s.wanted[j] = true
				}
			}
		}
	}
	n := len(s.tok)
	for si, f := range s.sents {
		if !s.wanted[si] || s.inQuote(f) {
			continue
		}
		if s.is(pronouns, f) {
			s.subject = append(s.subject, candidate{pos: f, sent: si, f: &found{kind: KindPronoun, pronoun: string(s.word(f)), a: f, b: f, entity: -1, affil: -1}})
			continue
		}
		start := f
		if s.is(articles, start) && start+1 < n && s.joined(start+1) {
			start++
		}
		if !s.nameWord(start) {
			continue
		}
		r := start
		for r+1 < n && s.joined(r+1) && (s.nameWord(r+1) || s.is(connectors, r+1)) {
			r++
		}
		for r > start && !s.nameWord(r) {
			r--
		}
		// The name must be followed by a lower-case word (its verb) or,
		// for a name of two or more words, by a comma opening an
		// apposition ("Mr. Saleh Hamid, an official of …, referred").
		next := r + 1
		if next >= n || s.has(r, fPossessive) || s.anyOf(timeWords, start, r) || s.is(leadingPreps, start) || s.is(boundaryWords, start) {
			continue
		}
		if !(s.joined(next) && s.has(next, fLower)) && !(r > start && onlyComma(s.gap(next))) {
			continue
		}
		fd := &found{kind: KindNamed, a: start, b: r, entity: -1, affil: -1}
		if k := s.tok[start].reg; k > 0 && s.regs[k-1].last == r {
			fd.kind, fd.entity, fd.org = KindRegistry, s.regs[k-1].entity, true
		} else if r == start {
			continue // one word: a place as often as a person
		} else {
			fd.org = s.anyOf(orgWords, start, r)
			fd.person = !fd.org
		}
		s.subject = append(s.subject, candidate{pos: start, sent: si, f: fd})
	}
}

// toSource turns a classified phrase into its output form.
func (s *Scanner) toSource(f *found) *Source {
	start, end := s.ts.List[f.a].Start, s.ts.List[f.b].End
	src := &Source{Start: start, End: end, Text: s.text[start:end], Kind: f.kind, Resolved: f.resolved}
	src.Named = f.kind == KindRegistry || f.kind == KindNamed
	if e := s.entityOf(f); e >= 0 {
		ent := &s.an.Rules.Registry[e]
		src.Registry, src.Side = ent.Name, ent.Side
	}
	if f.resolvedFrom {
		src.Via = &Span{Start: f.viaA, End: f.viaB, Text: s.text[f.viaA:f.viaB]}
	}
	return src
}

func hasQuoteMark(g string) bool { return strings.ContainsAny(g, "\"“”«»„") }

// onlyComma reports whether a gap is a comma with spaces around it.
func onlyComma(g string) bool { return strings.TrimSpace(g) == "," }
