package credibility_test

import (
	"fmt"

	"github.com/compare-tool/compare/internal/corpus"
	"github.com/compare-tool/compare/internal/credibility"
)

func Example() {
	rules, err := credibility.Load(credibility.Default)
	if err != nil {
		panic(err)
	}
	sc := credibility.Compile(rules).NewScanner()
	a := &corpus.Article{Text: "According to IRNA, the talks resumed. Officials said it was brutal. It is believed that more will follow."}
	sig := sc.Analyze(a, nil)
	for _, at := range sig.Attributions {
		fmt.Printf("%q → %q (%s, identified %v)\n", at.Text, at.Source.Text, at.Source.Kind, at.Identified)
	}
	for _, v := range sig.VagueSources {
		fmt.Printf("vague: %q\n", v.Text)
	}
	fmt.Printf("unsourced %d of %d claims; iranian-state citations %d; intensifiers %d\n",
		sig.Sourcing.Unsourced, sig.Sourcing.Claims, sig.Sides["iranian-state"], sig.Intensifiers.Count)
	// Output:
	// "According to" → "IRNA" (registry, identified true)
	// "said" → "Officials" (unnamed, identified false)
	// vague: "Officials said"
	// vague: "It is believed"
	// unsourced 2 of 3 claims; iranian-state citations 1; intensifiers 1
}
