package credibility

import (
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// Sourcing and citation: which claims have a source, and which media and
// bodies an article cites, in what role. Part of the Scanner's one pass
// (analyze.go).

// sourcing counts claims and the unsourced ones.
func (s *Scanner) sourcing(sig *Signals) {
	so := &sig.Sourcing
	so.UnsourcedSpans = []Reasoned{}
	for _, at := range sig.Attributions {
		so.Claims++
		if at.Loaded {
			so.Loaded++
		}
		if at.Identified {
			continue
		}
		so.Unsourced++
		r := Reasoned{Start: at.Start, End: at.End, Text: at.Text}
		switch {
		case at.Source != nil && at.Source.Kind == KindUnnamed:
			r.Reason = "unnamed source"
			r.Start, r.End = min(at.Start, at.Source.Start), max(at.End, at.Source.End)
			r.Text = s.text[r.Start:r.End]
		case at.Source != nil && at.Source.Kind == KindPronoun:
			r.Reason = "pronoun not resolved"
		case at.Passive:
			r.Reason = "passive without agent"
		default:
			r.Reason = "no source found"
		}
		so.UnsourcedSpans = append(so.UnsourcedSpans, r)
	}
	for _, v := range sig.VagueSources {
		if v.Attribution || v.Rule == unnamedRule {
			continue
		}
		so.Claims++
		so.Unsourced++
		so.UnsourcedSpans = append(so.UnsourcedSpans, Reasoned{Start: v.Start, End: v.End, Text: v.Text, Reason: "vague phrase"})
	}
	sort.SliceStable(so.UnsourcedSpans, func(i, j int) bool { return so.UnsourcedSpans[i].Start < so.UnsourcedSpans[j].Start })
	if so.Claims > 0 {
		share := float64(so.Unsourced) / float64(so.Claims)
		so.UnsourcedShare = &share
	}
}

const unnamedRule = "unnamed source"

// cite lists the registry entities found, with the role of each mention.
func (s *Scanner) cite(sig *Signals, self int) {
	an := s.an
	// Roles: the source phrase of an attribution, the object of "told",
	// a credit line; anything else is a mention.
	extra := map[int][]CitationSpan{}
	for i := range s.attrs {
		at := &s.attrs[i]
		if strings.HasPrefix(at.out.Verb, "told") || strings.HasPrefix(at.out.Verb, "tell") {
			if at.w+1 < len(s.tok) && s.joined(at.w+1) {
				if k := s.tok[at.w+1].reg; k > 0 && s.regs[k-1].first == at.w+1 {
					s.regs[k-1].role = RoleVia
				}
			}
		}
		f := at.src
		if f == nil {
			continue
		}
		e := s.entityOf(f)
		if e < 0 {
			continue
		}
		marked := false
		if !f.resolvedFrom {
			if f.affil >= 0 {
				s.regs[f.affil].role = RoleSource
				marked = true
			}
			for r := f.a; r <= f.b && f.entity >= 0; r++ {
				if k := s.tok[r].reg; k > 0 && s.regs[k-1].entity == e {
					s.regs[k-1].role = RoleSource
					marked = true
				}
			}
		}
		if !marked && f.resolvedFrom {
			extra[e] = append(extra[e], CitationSpan{Start: f.viaA, End: f.viaB, Text: s.text[f.viaA:f.viaB], Role: RoleSource})
		}
	}
	byEntity := map[int]*Citation{}
	var order []int
	add := func(e int, cs CitationSpan) {
		c, ok := byEntity[e]
		if !ok {
			ent := &an.Rules.Registry[e]
			c = &Citation{Name: ent.Name, Kind: ent.Kind, Side: ent.Side, Country: ent.Country, Self: e == self}
			byEntity[e] = c
			order = append(order, e)
		}
		c.Spans = append(c.Spans, cs)
		if cs.Role != RoleMention {
			c.Citations++
			if !c.Self {
				sig.Sides[c.Side]++
			}
		}
	}
	for i := range s.regs {
		r := &s.regs[i]
		role := r.role
		if role == "" {
			role = s.creditRole(r.start, r.end)
		}
		add(r.entity, CitationSpan{Start: r.start, End: r.end, Text: s.text[r.start:r.end], Role: role})
	}
	for _, e := range slices.Sorted(maps.Keys(extra)) {
		for _, cs := range extra[e] {
			add(e, cs)
		}
	}
	for _, e := range order {
		c := byEntity[e]
		sort.SliceStable(c.Spans, func(i, j int) bool { return c.Spans[i].Start < c.Spans[j].Start })
		sig.Cited = append(sig.Cited, *c)
	}
	sort.SliceStable(sig.Cited, func(i, j int) bool { return sig.Cited[i].Spans[0].Start < sig.Cited[j].Spans[0].Start })
}

// creditLookback bounds the search for a credit prefix before a name: the
// prefixes are single short words ("Source", "courtesy of").
const creditLookback = 64

// creditRole returns RoleCredit for a credit line ("Source: ARA News",
// "Via Reuters") or a tag in brackets ("(AFP)"), else RoleMention.
//
// Both look only near the name, never along the whole line, so that an
// article written on one long line costs linear time: a credit prefix is
// sought in the creditLookback bytes before the name.
func (s *Scanner) creditRole(start, end int) string {
	from := max(0, start-creditLookback)
	if nl := strings.LastIndexByte(s.text[from:start], '\n'); nl >= 0 || from == 0 {
		lineStart := from + nl + 1
		prefix := strings.ToLower(strings.TrimRight(strings.TrimSpace(s.text[lineStart:start]), " :-–—"))
		prefix = strings.TrimSuffix(prefix, " of")
		if creditPrefixes[prefix] {
			return RoleCredit
		}
	}
	// A tag in brackets is a credit when it ends its line or a dash
	// follows it ("TEHRAN (Reuters) -"); "Revolutionary Guards (IRGC) in
	// Syria" only spells out a name.
	before := strings.TrimRight(s.text[:start], " ")
	after := strings.TrimLeft(s.text[end:], " ")
	if strings.HasSuffix(before, "(") && strings.HasPrefix(after, ")") {
		rest := strings.TrimLeftFunc(after[1:], func(r rune) bool { return r != '\n' && unicode.IsSpace(r) })
		if rest == "" || rest[0] == '\n' || strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "–") || strings.HasPrefix(rest, "—") || strings.HasPrefix(rest, ":") {
			return RoleCredit
		}
	}
	return RoleMention
}
