package record

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/credibility"
	"github.com/compare-tool/compare/internal/dates"
)

// Schema names the version of the score record format this package
// writes. Readers reject records of another major version.
// Version 1.1 added date_original and date_source and normalised date to
// ISO 8601 (see Record.Date); 1.2 added text_line; 1.3 the reported voice
// (Reported; AxisScore.ReportedScore, ReportedN, FromReported).
const Schema = "compare.score/v1.3"

// schemaPrefix is the part of Schema before the version number.
const schemaPrefix = "compare.score/v"

// SchemaMajor is the major version of the score record format this
// package writes and reads. Minor versions ("compare.score/v1.2") add
// fields without changing the meaning of old ones, so a reader accepts
// every minor version of its major version.
const SchemaMajor = 1

// CheckSchema returns an error unless schema names a score record format
// this package can read: "compare.score/v1" or a minor version of it
// (v1.1 added ISO dates, v1.2 text_line, v1.3 the reported voice).
func CheckSchema(schema string) error {
	if schema == "" {
		return errors.New(`no "schema" field: not a compare score record (write one with compare score --format jsonl)`)
	}
	v, ok := strings.CutPrefix(schema, schemaPrefix)
	if !ok {
		return fmt.Errorf("schema %q is not a compare score record (want %s)", schema, Schema)
	}
	major, _, _ := strings.Cut(v, ".")
	n, err := strconv.Atoi(major)
	if err != nil {
		return fmt.Errorf("schema %q has no version number (want %s)", schema, Schema)
	}
	if n != SchemaMajor {
		return fmt.Errorf("schema %q is version %d; this compare reads version %d (%s)", schema, n, SchemaMajor, Schema)
	}
	return nil
}

// schemaMinor returns the minor version of a schema CheckSchema accepts:
// 0 for "compare.score/v1", 1 for "compare.score/v1.1".
func schemaMinor(schema string) int {
	_, minor, ok := strings.Cut(strings.TrimPrefix(schema, schemaPrefix), ".")
	if !ok {
		return 0
	}
	n, _ := strconv.Atoi(minor)
	return n
}

// Record is the score of one article. Its JSON form is one line of
// `compare score --format jsonl`.
type Record struct {
	Schema string `json:"schema"`
	ID     string `json:"id"`
	Outlet string `json:"outlet"`
	Group  string `json:"group,omitempty"`
	Title  string `json:"title,omitempty"`
	// Date is the publication date in ISO 8601: "2024-06-04" when only the
	// day is known, "2024-06-04T08:00:00Z" (RFC 3339 in UTC) when the time
	// is; "" when the article has no date that could be read. Records of
	// schema version 1.0 carried the date as written; Reader normalises
	// them. Use Published for the date as a value.
	Date string `json:"date,omitempty"`
	// DateOriginal is the article's date field as written ("Tue, 04 Jun
	// 2024 10:00:00 +0200"), also when it could not be read; "" when the
	// article had none.
	DateOriginal string `json:"date_original,omitempty"`
	// DateSource is "url" when Date was read from the URL because the date
	// field was empty or could not be read; "" when Date is the date
	// field's.
	DateSource string `json:"date_source,omitempty"`
	URL        string `json:"url,omitempty"`
	Source     string `json:"source,omitempty"`
	// TextLine is the line of the source file on which Text begins, when
	// that is not its first line (after a text file's front matter); a
	// match's file line is TextLine + Line − 1. 0: the first line, or a
	// record of a file of many (JSON Lines, CSV), whose text is a field.
	TextLine int               `json:"text_line,omitempty"`
	Meta     map[string]string `json:"meta,omitempty"`
	Lexicon  LexiconRef        `json:"lexicon"`
	// Tokens counts the words outside dropped debris.
	Tokens int `json:"tokens"`
	// Loaded counts loaded matches in any voice; LoadedByVoice splits them.
	Loaded        int            `json:"loaded"`
	LoadedPer1k   float64        `json:"loaded_per_1k"`
	LoadedByVoice map[Voice]int  `json:"loaded_by_voice"`
	Categories    map[string]int `json:"categories"`
	// Targets and Stance are keyed by target and axis id; every target and
	// axis of the lexicon is present.
	Targets map[string]TargetScore `json:"targets"`
	Stance  map[string]AxisScore   `json:"stance"`
	Matches []MatchRecord          `json:"matches"`
	Dropped []corpus.Span          `json:"dropped,omitempty"`
	// Quotes are the direct quotations found in the text, marks included;
	// a term inside one is in quote voice (or distanced, for scare quotes
	// of a few words).
	Quotes []corpus.Span `json:"quotes,omitempty"`
	// Credibility holds the article's sourcing signals (attributions,
	// citations by side, quotes, hedges, intensifiers, debris) when the
	// scorer has credibility rules; see package credibility.
	Credibility *credibility.Signals `json:"credibility,omitempty"`
	// Text is the article text the offsets refer to. `compare score
	// --no-text` leaves it out; reports and distinctive terms need it.
	Text string `json:"text,omitempty"`
}

