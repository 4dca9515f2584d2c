package record

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/go-json-experiment/json"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/credibility"
)

// Parquet: two tables, each a file. The articles table has one row per
// record with typed columns; the matches table one row per match, with the
// row number of its article. A record read back from the pair equals the
// record written, but for its credibility signals' spans when they were
// not written (ParquetOptions) and for fields a minor version added after
// this writer.
//
// Map-valued fields (stance, targets, categories, meta, sides, a match's
// contributions) are lists of structs sorted by key, not Parquet maps: Go
// maps have no order, and the files must be the same byte for byte for the
// same input.

// ParquetMatchesPath returns the name of the matches table written beside
// the articles table at path: its ".parquet" extension replaced with
// ".matches.parquet" (appended when it has none).
func ParquetMatchesPath(path string) string {
	return strings.TrimSuffix(path, ".parquet") + ".matches.parquet"
}

// IsParquet reports whether a file beginning with head is a Parquet file
// (it starts with the magic bytes "PAR1").
func IsParquet(head []byte) bool { return string(head[:min(len(head), 4)]) == "PAR1" }

// ParquetArticle is one row of the articles table.
type ParquetArticle struct {
	Schema string `parquet:"schema,dict"`
	ID     string `parquet:"id"`
	Outlet string `parquet:"outlet,dict"`
	Group  string `parquet:"group,optional,dict"`
	Title  string `parquet:"title,optional"`
	// Date is the record's date in ISO 8601 (a day, or an instant in
	// UTC), DateOriginal and DateSource as in the record.
	Date         string `parquet:"date,optional"`
	DateOriginal string `parquet:"date_original,optional"`
	DateSource   string `parquet:"date_source,optional,dict"`
	URL          string `parquet:"url,optional"`
	Source       string `parquet:"source,optional"`
	TextLine     int    `parquet:"text_line,optional"`
	Meta         []KV   `parquet:"meta,list"`

	LexiconName    string `parquet:"lexicon_name,dict"`
	LexiconVersion string `parquet:"lexicon_version,dict"`
	LexiconSHA256  string `parquet:"lexicon_sha256,dict"`

	Tokens          int     `parquet:"tokens"`
	Loaded          int     `parquet:"loaded"`
	LoadedPer1k     float64 `parquet:"loaded_per_1k"`
	LoadedAuthor    int     `parquet:"loaded_author"`
	LoadedQuote     int     `parquet:"loaded_quote"`
	LoadedDistanced int     `parquet:"loaded_distanced"`
	LoadedReported  int     `parquet:"loaded_reported"`

	Categories []CategoryCount `parquet:"categories,list"`
	Targets    []ParquetTarget `parquet:"targets,list"`
	Stance     []ParquetAxis   `parquet:"stance,list"`
	// Matches is how many rows of the matches table are this article's.
	Matches int            `parquet:"matches"`
	Quotes  []ParquetQuote `parquet:"quotes,list"`
	Dropped []ParquetSpan  `parquet:"dropped,list"`
	// Credibility holds the signals' counts (null when the record has no
	// signals), CredibilitySides the citations per side, and
	// CredibilitySignals the signals whole, as the JSON of the score
	// record, so that they read back with their spans.
	Credibility        *CredibilityCounts `parquet:"credibility,optional"`
	CredibilitySides   []SideCount        `parquet:"credibility_sides,list"`
	CredibilitySignals string             `parquet:"credibility_signals,optional,json"`
	Text               string             `parquet:"text,optional"`
}

// KV is a key and a value of the meta list.
type KV struct {
	Key   string `parquet:"key"`
	Value string `parquet:"value"`
}

// CategoryCount is a category and its matches.
type CategoryCount struct {
	Category string `parquet:"category"`
	Count    int    `parquet:"count"`
}

// SideCount is a side and its citations.
type SideCount struct {
	Side      string `parquet:"side"`
	Citations int    `parquet:"citations"`
}

