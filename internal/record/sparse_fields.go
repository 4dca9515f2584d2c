package record

import (
	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/credibility"
)

// This file holds the sparse decoder's readers of the record's nested
// fields (targets, stance, matches, spans, credibility counts); sparse.go
// holds the decoder and its readers of JSON values.

func (ld *sparseDecoder) targets(r *Record) error {
	return ld.entries(sizeTargets, func(size int) { r.Targets = make(map[string]TargetScore, size) }, func(id string) error {
		if _, dup := r.Targets[id]; dup {
			return errNotSparse
		}
		var t TargetScore
		err := ld.object(func(name []byte) error {
			switch string(name) {
			case "references":
				return ld.int(&t.References)
			case "author":
				return ld.int(&t.Author)
			case "loaded":
				return ld.int(&t.Loaded)
			case "framing":
				return ld.optFloat(&t.Framing)
			case "quote_framing":
				return ld.optFloat(&t.QuoteFraming)
			}
			return ld.skip()
		})
		r.Targets[id] = t
		return err
	})
}

func (ld *sparseDecoder) stance(r *Record) error {
	return ld.entries(sizeStance, func(size int) { r.Stance = make(map[string]AxisScore, size) }, func(id string) error {
		if _, dup := r.Stance[id]; dup {
			return errNotSparse
		}
		var a AxisScore
		err := ld.object(func(name []byte) error {
			switch string(name) {
			case "score":
				return ld.float(&a.Score)
			case "n":
				return ld.int(&a.N)
			case "quote_score":
				return ld.float(&a.QuoteScore)
			case "quote_n":
				return ld.int(&a.QuoteN)
			case "reported_score":
				return ld.float(&a.ReportedScore)
			case "reported_n":
				return ld.int(&a.ReportedN)
			case "from_reported":
				return ld.bool(&a.FromReported)
			case "distanced_n":
				return ld.int(&a.DistancedN)
			}
			return ld.skip()
		})
		r.Stance[id] = a
		return err
	})
}

func (ld *sparseDecoder) matches(r *Record) error {
	if ld.dec.PeekKind() == '[' {
		r.Matches = []MatchRecord{}
	}
	return ld.members('[', func() error {
		var m MatchRecord
		err := ld.object(func(name []byte) error {
			switch string(name) {
			case "start":
				return ld.int(&m.Start)
			case "end":
				return ld.int(&m.End)
			case "line":
				return ld.int(&m.Line)
			case "col":
				return ld.int(&m.Col)
			case "text":
				return ld.str(&m.Text, true)
			case "entry":
				return ld.str(&m.Entry, true)
			case "target":
				return ld.str(&m.Target, true)
			case "valence":
				return ld.float(&m.Valence)
			case "category":
				return ld.str(&m.Category, true)
			case "voice":
				var v string
				err := ld.str(&v, true)
				m.Voice = Voice(v)
				return err
			case "contrib":
				// Read to tell whether the match is loaded (IsLoaded), and
				// kept when it has no valence: then it is the lean that
				// naming reports of the entry.
				return ld.object(func(name []byte) error {
					var c float64
					err := ld.float(&c)
					if c != 0 {
						m.Loaded = true
						if m.Contrib == nil {
							m.Contrib = map[string]float64{}
						}
						m.Contrib[string(name)] = c
					}
					return err
				})
			}
			return ld.skip() // cue
		})
		m.Loaded = m.Loaded || m.Valence != 0
		if m.Valence != 0 {
			m.Contrib = nil
		}
		r.Matches = append(r.Matches, m)
		return err
	})
}

func (ld *sparseDecoder) spans(dst *[]corpus.Span) error {
	if ld.dec.PeekKind() == '[' {
		*dst = []corpus.Span{}
	}
	return ld.members('[', func() error {
		var s corpus.Span
		err := ld.object(func(name []byte) error {
			switch string(name) {
			case "start":
				return ld.int(&s.Start)
			case "end":
				return ld.int(&s.End)
			case "reason":
				return ld.str(&s.Reason, true)
			}
			return ld.skip()
		})
		*dst = append(*dst, s)
		return err
	})
}

