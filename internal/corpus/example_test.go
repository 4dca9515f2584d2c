package corpus_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/compare-tool/compare/internal/corpus"
)

func ExampleRead() {
	input := `{"id": "a1", "source": "Fox Online News", "body": "Talks resumed.\nShare"}
{"id": "a2", "source": "Fox News", "body": "Talks ended.
{"id": "a3", "source": "Fox News", "body": ""}
`
	outlets, err := corpus.ParseOutlets("outlets.yaml", []byte(`
- name: Fox News
  aliases: [Fox Online News]
  group: cable
`))
	if err != nil {
		panic(err)
	}
	opts := corpus.Options{
		Fields:  map[string]string{"outlet": "source", "text": "body"},
		Outlets: outlets,
		Stdin:   strings.NewReader(input),
	}
	sum, err := corpus.Read(context.Background(), []string{"-"}, opts,
		func(a *corpus.Article) error {
			fmt.Printf("%s %s (%s) %q, %d line dropped\n", a.ID, a.Outlet, a.Group, a.Text, len(a.Dropped))
			return nil
		},
		func(p corpus.Problem) { fmt.Printf("%s [%s]\n", p, p.Reason) })
	if err != nil {
		panic(err)
	}
	fmt.Printf("read %d, emitted %d, skipped %s\n", sum.Read, sum.Emitted, corpus.ReasonCounts(sum.Skipped))
	// Output:
	// a1 Fox News (cable) "Talks resumed.\nShare", 1 line dropped
	// <stdin>:2: column 57: unexpected end of JSON (line cut short?) [malformed-json]
	// <stdin>:3: text: no text [empty]
	// read 3, emitted 1, skipped 1 empty, 1 malformed-json
}

func ExampleOutlets_Resolve() {
	outlets, err := corpus.ParseOutlets("outlets.csv", []byte("name,aliases,group\nFox News,Fox Online News|foxnews.com,cable\n"))
	if err != nil {
		panic(err)
	}
	for _, name := range []string{"fox online news", "FOXNEWS.COM", "Fox  News", "CNN"} {
		canonical, group := outlets.Resolve(name)
		fmt.Printf("%s → %s (%s)\n", name, canonical, group)
	}
	// Output:
	// fox online news → Fox News (cable)
	// FOXNEWS.COM → Fox News (cable)
	// Fox  News → Fox News (cable)
	// CNN → CNN ()
}
