package validate_test

import (
	"fmt"

	"github.com/compare-tool/compare/internal/validate"
)

func ExampleMeasure() {
	// Five articles of two outlets, labelled by outlet; two have no
	// evidence on the axis (n = 0) and score 0.
	labels, err := validate.ParseLabels("labels.csv", []byte("outlet,label\nLeft Daily,left\nRight Post,right\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	article := func(id, outlet string, score float64, n int) validate.Article {
		return validate.Article{
			ID: id, Outlet: outlet,
			Label:  labels.Label(validate.Ref{ID: id, Outlet: outlet}),
			Stance: map[string]validate.Stance{"left-right": {Score: score, N: n}},
		}
	}
	in := validate.Input{Articles: []validate.Article{
		article("1", "Left Daily", -0.5, 2),
		article("2", "Left Daily", 0, 0),
		article("3", "Left Daily", 0.3, 1),
		article("4", "Right Post", 0.4, 1),
		article("5", "Right Post", 0, 0),
	}}
	opt := validate.DefaultOptions()
	opt.Order = []string{"left", "right"}
	opt.Resamples = 0 // no intervals in this example
	res, err := validate.Measure(in, opt)
	if err != nil {
		fmt.Println(err)
		return
	}
	ax := res.Axes[0]
	p := ax.ArticleAUC[0]
	fmt.Printf("coverage %.2f\n", ax.Coverage.Share)
	fmt.Printf("%s > %s: all articles %.2f, with evidence %.2f\n", p.Higher, p.Lower, p.All.AUC, p.WithEvidence.AUC)
	// Over all articles, right's 0 ties left's 0 and loses to 0.3: 4.5 of
	// 6 pairs. Over the articles with evidence, 0.4 beats −0.5 and 0.3.

	// Output:
	// coverage 0.60
	// right > left: all articles 0.75, with evidence 1.00
}
