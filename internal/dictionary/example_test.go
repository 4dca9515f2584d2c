package dictionary_test

import (
	"fmt"
	"os"

	"github.com/compare-tool/compare/internal/dictionary"
)

// A LIWC dictionary becomes a lexicon with one target per category; a
// word in two categories is one entry whose note names both, so that the
// export writes it back into each.
func ExampleImport() {
	dic := "%\n1\tposemo\n2\taffect\n%\nhappy\t1\t2\nkind of\t2\n"
	d, notes, err := dictionary.ReadLIWC("mini.dic", []byte(dic))
	if err != nil {
		fmt.Println(err)
		return
	}
	im, err := dictionary.Import(d, dictionary.ImportOptions{Source: "mini.dic"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(notes), "notes")
	for _, e := range im.Lexicon.Entries {
		fmt.Printf("%s: %q target %s note %q\n", e.ID, e.Terms, e.Target, e.Note)
	}
	out, loss := dictionary.Export(im.Lexicon, "quanteda")
	dictionary.WriteQuanteda(os.Stdout, out)
	fmt.Println(loss.Messages())
	// Output:
	// 0 notes
	// posemo+affect: ["happy"] target posemo note "dictionary categories: posemo, affect"
	// affect: ["kind of"] target affect note ""
	// posemo:
	//   - happy
	// affect:
	//   - happy
	//   - kind of
	// [export to quanteda drops 2 target descriptions and the lexicon's name, version, description and sources]
}

// Export says what a dictionary format cannot hold.
func ExampleLoss_Messages() {
	loss := dictionary.Loss{Format: "liwc", Entries: 3,
		Fields: []dictionary.FieldLoss{{Field: "valence", Entries: 2}, {Field: "notes", Entries: 3}}}
	for _, m := range loss.Messages() {
		fmt.Println(m)
	}
	// Output:
	// export to liwc drops from the entries (3 in all): valence (2), notes (3)
}