// SetDate states an article's date in the record: Date from d (its ISO
// 8601 form, "" for the zero Date), DateOriginal the date field's text as
// written, and DateSource "url" when d was read from the URL. It is the
// one place that says how a record carries its date, for the scorer and
// for Reader's normalising of old records.
func (r *Record) SetDate(d dates.Date, original string) {
	r.Date, r.DateOriginal, r.DateSource = d.String(), original, ""
	if !d.IsZero() && d.Source == dates.SourceURL {
		r.DateSource = "url"
	}
}

// Published returns the record's date as a value: the zero Date when it
// has none. Records written by the scorer and read by Reader carry Date
// normalised, which this reads back exactly; a Date that is not a date
// (a record built by hand) is the zero Date.
func (r *Record) Published() dates.Date {
	d, err := dates.Parse(r.Date)
	if err != nil {
		return dates.Date{}
	}
	if r.DateSource == "url" {
		d.Source = dates.SourceURL
	}
	return d
}

// LexiconRef identifies the lexicon a record was scored with.
type LexiconRef struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	SHA256  string `json:"sha256"`
}

// TargetScore sums up how an article names one target.
type TargetScore struct {
	// References counts every match naming the target, in any voice,
	// neutral ones included; Author counts those in the author's voice.
	References int `json:"references"`
	Author     int `json:"author"`
	// Loaded counts author-voice matches with a non-zero valence or lean.
	Loaded int `json:"loaded"`
	// Framing is the mean valence of author-voice references, nil when
	// there are none; QuoteFraming the same for quoted ones.
	Framing      *float64 `json:"framing"`
	QuoteFraming *float64 `json:"quote_framing,omitempty"`
}

// AxisScore is an article's stance on one axis.
type AxisScore struct {
	// Score is the mean author-voice contribution in [-1, 1]; N is how
	// many matches it averages (0: no evidence, Score is 0). An article
	// without author-voice matches on the axis is scored on its reported
	// speech instead, when it has some (FromReported).
	Score float64 `json:"score"`
	N     int     `json:"n"`
	// QuoteScore and QuoteN are the same over quoted speakers' words.
	QuoteScore float64 `json:"quote_score"`
	QuoteN     int     `json:"quote_n"`
	// ReportedScore and ReportedN are the same over reported speech (the
	// reported voice); since v1.3, absent (0) in older records.
	ReportedScore float64 `json:"reported_score"`
	ReportedN     int     `json:"reported_n"`
	// FromReported says that Score and N are those of the reported speech,
	// the article having no author-voice match bearing on the axis (see
	// CountsInStance). Since v1.3.
	FromReported bool `json:"from_reported,omitempty"`
	// DistancedN counts distanced matches that would have counted.
	DistancedN int `json:"distanced_n"`
}

