package record

import (
	"bytes"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/credibility"
)

// This file holds the sparse decoder's readers of the record's nested
// fields (targets, stance, matches, spans, credibility counts); sparse.go
// holds the decoder and its readers of JSON values.

func (ld *sparseDecoder) targets(r *Record) error {
	return ld.entries(sizeTargets, func(size int) { r.Targets = newMap(&ld.spare.targets, size) }, func(id string) error {
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
	return ld.entries(sizeStance, func(size int) { r.Stance = newMap(&ld.spare.stance, size) }, func(id string) error {
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
	return list(ld, sizeMatches, &r.Matches, &ld.spare.matches, func(m *MatchRecord) error {
		ld.contrib = ld.contrib[:0]
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
				// naming reports of the entry. The non-zero ones wait in
				// ld.contrib until the valence is known, so that a match
				// with one (most) costs no map.
				return ld.object(func(name []byte) error {
					var c float64
					err := ld.float(&c)
					if c != 0 {
						m.Loaded = true
						if m.Valence == 0 {
							ld.contrib = append(ld.contrib, axisContrib{ld.intern(name), c})
						}
					}
					return err
				})
			}
			return ld.skip() // cue
		})
		m.Loaded = m.Loaded || m.Valence != 0
		if m.Valence == 0 && len(ld.contrib) > 0 {
			m.Contrib = make(map[string]float64, len(ld.contrib))
			for _, c := range ld.contrib {
				m.Contrib[c.axis] = c.value
			}
		}
		return err
	})
}

// axisContrib is a match's non-zero contribution to an axis, read before
// the match's valence may be.
type axisContrib struct {
	axis  string
	value float64
}

// list reads an array of objects into the spare slice or a new one made
// with room for as many elements as the field (sizeMatches, …) had in the
// record read last (null leaves it nil); read reads one element.
func list[T any](ld *sparseDecoder, field int, dst, spare *[]T, read func(*T) error) error {
	if ld.dec.PeekKind() == '[' {
		*dst = newSlice(spare, ld.sizes[field])
	}
	n := 0
	err := ld.members('[', func() error {
		*dst = append(*dst, *new(T))
		n++
		return read(&(*dst)[n-1])
	})
	ld.sizes[field] = n
	return err
}

func (ld *sparseDecoder) spans(field int, dst, spare *[]corpus.Span) error {
	return list(ld, field, dst, spare, func(s *corpus.Span) error {
		return ld.object(func(name []byte) error {
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
	})
}

// counted reads an array whose elements the sparse record only counts:
// whole, checked to be well-formed JSON, into as many zero values, in the
// spare slice when it has room (null leaves it nil).
func counted[T any](ld *sparseDecoder, dst, spare *[]T) error {
	if ld.dec.PeekKind() != '[' {
		return ld.members('[', nil) // null, or errNotSparse
	}
	raw, err := ld.dec.ReadValue()
	if err != nil {
		return errNotSparse
	}
	n := elements(raw)
	if s := *spare; s != nil && cap(s) >= n {
		*spare = nil
		*dst = s[:n]
		clear(*dst)
	} else {
		*dst = make([]T, n)
	}
	return nil
}

// elements counts the elements of raw, a well-formed JSON array: the
// commas between them, outside strings and nested values.
func elements(raw []byte) int {
	inner := bytes.TrimSpace(raw[1 : len(raw)-1])
	if len(inner) == 0 {
		return 0
	}
	n, depth := 1, 0
	for i := 0; i < len(inner); i++ {
		switch inner[i] {
		case '"':
			for i++; inner[i] != '"'; i++ {
				if inner[i] == '\\' {
					i++ // the escaped byte, which may be a quote
				}
			}
		case '[', '{':
			depth++
		case ']', '}':
			depth--
		case ',':
			if depth == 0 {
				n++
			}
		}
	}
	return n
}

// credibility reads the signals' counts: see Reader.Sparse.
func (ld *sparseDecoder) credibility(r *Record) error {
	if ld.dec.PeekKind() != '{' {
		return ld.object(nil) // null, or errNotSparse
	}
	s := ld.spare.takeSignals()
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
			// Comparing outlets counts them (credibility.Profile).
			return counted(ld, &s.Attributions, &ld.spare.attributions)
		case "vague_sources":
			return list(ld, sizeVague, &s.VagueSources, &ld.spare.vague, func(v *credibility.Vague) error {
				return ld.object(func(name []byte) error {
					switch string(name) {
					case "rule":
						return ld.str(&v.Rule, true)
					case "attribution":
						return ld.bool(&v.Attribution)
					}
					return ld.skip()
				})
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
			return list(ld, sizeCited, &s.Cited, &ld.spare.cited, func(c *credibility.Citation) error {
				return ld.object(func(name []byte) error {
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
			})
		case "sides":
			return counts(ld, sizeSides, &s.Sides, &ld.spare.sides)
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
					return counts(ld, sizeReasons, &s.Debris.Reasons, &ld.spare.reasons)
				}
				return ld.skip()
			})
		}
		return ld.skip()
	})
}
