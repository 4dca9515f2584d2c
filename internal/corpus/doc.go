// Package corpus reads news articles from the files researchers have: text
// and Markdown files with optional YAML front matter, JSON Lines, JSON,
// CSV/TSV and saved HTML pages, plain or gzip-compressed, from files,
// folders or standard input. It attaches outlet metadata (canonical names,
// aliases, groups), marks page debris ("Share", "Advertisement", comment
// forms) so that scoring can skip it, and reports every record it cannot use
// with its file, line and reason instead of dropping it silently.
//
// Read is the entry point: it streams articles to a callback in a
// deterministic order and problems to another, and returns a Summary whose
// counts add up (Read = Emitted + skipped). LoadOutlets reads outlet
// metadata; MarkDebris and Debris apply the debris rules of debris.yaml.
//
// The package never prints or exits: the command decides what to show and
// which exit status a skipped record deserves.
package corpus