// MatchRecord is one matched term with everything needed to check it.
type MatchRecord struct {
	// Start and End are byte offsets into the article text: text[Start:End]
	// equals Text. Line and Col are 1-based; Col counts characters.
	Start    int     `json:"start"`
	End      int     `json:"end"`
	Line     int     `json:"line"`
	Col      int     `json:"col"`
	Text     string  `json:"text"`
	Entry    string  `json:"entry"`
	Target   string  `json:"target"`
	Valence  float64 `json:"valence"`
	Category string  `json:"category"`
	Voice    Voice   `json:"voice"`
	// Contrib is the match's contribution to each axis it bears on, whatever
	// its voice; only author-voice contributions enter Stance.Score. Each
	// match owns its map.
	Contrib map[string]float64 `json:"contrib,omitempty"`
	// Cue is the distance cue that made the match distanced, if any.
	Cue string `json:"cue,omitempty"`
	// Loaded says whether the match's entry carries a judgement. It is not
	// written: the scorer and the reader set it from Valence and Contrib
	// with IsLoaded, the one rule for it.
	Loaded bool `json:"-"`
}

// FileLine returns the line of the source file a match of r is on: its
// line in the text, counted from TextLine when the text does not start the
// file (after front matter).
func (r *Record) FileLine(m *MatchRecord) int {
	if r.TextLine > 0 {
		return m.Line + r.TextLine - 1
	}
	return m.Line
}

// IsLoaded reports whether a match of valence and axis contributions
// contrib is loaded: a non-zero valence, or a non-zero contribution to
// some axis. It is exactly the lexicon's rule for an entry (a non-zero
// valence or a non-zero lean): a checked lexicon has leans only on its own
// axes, and an entry's contribution to an axis is its lean there when it
// has one, else the axis weight of its target times its valence, which is
// 0 when the valence is. So a record says by itself which of its matches
// are loaded, with or without the lexicon at hand.
func IsLoaded(valence float64, contrib map[string]float64) bool {
	if valence != 0 {
		return true
	}
	for _, c := range contrib {
		if c != 0 {
			return true
		}
	}
	return false
}

// Voice says whose word a matched term is.
type Voice string

const (
	// Author is the outlet's own word: it counts toward the outlet's stance.
	Author Voice = "author"
	// Quote is a quoted speaker's word, inside a direct quotation.
	Quote Voice = "quote"
	// Distanced is a word the author attributes or keeps at arm's length:
	// "so-called", "what it calls", a term in scare quotes.
	Distanced Voice = "distanced"
	// Reported is a speaker's word relayed without quotation marks, in
	// reported (indirect) speech: "Khamenei said [the war against Syria
	// …]", "according to SANA, [terrorists attacked]" (see package
	// credibility, Scanner.Reported). Since v1.3.
	Reported Voice = "reported"
)

// Voices lists the voices in the order outputs give them.
var Voices = []Voice{Author, Quote, Distanced, Reported}

// CountsInStance reports whether a match in voice v counts toward its
// article's stance score (AxisScore.Score and N): the outlet's own words
// do; quoted and distanced ones do not. Reported speech counts only as a
// fallback, on an axis where the article has no match in its own voice
// (AxisScore.FromReported): the outlet chose its words, so it is evidence
// of the outlet's vocabulary, but weaker than its own narration, and an
// outlet that reports both sides should not take the side it reports
// more. The README's Validity section gives the numbers this rule was
// chosen by. Scoring and validation both ask this.
func CountsInStance(v Voice) bool { return v == Author }

// CountsAsFallback reports whether a match in voice v counts toward an
// axis on which the article has no match that CountsInStance: the
// reported voice.
func CountsAsFallback(v Voice) bool { return v == Reported }

// Mark is how outputs tag a term in voice v beside its text: "" for the
// author's own words, "(quoted)", "(distanced)" or "(reported)".
func (v Voice) Mark() string {
	switch v {
	case Quote:
		return "(quoted)"
	case Distanced:
		return "(distanced)"
	case Reported:
		return "(reported)"
	}
	return ""
}

// UnitOf returns the unit a record belongs to when outlets are compared
// by ("outlet" or "group"): its outlet, or its outlet group, with
// "(no outlet)" and "(no group)" for records without one.
func UnitOf(r *Record, by string) string { return Unit(r.Outlet, r.Group, by) }

// Unit returns the unit of an article with this outlet and group, as
// UnitOf does for its record.
func Unit(outlet, group, by string) string {
	if by == "group" {
		if group == "" {
			return "(no group)"
		}
		return group
	}
	if outlet == "" {
		return "(no outlet)"
	}
	return outlet
}
