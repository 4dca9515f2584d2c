// Package lexicon reads framing lexicons written in YAML, checks them, and
// compiles each one once into a Matcher that finds its terms in text.
//
// A lexicon names referents (targets: "iran-gov", "syria-opposition"),
// stance axes whose poles are derived from how targets are framed, and
// entries: surface forms such as "mullahs' regime" with the target they
// name, a valence toward it in [-1, 1], a category, neutral alternatives and
// a note saying why the wording is loaded. The README documents the format
// with a full example; lexicons/iran-syria.yaml is the embedded default.
//
// Load and Parse return every problem they find as a *rulefile.CheckError whose
// lines read "file:line: message", so a researcher can fix a lexicon in
// one pass. Compile turns a valid lexicon into a Matcher: its terms, except
// phrases and distance cues compiled into one phrase.Matcher, whose cost
// depends on the text, not on the number of entries.
package lexicon
