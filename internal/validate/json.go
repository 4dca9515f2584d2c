package validate

import (
	"encoding/json"
	"io"
	"math"

	"github.com/compare-tool/compare/internal/stats"
)

// The JSON form of a Validation is its Go structure with snake_case keys.
// A number that is NaN in Go (an AUC of a pair without articles, a share
// of nothing) is null, and verdicts are short codes (see Verdict.Code).

// writeValidationJSON writes v indented, with <, > and & as written.
func writeValidationJSON(w io.Writer, v *Validation) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// num is a float64 that is null in JSON when it is NaN or infinite.
type num float64

func (n num) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(n)) || math.IsInf(float64(n), 0) {
		return []byte("null"), nil
	}
	return json.Marshal(float64(n))
}

// MarshalJSON writes the shares as numbers, or null when there is no
// article.
func (c Coverage) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Articles     int             `json:"articles"`
		WithEvidence int             `json:"with_evidence"`
		Share        num             `json:"share"`
		ByLabel      []LabelCoverage `json:"by_label"`
	}{c.Articles, c.WithEvidence, num(c.Share), c.ByLabel})
}

// MarshalJSON writes the share, or null when the label has no article.
func (c LabelCoverage) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Label        string `json:"label"`
		Articles     int    `json:"articles"`
		WithEvidence int    `json:"with_evidence"`
		Share        num    `json:"share"`
	}{c.Label, c.Articles, c.WithEvidence, num(c.Share)})
}

// MarshalJSON writes the AUC and its interval, null when missing.
func (e AUCEstimate) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		NHigher int `json:"n_higher"`
		NLower  int `json:"n_lower"`
		AUC     num `json:"auc"`
		Lo      num `json:"ci_low"`
		Hi      num `json:"ci_high"`
	}{e.NHigher, e.NLower, num(e.AUC), num(e.Lo), num(e.Hi)})
}

// MarshalJSON writes both correlations, with null for what could not be
// computed.
func (s OutletSpearman) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		All          spearmanJSON `json:"all"`
		WithEvidence spearmanJSON `json:"with_evidence"`
	}{toSpearmanJSON(s.All), toSpearmanJSON(s.WithEvidence)})
}

type spearmanJSON struct {
	Rho num `json:"rho"`
	N   int `json:"n"`
	S   num `json:"s"`
	P   num `json:"p"`
	Lo  num `json:"ci_low"`
	Hi  num `json:"ci_high"`
}

func toSpearmanJSON(r stats.SpearmanResult) spearmanJSON {
	return spearmanJSON{num(r.Rho), r.N, num(r.S), num(r.P), num(r.Lo), num(r.Hi)}
}

// MarshalJSON writes the rate, or null when the label has no article.
func (u LabelUses) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Label    string `json:"label"`
		Uses     int    `json:"uses"`
		Articles int    `json:"articles"`
		Per1000  num    `json:"per_1000_articles"`
	}{u.Label, u.Uses, u.Articles, num(u.Per1000)})
}

// MarshalJSON writes the AUC and p-value, null when missing.
func (c Contrast) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Higher string `json:"higher"`
		Lower  string `json:"lower"`
		AUC    num    `json:"auc"`
		P      num    `json:"p"`
	}{c.Higher, c.Lower, num(c.AUC), num(c.P)})
}

// MarshalJSON writes a fold's AUCs, null when missing.
func (f FoldAUC) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Axis    string `json:"axis"`
		Higher  string `json:"higher"`
		Lower   string `json:"lower"`
		Written num    `json:"written"`
		Pruned  num    `json:"pruned"`
	}{f.Axis, f.Higher, f.Lower, num(f.Written), num(f.Pruned)})
}

// MarshalText writes the verdict's code.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.Code()), nil }

// Code returns a short stable name of the verdict for programs:
// against-lean, no-signal, with-lean, neutral or separates.
func (v Verdict) Code() string {
	switch v {
	case AgainstLean:
		return "against-lean"
	case NoSignal:
		return "no-signal"
	case WithLean:
		return "with-lean"
	case Neutral:
		return "neutral"
	case Separates:
		return "separates"
	}
	return string(v)
}
