// Package stats provides the statistics compare uses to compare outlets:
// order statistics and bootstrap (or, for large samples, normal)
// intervals for describing one outlet's scores or the difference between
// two samples of them, rank tests
// (Mann-Whitney, Kruskal-Wallis) with Holm's correction and Cliff's delta
// for testing and sizing differences between outlets, the Wilcoxon
// signed-rank test with the rank-biserial correlation for outlets compared
// on the events both covered (paired), Kendall's rank correlation test
// (the Mann–Kendall trend test when one variable is time) with Sen's slope
// for the rate of a trend, Spearman correlation with its test and
// interval, the area under the ROC curve (AUC) with a stratified bootstrap
// interval for how well scores separate two labels, Monroe et al.'s
// log-odds with an informative Dirichlet prior for word use,
// correspondence analysis of outlet × word tables, and Krippendorff's
// alpha for agreement between coders.
//
// The API follows gonum/stat: plain []float64 in, float64 out, no hidden
// state. Every function that has an R equivalent matches R 4.2.2's
// defaults, and its documentation names the R call it reproduces; the
// tests pin the results to values computed by that call.
//
// Misuse by the caller (slices of different lengths where equal ones are
// required, a probability outside [0, 1], a non-positive resample count)
// panics with a message starting "stats: ". Data that merely makes a
// statistic undefined (too few observations, no variation) yields NaN,
// and CorrespondenceAnalysis, whose input is user data, returns an error.
//
// Unless a function says otherwise, NaN marks a missing value: the rank
// tests and CliffsDelta drop NaN observations before computing, as R does
// with NA, while the descriptive functions propagate it.
package stats