// ParquetTarget is TargetScore with its target id.
type ParquetTarget struct {
	Target       string   `parquet:"target"`
	References   int      `parquet:"references"`
	Author       int      `parquet:"author"`
	Loaded       int      `parquet:"loaded"`
	Framing      *float64 `parquet:"framing,optional"`
	QuoteFraming *float64 `parquet:"quote_framing,optional"`
}

// ParquetAxis is AxisScore with its axis id.
type ParquetAxis struct {
	Axis       string  `parquet:"axis"`
	Score      float64 `parquet:"score"`
	N          int     `parquet:"n"`
	QuoteScore float64 `parquet:"quote_score"`
	QuoteN     int     `parquet:"quote_n"`
	// ReportedScore, ReportedN and FromReported are the reported voice's
	// (score records v1.3).
	ReportedScore float64 `parquet:"reported_score"`
	ReportedN     int     `parquet:"reported_n"`
	FromReported  bool    `parquet:"from_reported"`
	DistancedN    int     `parquet:"distanced_n"`
}

// ParquetQuote is a direct quotation, marks included.
type ParquetQuote struct {
	Start int `parquet:"start"`
	End   int `parquet:"end"`
}

// ParquetSpan is a dropped span with its reason.
type ParquetSpan struct {
	Start  int    `parquet:"start"`
	End    int    `parquet:"end"`
	Reason string `parquet:"reason"`
}

// ParquetMatch is one row of the matches table.
type ParquetMatch struct {
	// Article is the row number of the match's article in the articles
	// table, from 0; ID is its id.
	Article  int           `parquet:"article"`
	ID       string        `parquet:"id"`
	Start    int           `parquet:"start"`
	End      int           `parquet:"end"`
	Line     int           `parquet:"line"`
	Col      int           `parquet:"col"`
	FileLine int           `parquet:"file_line"`
	Text     string        `parquet:"text"`
	Entry    string        `parquet:"entry,dict"`
	Target   string        `parquet:"target,dict"`
	Valence  float64       `parquet:"valence"`
	Category string        `parquet:"category,dict"`
	Voice    string        `parquet:"voice,dict"`
	Loaded   bool          `parquet:"loaded"`
	Contrib  []AxisContrib `parquet:"contrib,list"`
	Cue      string        `parquet:"cue,optional,dict"`
}

// AxisContrib is a match's contribution to one axis.
type AxisContrib struct {
	Axis  string  `parquet:"axis"`
	Value float64 `parquet:"value"`
}

// parquetRowsPerGroup bounds the rows of a row group: a group is held in
// memory until it is written, and articles carry their text.
const (
	parquetArticlesPerGroup = 8192
	parquetMatchesPerGroup  = 131072
)

func parquetOptions(rows int64) []parquet.WriterOption {
	return []parquet.WriterOption{
		parquet.Compression(&zstd.Codec{Level: zstd.SpeedDefault}),
		parquet.MaxRowsPerRowGroup(rows),
		parquet.CreatedBy("github.com/compare-tool/compare", "", ""),
	}
}

// parquetWriter writes records as the two tables.
type parquetWriter struct {
	articles *parquet.GenericWriter[ParquetArticle]
	matches  *parquet.GenericWriter[ParquetMatch]
	n        int // articles written
	arts     []ParquetArticle
	ms       []ParquetMatch
}

// NewParquetWriter returns a RecordWriter of the two Parquet tables: the
// articles table to articles, the matches table to matches.
func NewParquetWriter(articles, matches io.Writer) RecordWriter {
	return &parquetWriter{
		articles: parquet.NewGenericWriter[ParquetArticle](articles, parquetOptions(parquetArticlesPerGroup)...),
		matches:  parquet.NewGenericWriter[ParquetMatch](matches, parquetOptions(parquetMatchesPerGroup)...),
	}
}

// parquetBatch is how many rows are handed to the library at once.
const parquetBatch = 256