// credibility reads the signals' counts: see Reader.Sparse.
func (ld *sparseDecoder) credibility(r *Record) error {
	if ld.dec.PeekKind() != '{' {
		return ld.object(nil) // null, or errNotSparse
	}
	s := new(credibility.Signals)
	r.Credibility = s
	markers := func(m *credibility.Markers) error {
		return ld.object(func(name []byte) error {
			switch string(name) {
			case "count":
				return ld.int(&m.Count)
			case "author":
				return ld.int(&m.Author)
			}
			return ld.skip()
		})
	}
	return ld.object(func(name []byte) error {
		switch string(name) {
		case "rules":
			return ld.object(func(name []byte) error {
				switch string(name) {
				case "name":
					return ld.str(&s.Rules.Name, true)
				case "version":
					return ld.str(&s.Rules.Version, true)
				case "sha256":
					return ld.str(&s.Rules.SHA256, true)
				}
				return ld.skip()
			})
		case "attributions":
			if ld.dec.PeekKind() == '[' {
				s.Attributions = []credibility.Attribution{}
			}
			return ld.members('[', func() error {
				var a credibility.Attribution
				err := ld.object(func(name []byte) error {
					switch string(name) {
					case "loaded":
						return ld.bool(&a.Loaded)
					case "identified":
						return ld.bool(&a.Identified)
					}
					return ld.skip()
				})
				s.Attributions = append(s.Attributions, a)
				return err
			})
		case "vague_sources":
			if ld.dec.PeekKind() == '[' {
				s.VagueSources = []credibility.Vague{}
			}
			return ld.members('[', func() error {
				var v credibility.Vague
				err := ld.object(func(name []byte) error {
					switch string(name) {
					case "rule":
						return ld.str(&v.Rule, true)
					case "attribution":
						return ld.bool(&v.Attribution)
					}
					return ld.skip()
				})
				s.VagueSources = append(s.VagueSources, v)
				return err
			})
		case "sourcing":
			return ld.object(func(name []byte) error {
				switch string(name) {
				case "claims":
					return ld.int(&s.Sourcing.Claims)
				case "unsourced":
					return ld.int(&s.Sourcing.Unsourced)
				case "unsourced_share":
					return ld.optFloat(&s.Sourcing.UnsourcedShare)
				case "loaded":
					return ld.int(&s.Sourcing.Loaded)
				}
				return ld.skip()
			})
		case "cited":
			if ld.dec.PeekKind() == '[' {
				s.Cited = []credibility.Citation{}
			}
			return ld.members('[', func() error {
				var c credibility.Citation
				err := ld.object(func(name []byte) error {
					switch string(name) {
					case "name":
						return ld.str(&c.Name, true)
					case "kind":
						return ld.str(&c.Kind, true)
					case "side":
						return ld.str(&c.Side, true)
					case "country":
						return ld.str(&c.Country, true)
					case "self":
						return ld.bool(&c.Self)
					case "citations":
						return ld.int(&c.Citations)
					}
					return ld.skip()
				})
				s.Cited = append(s.Cited, c)
				return err
			})
		case "sides":
			return counts(ld, sizeSides, &s.Sides)
		case "quotes":
			return ld.object(func(name []byte) error {
				switch string(name) {
				case "count":
					return ld.int(&s.Quotes.Count)
				case "scare":
					return ld.int(&s.Quotes.Scare)
				case "words":
					return ld.int(&s.Quotes.Words)
				case "share_of_text":
					return ld.float(&s.Quotes.ShareOfText)
				}
				return ld.skip()
			})
		case "hedges":
			return markers(&s.Hedges)
		case "certainty":
			return markers(&s.Certainty)
		case "intensifiers":
			return markers(&s.Intensifiers)
		case "debris":
			return ld.object(func(name []byte) error {
				switch string(name) {
				case "count":
					return ld.int(&s.Debris.Count)
				case "reasons":
					return counts(ld, sizeReasons, &s.Debris.Reasons)
				}
				return ld.skip()
			})
		}
		return ld.skip()
	})
}
