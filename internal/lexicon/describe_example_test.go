package lexicon_test

import (
	"os"

	"github.com/compare-tool/compare/internal/lexicon"
)

func ExampleDescribe() {
	lex, err := lexicon.LoadFile("testdata/tiny.yaml")
	if err != nil {
		panic(err)
	}
	lexicon.Describe(os.Stdout, lex)
	// Output:
	// tiny 1.0.0 (en) sha256:56801d10188e
	// A test lexicon.
	//
	// TARGET  LABEL
	// gov     The government
	// rebels  The armed opposition
	//
	// Axis pro-gov: Pro-government vocabulary
	//   -1 = the opposition's words
	//   +1 = the government's words
	//   weights: gov=1 rebels=-1
	//
	// 4 entries
	//
	// == The government (gov)
	//   regime                                   -1.0  pejorative
	//       neutral: government
	//       Calls a government illegitimate.
	//   government                               +0.0  neutral
	//
	// == The armed opposition (rebels)
	//   terrorists                               -1.0  pejorative
	//       neutral: armed groups; fighters
	//       A label that states use for their armed opponents.
	//   freedom fighters                         +1.0  honorific
	//       neutral: fighters
}
