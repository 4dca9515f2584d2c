// Package validate measures how well stance scores separate articles and
// outlets of known labels (AllSides ratings, state media against
// opposition), and keeps lexicons from being judged on the outlets they
// were grown on.
//
// Measure takes its own small input, one Article per scored article (id,
// outlet, label, score and evidence n per axis, author-voice uses of each
// lexicon entry) and the entries' leans, so that a score record maps onto
// it field by field. Per axis it reports:
//
//   - evidence coverage: the share of articles with n > 0, overall and
//     per label;
//   - the AUC of each pair of labels at article level and at outlet level
//     (outlet means), each over all articles (no evidence scoring 0) and
//     over the articles with evidence, with stratified bootstrap
//     intervals as pROC's ci.auc;
//   - for ordinal labels, Spearman's ρ of outlet means against the
//     label's rank, with a Fisher-z interval;
//   - per lexicon entry, its use by each label and whether that use points
//     the way its lean claims, those that do not listed first.
//
// Labels come from a labels file (LoadLabels: outlet or article id →
// label, CSV or YAML) or from a field of each record (FieldLabels), both
// behind Labeller. CheckOrder checks an ordinal order against the labels.
//
// The held-out protocol: Fold and KFold assign outlets to folds by a
// seeded hash, ExplicitSplit builds a split from train and test outlet
// lists (optionally dropping test outlets that are also training ones),
// and CrossValidate runs a fitting step on each split's training outlets
// and a measuring step on its test outlets only. CrossCheckPruning uses it
// to ask whether dropping entries by their verdicts helps on unseen
// outlets, and reports each fold's own AUC and, per entry, the folds whose
// articles use it in the direction of its lean (EntryFolds).
//
// The statistics themselves (AUC, its bootstrap, Spearman's test, the
// log-odds of use) live in package stats, checked against R there.
package validate
