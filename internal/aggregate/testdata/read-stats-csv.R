# Reads the tidy stats CSV of compare stats --format csv the way a
# researcher would, with R's read.csv and no arguments beyond the file, and
# fails unless every column gets the type the codebook gives it. Run by
# TestStatsCSVInR (internal/aggregate/csv_r_test.go):
#   Rscript read-stats-csv.R STATS.csv EXPECTED.tsv
# EXPECTED.tsv lists rows the Go test knows: section, unit, other,
# axis_or_target, term, statistic, value (a number or NA), text.
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
fail <- function(...) { cat("read.csv:", ..., "\n"); quit(status = 1) }
want <- c("section", "unit", "other", "axis_or_target", "term", "statistic", "value", "text")
if (!identical(names(d), want)) fail("columns", paste(names(d), collapse = ","))
if (!is.numeric(d$value)) fail("value is", class(d$value), "not numeric")
for (col in c("section", "unit", "statistic", "text")) {
  if (!is.character(d[[col]])) fail(col, "is", class(d[[col]]), "not character")
}
# Every row holds a number, a text, or both.
empty <- is.na(d$value) & d$text == ""
if (any(empty)) fail(sum(empty), "rows with neither value nor text, first at row", which(empty)[1])
# Known rows read back as the Go test wrote them (numbers to 1e-15, relative).
e <- read.delim(args[2], header = FALSE, col.names = want, colClasses = "character", na.strings = "NA")
for (i in seq_len(nrow(e))) {
  key <- d$section == e$section[i] & d$unit == e$unit[i] & d$other == e$other[i] &
    d$axis_or_target == e$axis_or_target[i] & d$term == e$term[i] & d$statistic == e$statistic[i]
  if (e$statistic[i] == "note") key <- key & d$value %in% as.numeric(e$value[i]) # notes are numbered
  if (sum(key) != 1) fail(sum(key), "rows for", paste(e[i, 1:6], collapse = "/"))
  v <- as.numeric(e$value[i])
  got <- d$value[key]
  if (is.na(v) != is.na(got) || (!is.na(v) && abs(got - v) > 1e-15 * max(1, abs(v)))) {
    fail(paste(e[i, 1:6], collapse = "/"), "value", format(got, digits = 17), "want", e$value[i])
  }
  if (d$text[key] != e$text[i]) fail(paste(e[i, 1:6], collapse = "/"), "text", d$text[key], "want", e$text[i])
}
cat("read.csv: ok,", nrow(d), "rows; value numeric,", sum(!is.na(d$value)), "numbers\n")