func (w *parquetWriter) Write(r *Record) error {
	a, err := toParquet(r)
	if err != nil {
		return err
	}
	for i := range r.Matches {
		w.ms = append(w.ms, parquetMatch(r, w.n, &r.Matches[i]))
	}
	w.arts = append(w.arts, a)
	w.n++
	if len(w.arts) >= parquetBatch {
		return w.flush()
	}
	return nil
}

func (w *parquetWriter) flush() error {
	if _, err := w.articles.Write(w.arts); err != nil {
		return err
	}
	if _, err := w.matches.Write(w.ms); err != nil {
		return err
	}
	clear(w.arts)
	clear(w.ms)
	w.arts, w.ms = w.arts[:0], w.ms[:0]
	return nil
}

func (w *parquetWriter) Close() error {
	if err := w.flush(); err != nil {
		return err
	}
	if err := w.articles.Close(); err != nil {
		return err
	}
	return w.matches.Close()
}

// toParquet turns a record into its row of the articles table.
func toParquet(r *Record) (ParquetArticle, error) {
	a := ParquetArticle{
		Schema: r.Schema, ID: r.ID, Outlet: r.Outlet, Group: r.Group, Title: r.Title,
		Date: r.Date, DateOriginal: r.DateOriginal, DateSource: r.DateSource, URL: r.URL,
		Source: r.Source, TextLine: r.TextLine,
		LexiconName: r.Lexicon.Name, LexiconVersion: r.Lexicon.Version, LexiconSHA256: r.Lexicon.SHA256,
		Tokens: r.Tokens, Loaded: r.Loaded, LoadedPer1k: r.LoadedPer1k,
		LoadedAuthor: r.LoadedByVoice[Author], LoadedQuote: r.LoadedByVoice[Quote], LoadedDistanced: r.LoadedByVoice[Distanced],
		LoadedReported: r.LoadedByVoice[Reported],
		Matches:        len(r.Matches), Text: r.Text,
		Credibility: CountCredibility(r.Credibility),
	}
	for _, k := range slices.Sorted(maps.Keys(r.Meta)) {
		a.Meta = append(a.Meta, KV{k, r.Meta[k]})
	}
	for _, k := range slices.Sorted(maps.Keys(r.Categories)) {
		a.Categories = append(a.Categories, CategoryCount{k, r.Categories[k]})
	}
	for _, k := range slices.Sorted(maps.Keys(r.Targets)) {
		t := r.Targets[k]
		a.Targets = append(a.Targets, ParquetTarget{k, t.References, t.Author, t.Loaded, t.Framing, t.QuoteFraming})
	}
	for _, k := range slices.Sorted(maps.Keys(r.Stance)) {
		s := r.Stance[k]
		a.Stance = append(a.Stance, ParquetAxis{k, s.Score, s.N, s.QuoteScore, s.QuoteN, s.ReportedScore, s.ReportedN, s.FromReported, s.DistancedN})
	}
	for _, q := range r.Quotes {
		a.Quotes = append(a.Quotes, ParquetQuote{q.Start, q.End})
	}
	for _, d := range r.Dropped {
		a.Dropped = append(a.Dropped, ParquetSpan{d.Start, d.End, d.Reason})
	}
	if c := r.Credibility; c != nil {
		for _, k := range slices.Sorted(maps.Keys(c.Sides)) {
			a.CredibilitySides = append(a.CredibilitySides, SideCount{k, c.Sides[k]})
		}
		b, err := json.Marshal(c, encodeOptions)
		if err != nil {
			return a, fmt.Errorf("record %s: credibility signals: %w", r.ID, err)
		}
		a.CredibilitySignals = string(b)
	}
	return a, nil
}

