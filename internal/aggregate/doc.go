// Package aggregate compares outlets (or outlet groups) from a stream of
// score records (package record): an Aggregator takes records one at a
// time, keeping only what the statistics need, and Result gives a
// Comparison with per-outlet summaries and bootstrap intervals, tests of
// differences and their plain-language sentences, the naming matrix,
// distinctive terms and the outlet map, with notes on what the numbers
// can and cannot tell. WriteComparison writes it as a table, JSON or tidy
// CSV. The statistics themselves are package stats', checked against R.
//
// With Options.Period the Comparison also holds Trends: each unit's
// summaries per calendar period and a trend test (trend.go). ResultAgainst
// compares the records with those of a second Aggregator fed a baseline
// (baseline.go): per unit, the difference in mean stance with its
// interval, Mann–Whitney with Holm's adjustment, Cliff's δ and a shift
// flag, the names whose share changed most, and the new terms.
//
// Files, in the order Result uses them: aggregate.go (options,
// accumulation), summary.go, differences.go (Kruskal–Wallis, Mann–Whitney,
// Cliff's δ, sentences), naming.go, ngram.go (distinctive terms),
// outletmap.go, trend.go, notes.go, then baseline.go; within.go
// compares units within the events they both reported, from event scores
// the caller gives (Comparison.CompareWithinEvents, after Result);
// comparison.go declares the result (summaries.go a unit's Summaries),
// and write.go with table.go, json.go (streamed) and csv.go writes it. The README's statistics section gives every
// formula.
package aggregate
