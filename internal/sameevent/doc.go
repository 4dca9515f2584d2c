// Package sameevent compares the outlets that report one event: it finds
// the events several outlets report (with package events), and lays their
// reports side by side, so that how each outlet names the actors can be
// compared with the event held fixed.
//
// An outlet's average stance mixes two things: which events it covers and
// how it names them. Two reports of one funeral, one by a state wire and
// one by an opposition site, differ only in the telling; the comparison
// of Compare shows that difference and nothing else.
//
// # From articles to events
//
// FromRecord keeps of a score record what the comparison needs: the text
// and date to group it by, its stance per axis (with n), and the forms it
// wrote for each target (Form: the matched text as written, its entry,
// voice, whether it is loaded and its lean), counted. FromArticle keeps
// an article that was not scored, for grouping alone. Group resolves each
// article's date with package dates (its date field, or its URL), groups
// the articles with events.Group, and compares the reports of every event
// with Compare.
//
// # Side by side
//
// Compare takes any set of articles, the reports of one event or two
// articles a teacher chose, and returns, per unit (an outlet, or a group
// of outlets), the pooled stance of its articles on each axis and, per
// target, the forms it wrote. The pooled stance of several articles is
// the mean contribution of all their author-voice terms (Σ score·n / Σ n),
// so an article with many loaded terms weighs more than one with few, as
// each term does within one article. Units are ordered by that stance on
// the first axis, highest first; units without evidence on it come last.
// The spread of an event is the highest pooled stance minus the lowest,
// over the units with evidence: the events with the widest spread are
// those whose telling differs most.
//
// Scores gives each unit's pooled stance per event and axis to
// aggregate.Comparison.CompareWithinEvents, which tests outlets on the
// events they both reported.
//
// # What it cannot tell
//
// The grouping finds reports that share names, places and numbers (see
// package events): reports that share none are missed, and two events
// with the same names in one window can merge. The side-by-side view
// shows the lexicon's terms; wording outside the lexicon, the facts an
// outlet selects within its report and what it leaves out are not in it.
//
// Write prints events as a table, JSON Lines or CSV, and WriteShow prints
// one event side by side for a terminal.
package sameevent
