package record

import "github.com/compare-tool/compare/internal/credibility"

// CredibilityCounts are an article's credibility signals reduced to counts
// and shares, for the flat outputs (the score CSV, the Parquet articles
// table). They count as credibility.Profile pools them, so that a sum over
// an outlet's articles gives its profile.
type CredibilityCounts struct {
	// Attributions counts attributed statements outside quotations;
	// LoadedAttributions those with a loaded verb ("claimed").
	Attributions       int `parquet:"attributions"`
	LoadedAttributions int `parquet:"loaded_attributions"`
	// Claims, Unsourced and UnsourcedShare are Signals.Sourcing's.
	Claims         int      `parquet:"claims"`
	Unsourced      int      `parquet:"unsourced"`
	UnsourcedShare *float64 `parquet:"unsourced_share,optional"`
	// VaguePhrases counts vague-source phrases that are claims of their
	// own (not part of an attribution).
	VaguePhrases int `parquet:"vague_phrases"`
	// Quotations counts direct quotations (scare quotes excluded);
	// QuoteShare is the share of tokens inside them.
	Quotations int     `parquet:"quotations"`
	QuoteShare float64 `parquet:"quote_share"`
	// Hedges, Certainty and Intensifiers count markers outside quotations.
	Hedges       int `parquet:"hedges_author"`
	Certainty    int `parquet:"certainty_author"`
	Intensifiers int `parquet:"intensifiers_author"`
	// Citations counts citations of registry entities, self-citations
	// excluded (the sum of Signals.Sides).
	Citations int `parquet:"citations"`
	// Debris counts lines dropped as page furniture.
	Debris int `parquet:"debris"`
}

// CountCredibility reduces s to counts; nil gives nil.
func CountCredibility(s *credibility.Signals) *CredibilityCounts {
	if s == nil {
		return nil
	}
	c := &CredibilityCounts{
		Attributions:       len(s.Attributions),
		LoadedAttributions: s.Sourcing.Loaded,
		Claims:             s.Sourcing.Claims,
		Unsourced:          s.Sourcing.Unsourced,
		UnsourcedShare:     s.Sourcing.UnsourcedShare,
		Quotations:         s.Quotes.Count,
		QuoteShare:         s.Quotes.ShareOfText,
		Hedges:             s.Hedges.Author,
		Certainty:          s.Certainty.Author,
		Intensifiers:       s.Intensifiers.Author,
		Debris:             s.Debris.Count,
	}
	for _, v := range s.VagueSources {
		if !v.Attribution {
			c.VaguePhrases++
		}
	}
	for _, n := range s.Sides {
		c.Citations += n
	}
	return c
}

// csvColumns names the counts as the score CSV's columns, in order, with
// their values ("" for a share without a denominator).
func (c *CredibilityCounts) csvColumns() (names, values []string) {
	share := ""
	if c.UnsourcedShare != nil {
		share = ftoa(*c.UnsourcedShare)
	}
	cols := []struct{ name, value string }{
		{"attributions", itoa(c.Attributions)},
		{"loaded_attributions", itoa(c.LoadedAttributions)},
		{"claims", itoa(c.Claims)},
		{"unsourced", itoa(c.Unsourced)},
		{"unsourced_share", share},
		{"vague_phrases", itoa(c.VaguePhrases)},
		{"quotations", itoa(c.Quotations)},
		{"quote_share", ftoa(c.QuoteShare)},
		{"hedges_author", itoa(c.Hedges)},
		{"certainty_author", itoa(c.Certainty)},
		{"intensifiers_author", itoa(c.Intensifiers)},
		{"citations", itoa(c.Citations)},
		{"debris", itoa(c.Debris)},
	}
	for _, col := range cols {
		names = append(names, "credibility."+col.name)
		values = append(values, col.value)
	}
	return names, values
}
