// Package dictionary converts lexicons to and from the word-count
// dictionaries of LIWC (.dic) and quanteda (YAML), and writes a lexicon as
// a CSV table: one file per format.
//
// A Dictionary is what LIWC .dic files and quanteda YAML dictionaries have
// in common: named categories and the patterns (words, phrases, trailing *
// globs) that belong to them, a pattern possibly in several categories.
// ReadLIWC and ReadQuanteda read one; Import turns it into a lexicon; Export
// turns a lexicon back into a Dictionary that WriteLIWC and WriteQuanteda
// write. The mapping:
//
//   - each category is a target; its id is the category name made safe (lower
//     case, letters, digits, - and _; nested quanteda keys joined by "."),
//     its label the name as written, and for LIWC its description records the
//     category number ("LIWC category 31");
//   - the patterns that belong to exactly the same set of categories form one
//     entry, whose target is the first of them in the dictionary's order; when
//     there are several, the entry's note says so in a line
//     "dictionary categories: affect, posemo", which Export reads back;
//   - valence is 0 and category neutral: placeholders for the researcher.
//
// Export writes each target as a category (named by its label when the
// label is the name its id was made from, else by its id) and every surface
// form under its entry's target plus the categories of that note line. What
// the target format cannot hold (valence, lean, category, neutral
// alternatives, notes, except phrases, axes, distance cues) is returned as a
// Loss to report, never dropped silently. Export followed by Import and
// Export again gives the same dictionary: the same surface forms in the same
// categories, with the same LIWC numbers.
//
// Library code here never prints: every function takes an io.Writer or
// returns a value, and bad user input comes back as an error naming the
// file and line.
package dictionary