func parquetMatch(r *Record, article int, m *MatchRecord) ParquetMatch {
	pm := ParquetMatch{
		Article: article, ID: r.ID, Start: m.Start, End: m.End, Line: m.Line, Col: m.Col, FileLine: r.FileLine(m),
		Text: m.Text, Entry: m.Entry, Target: m.Target, Valence: m.Valence, Category: m.Category,
		Voice: string(m.Voice), Loaded: m.Loaded, Cue: m.Cue,
	}
	for _, k := range slices.Sorted(maps.Keys(m.Contrib)) {
		pm.Contrib = append(pm.Contrib, AxisContrib{k, m.Contrib[k]})
	}
	return pm
}

// fromParquet turns a row of the articles table and its matches back into
// a record; skipCred leaves the credibility signals out.
func fromParquet(a *ParquetArticle, ms []ParquetMatch, skipCred bool, opts json.Options) (*Record, error) {
	r := &Record{
		Schema: a.Schema, ID: a.ID, Outlet: a.Outlet, Group: a.Group, Title: a.Title,
		Date: a.Date, DateOriginal: a.DateOriginal, DateSource: a.DateSource, URL: a.URL,
		Source: a.Source, TextLine: a.TextLine,
		Lexicon: LexiconRef{Name: a.LexiconName, Version: a.LexiconVersion, SHA256: a.LexiconSHA256},
		Tokens:  a.Tokens, Loaded: a.Loaded, LoadedPer1k: a.LoadedPer1k,
		LoadedByVoice: map[Voice]int{Author: a.LoadedAuthor, Quote: a.LoadedQuote, Distanced: a.LoadedDistanced, Reported: a.LoadedReported},
		Categories:    make(map[string]int, len(a.Categories)),
		Targets:       make(map[string]TargetScore, len(a.Targets)),
		Stance:        make(map[string]AxisScore, len(a.Stance)),
		Matches:       make([]MatchRecord, len(ms)),
		Text:          a.Text,
	}
	if len(a.Meta) > 0 {
		r.Meta = make(map[string]string, len(a.Meta))
		for _, kv := range a.Meta {
			r.Meta[kv.Key] = kv.Value
		}
	}
	for _, c := range a.Categories {
		r.Categories[c.Category] = c.Count
	}
	for _, t := range a.Targets {
		r.Targets[t.Target] = TargetScore{References: t.References, Author: t.Author, Loaded: t.Loaded, Framing: t.Framing, QuoteFraming: t.QuoteFraming}
	}
	for _, s := range a.Stance {
		r.Stance[s.Axis] = AxisScore{Score: s.Score, N: s.N, QuoteScore: s.QuoteScore, QuoteN: s.QuoteN,
			ReportedScore: s.ReportedScore, ReportedN: s.ReportedN, FromReported: s.FromReported, DistancedN: s.DistancedN}
	}
	for _, q := range a.Quotes {
		r.Quotes = append(r.Quotes, corpus.Span{Start: q.Start, End: q.End})
	}
	for _, d := range a.Dropped {
		r.Dropped = append(r.Dropped, corpus.Span{Start: d.Start, End: d.End, Reason: d.Reason})
	}
	if a.CredibilitySignals != "" && !skipCred {
		r.Credibility = new(credibility.Signals)
		if err := json.Unmarshal([]byte(a.CredibilitySignals), r.Credibility, opts); err != nil {
			return nil, fmt.Errorf("column credibility_signals: %w", err)
		}
	}
	for i := range ms {
		pm := &ms[i]
		m := MatchRecord{Start: pm.Start, End: pm.End, Line: pm.Line, Col: pm.Col, Text: pm.Text, Entry: pm.Entry,
			Target: pm.Target, Valence: pm.Valence, Category: pm.Category, Voice: Voice(pm.Voice), Cue: pm.Cue}
		if len(pm.Contrib) > 0 {
			m.Contrib = make(map[string]float64, len(pm.Contrib))
			for _, c := range pm.Contrib {
				m.Contrib[c.Axis] = c.Value
			}
		}
		m.Loaded = IsLoaded(m.Valence, m.Contrib)
		r.Matches[i] = m
	}
	return r, nil
}
