# Reference values for the tests of package stats (and, in its last
# section, of package validate).
#
# Run with R 4.2.2 (Debian bookworm r-base; the CA section also needs the
# r-cran-ca package, the AUC section r-cran-proc, pROC 1.18.0):
# Rscript testdata/reference.R
# The tests never run this script; they hard-code its output, quoting the
# R call beside each value. It is kept so the values can be regenerated.

options(digits=17)
f <- function(v) cat(paste(sprintf("%.17g", v), collapse=", "), "\n")
cat("== quantile\n")
x <- c(3.2, 1.5, 4.8, 2.2, 9.1, 0.4, 7.7)
f(quantile(x, c(0, 0.1, 0.25, 1/3, 0.5, 0.9, 1), type=7, names=FALSE))
f(quantile(c(2,2,5,5,5,8), c(0.1,0.5,0.7), type=7, names=FALSE))
f(quantile(42, c(0, 0.3, 1), names=FALSE))
f(c(median(x), IQR(x), mean(x), sd(x)))
f(c(median(c(4,1,3,2)), IQR(c(4,1,3,2)), mean(c(4,1,3,2)), sd(c(4,1,3,2))))
cat("== wilcox\n")
w <- function(x, y) { r <- suppressWarnings(wilcox.test(x, y)); f(c(r$statistic, r$p.value)) }
x1 <- c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30)
y1 <- c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.07, 3.14, 1.28)
w(x1, y1)
x2 <- c(12.1, 15.3, 9.8, 20.4, 17.7)
y2 <- c(8.2, 11.0, 7.5, 13.9, 10.1, 6.6, 9.1, 14.8, 5.2, 12.7, 3.3, 16.2)
w(x2, y2)
w(c(10:1)+0.5, c(1:10))
x3 <- c(1, 2, 2, 3, 4, 4, 4, 5); y3 <- c(3, 3, 4, 5, 5, 6, 7)
w(x3, y3)
w(c(1,2,3), c(1,2,3))
w(c(1,1,1), c(1,1))
x4 <- (1:49 * 37) %% 101; y4 <- (1:49 * 53) %% 101 + 0.5
w(x4, y4)
y5 <- (1:50 * 53) %% 101 + 0.5
w(x4, y5)
x6 <- (1:300 * 7919) %% 1009; y6 <- (1:250 * 104729) %% 1009 + 40
w(x6, y6)
w(c(5.5), c(1,2,3,4,6,7))
cat("== kruskal\n")
k <- function(...) { r <- kruskal.test(list(...)); f(c(r$statistic, r$parameter, r$p.value)) }
k(c(2.9, 3.0, 2.5, 2.6, 3.2), c(3.8, 2.7, 4.0, 2.4), c(2.8, 3.4, 3.7, 2.2, 2.0))
k(c(1,2,2,3,5), c(2,3,3,4,6,6), c(5,6,7,7,8), c(1,1,2))
k((1:200 * 7919) %% 997, (1:150 * 104729) %% 997 + 30, (1:120 * 15485863) %% 997 - 20)
k(c(1,2), c(3,4))
cat("== holm\n")
f(p.adjust(c(0.01, 0.04, 0.03, 0.005, NA, 0.5, 0.04), "holm"))
f(p.adjust(c(0.2, 0.001, 0.015, 0.9), "holm"))
cat("== cliff\n")
cd <- function(x, y) f(mean(sign(outer(x, y, "-"))))
cd(x1, y1); cd(x3, y3); cd(x6, y6); cd(c(1,2,3), c(1,2,3))
cat("== spearman\n")
f(cor(c(1, 2, 2, 3, 4, 4, 4, 5), c(2.5, 1, 3, 3, 7, 6, 5, 9), method="spearman"))
f(cor(x1, y1, method="spearman"))
f(cor(1:5, c(5,4,3,2,1), method="spearman"))
cat("== ranks\n")
f(rank(c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5)))

cat("== wilcox extra\n")
r <- wilcox.test(11:20, 1:10); f(c(r$statistic, r$p.value))
for (a in list(list(c(1, 2, 2, 3, 4, 4, 4, 5), c(3, 3, 4, 5, 5, 6, 7)),
               list((1:49 * 37) %% 101, (1:50 * 53) %% 101 + 0.5),
               list((1:300 * 7919) %% 1009, (1:250 * 104729) %% 1009 + 40))) {
  r <- suppressWarnings(wilcox.test(a[[1]], a[[2]]))
  d <- r$statistic - length(a[[1]])*length(a[[2]])/2
  f(sign(d) * qnorm(r$p.value/2, lower.tail=FALSE))
}
cat("== logodds\n")
a <- c(10, 0, 5, 3); b <- c(2, 8, 5, 1); al <- c(0.5, 0.5, 1, 2)
na <- sum(a); nb <- sum(b); a0 <- sum(al)
delta <- log((a+al)/(na+a0-a-al)) - log((b+al)/(nb+a0-b-al))
z <- delta / sqrt(1/(a+al) + 1/(b+al))
f(delta); f(z)
cat("== krippendorff (coincidence matrix)\n")
kalpha <- function(d, metric) {
  # d: coders x units, NA missing. Coincidence matrix after Krippendorff (2011).
  vals <- sort(unique(as.vector(d[, colSums(!is.na(d)) >= 2])))
  vals <- vals[!is.na(vals)]
  V <- length(vals)
  o <- matrix(0, V, V)
  for (u in seq_len(ncol(d))) {
    v <- d[!is.na(d[, u]), u]
    m <- length(v)
    if (m < 2) next
    for (i in seq_len(m)) for (j in seq_len(m)) if (i != j) {
      ci <- match(v[i], vals); cj <- match(v[j], vals)
      o[ci, cj] <- o[ci, cj] + 1/(m - 1)
    }
  }
  nc <- rowSums(o); n <- sum(nc)
  d2 <- matrix(0, V, V)
  for (c in 1:V) for (k in 1:V) {
    d2[c, k] <- switch(metric,
      nominal = as.numeric(c != k),
      ordinal = { g <- min(c,k):max(c,k); (sum(nc[g]) - (nc[c] + nc[k])/2)^2 },
      interval = (vals[c] - vals[k])^2,
      ratio = ((vals[c] - vals[k])/(vals[c] + vals[k]))^2)
  }
  1 - (n - 1) * sum(o * d2) / sum(outer(nc, nc) * d2)
}
d <- rbind(c(1,2,3,3,2,1,4,1,2,NA,NA,NA),
           c(1,2,3,3,2,2,4,1,2,5,NA,3),
           c(NA,3,3,3,2,3,4,2,2,5,1,NA),
           c(1,2,3,3,2,4,4,1,2,5,1,NA))
for (m in c("nominal","ordinal","interval","ratio")) { cat(m, ": "); f(kalpha(d, m)) }
# Krippendorff (2011) section A: 2 observers, 10 units, binary (alpha = 0.095)
d2 <- rbind(c(0,1,0,0,0,0,0,0,1,0), c(1,1,1,0,0,1,0,0,0,0))
cat("binary nominal: "); f(kalpha(d2, "nominal"))
cat("== CA\n")
library(ca)
N <- matrix(c(4, 2, 3, 2,
              4, 3, 7, 4,
             25,10,12, 4,
             18,24,33,13,
             10, 6, 7, 2), nrow=5, byrow=TRUE)
S <- function(N) { P <- N/sum(N); r <- rowSums(P); c <- colSums(P)
  diag(1/sqrt(r)) %*% (P - r %o% c) %*% diag(1/sqrt(c)) }
s <- svd(S(N)); P <- N/sum(N); r <- rowSums(P); cm <- colSums(P)
K <- min(dim(N)) - 1
F <- diag(1/sqrt(r)) %*% s$u[, 1:K] %*% diag(s$d[1:K])
G <- diag(1/sqrt(cm)) %*% s$v[, 1:K] %*% diag(s$d[1:K])
cat("sv^2: "); f(s$d[1:K]^2)
cat("share: "); f(s$d[1:K]^2 / sum(s$d^2))
cat("total: "); f(sum(S(N)^2)); f(chisq.test(N)$statistic / sum(N))
cat("F:\n"); for (i in 1:nrow(F)) f(F[i, ])
cat("G:\n"); for (i in 1:nrow(G)) f(G[i, ])
cc <- ca(N)
cat("ca sv^2: "); f(cc$sv^2)
cat("ca rowcoord*sv:\n"); Fc <- cc$rowcoord %*% diag(cc$sv); for (i in 1:nrow(Fc)) f(Fc[i, ])
cat("ca colcoord*sv:\n"); Gc <- cc$colcoord %*% diag(cc$sv); for (i in 1:nrow(Gc)) f(Gc[i, ])
cat("smoke equal: ", all.equal(unname(as.matrix(smoke)), N), "\n")

cat("== signed rank (paired)\n")
# wilcox.test(x, y, paired = TRUE) with its defaults; prints V, p, the Z
# recovered from an approximate p (NaN for exact), and n, then the method.
# R's warnings (ties, zeroes) are printed as they occur.
sr <- function(x, y) {
  r <- withCallingHandlers(wilcox.test(x, y, paired = TRUE),
    warning = function(w) { cat("warning:", conditionMessage(w), "\n"); invokeRestart("muffleWarning") })
  n <- sum(complete.cases(x, y) & x != y, na.rm = TRUE)
  z <- if (grepl("exact", r$method)) NaN else {
    d <- r$statistic - n*(n+1)/4
    sign(d) * qnorm(r$p.value/2, lower.tail = FALSE) }
  f(c(r$statistic, r$p.value, z, n)); cat(r$method, "\n")
}
sr(x1, y1)
sr(y1, x1)
sr(2:11, rep(1.5, 10))
sr(c(0.2, 0.5, 0.9, 1.4, 2.0, 2.7), c(-0.1, 0.3, 0.4, 1.0, 1.1, 1.3))
sr(c(5), c(3))
x7 <- (1:49 * 37) %% 101; d7 <- (1:49 * 13) %% 101 - 50.5
sr(x7, x7 - d7)
x8 <- (1:50 * 37) %% 101; d8 <- (1:50 * 13) %% 101 - 50.5
sr(x8, x8 - d8)
sr(x4, y4)
sr((1:50 * 37) %% 101, (1:50 * 53) %% 101 + 0.5)
sr(c(1, 2, 2, 3, 4, 4, 4, 5), c(3, 3, 4, 5, 5, 6, 7, 2))
sr(c(1.5, 2, 3.5, 4, 6, 7.5), c(1.5, 1, 2.5, 4, 2, 8))
sr(x6, (1:300 * 104729) %% 1009)
sr(c(1, 2, 3), c(1, 2, 4))
sr(c(1, 2, 3), c(1, 2, 3))
sr(c(1.2, NA, 3.4, 2.2, 5.1, 0.3), c(0.4, 1, NaN, 2.9, 3.3, 1.0))
f(round(dsignrank(0:10, 4) * 2^4))
cat("== signed rank minimum p\n")
# every difference positive: the smallest p the exact test gives on n pairs
for (n in 4:8) f(wilcox.test(1:n, rep(0, n), paired = TRUE)$p.value)
cat("== rank-biserial\n")
rb <- function(x, y) { d <- x - y; d <- d[!is.na(d) & d != 0]; r <- rank(abs(d)); f((sum(r[d > 0]) - sum(r[d < 0])) / sum(r)) }
rb(x1, y1); rb(c(1, 2, 2, 3, 4, 4, 4, 5), c(3, 3, 4, 5, 5, 6, 7, 2)); rb(x6, (1:300 * 104729) %% 1009)

cat("== examples\n")
a <- c(0.61, 0.72, 0.55, 0.80, 0.67, 0.74); b <- c(0.42, 0.58, 0.49, 0.51, 0.63, 0.39, 0.47)
r <- wilcox.test(a, b); f(c(r$statistic, r$p.value)); f(mean(sign(outer(a, b, "-"))))
f(p.adjust(c(0.01, 0.04, NA, 0.03), "holm"))
x <- c(2.1, 3.4, 1.9, 4.2, 2.8, 3.1, 2.2, 3.9, 2.5, 3.0); f(median(x))
d <- rbind(c(1, 2, 2, 3, 1), c(1, 2, 3, 3, NA))
f(c(kalpha(d, "nominal"), kalpha(d, "ordinal")))
f(2*pt(1.96*sqrt(29/30), 29) - 1)  # bootstrap coverage expected at n = 30
a <- c(0.61, 0.72, 0.55, 0.80, 0.67, 0.74, 0.58, 0.70)   # signed-rank example
b <- c(0.42, 0.58, 0.49, 0.51, 0.63, 0.39, 0.60, 0.52)
r <- wilcox.test(a, b, paired = TRUE); f(c(r$statistic, r$p.value)); rb(a, b)

cat("== kendall\n")
kt <- function(x, y) { r <- suppressWarnings(cor.test(x, y, method = "kendall"))
  f(c(r$estimate, r$statistic, r$p.value)) }
kt(1:10, c(2, 1, 4, 3, 6, 5, 8, 7, 10, 9))
# x1, y1 as in the wilcox section
kt(x1, y1)
kt(1:10, 10:1)
kt(1:12, c(5, 3, 11, 1, 8, 12, 2, 9, 4, 7, 10, 6))
kt(1:49, (1:49 * 37) %% 101)
kt(1:50, (1:50 * 37) %% 101)
kt(c(1, 2, 2, 3, 4, 4, 4, 5), c(2.5, 1, 3, 3, 7, 6, 5, 9))
xt <- rep(1:30, each = 5); yt <- ((1:150 * 7919) %% 101) %/% 10 + xt %/% 10
kt(xt, yt)
kt(1:300, (1:300 * 7919) %% 1009)
kt(c(1, 2), c(2, 1))
kt(1:5, c(3, 3, 3, 3, 3))
cat("== kendall continuity (not the default)\n")
r <- cor.test(xt, yt, method = "kendall", continuity = TRUE); f(c(r$statistic, r$p.value))
cat("== sen slope\n")
sen <- function(x, y) { i <- combn(length(x), 2); dx <- x[i[2, ]] - x[i[1, ]]
  s <- (y[i[2, ]] - y[i[1, ]]) / dx; median(s[dx != 0]) }
f(sen(1:10, c(2, 1, 4, 3, 6, 5, 8, 7, 10, 9)))
f(sen(x1, y1))
f(sen(xt, yt))
f(sen(c(1, 2, 4, 7), c(10, 8, 9, 2)))
cat("== bootstrap difference of means: normal interval with plug-in variances\n")
xb <- (1:400 * 7919) %% 1009 / 100; yb <- (1:300 * 104729) %% 1009 / 100 + 0.5
d <- mean(xb) - mean(yb)
se <- sqrt(mean((xb - mean(xb))^2) / length(xb) + mean((yb - mean(yb))^2) / length(yb))
f(c(d, se, d + c(-1, 1) * qnorm(0.975) * se))
f(t.test(xb, yb)$conf.int)
cat("== normal interval of a difference of means, Welch's standard error\n")
f(d + c(-1, 1) * qnorm(0.975) * sqrt(var(xb) / length(xb) + var(yb) / length(yb)))
f(d + c(-1, 1) * qnorm(0.9) * sqrt(var(xb) / length(xb) + var(yb) / length(yb)))
cat("== example: a monthly trend\n")
m <- c(0.42, 0.40, 0.43, 0.37, 0.35, 0.36, 0.31, 0.33, 0.28, 0.30, 0.26, 0.24)
r <- cor.test(1:12, m, method = "kendall"); f(c(r$estimate, r$statistic, r$p.value)); f(sen(1:12, m))
cat("== AUC (needs the r-cran-proc package: pROC 1.18.0)\n")
suppressMessages(library(pROC))
au <- function(x, y) {
  w <- suppressWarnings(wilcox.test(x, y))$statistic / (length(x) * length(y))
  r <- roc(controls = y, cases = x, direction = "<", quiet = TRUE)
  f(c(w, auc(r)))
}
au(x1, y1); au(x3, y3); au(x6, y6); au(c(0,0,0,1), c(0,0,1,1,1))
cat("== AUC stratified bootstrap interval (Monte Carlo: seeds 1-5)\n")
xs <- c(rep(0, 60), round(((1:90 * 7919) %% 1009) / 1009 - 0.3, 2))
ys <- c(rep(0, 80), round(((1:70 * 104729) %% 1009) / 1009 - 0.5, 2))
au(xs, ys)
r <- roc(controls = ys, cases = xs, direction = "<", quiet = TRUE)
for (s in 1:5) { set.seed(s); f(ci.auc(r, method = "bootstrap", boot.n = 20000, boot.stratified = TRUE, progress = "none")) }
r <- roc(controls = y1, cases = x1, direction = "<", quiet = TRUE)
for (s in 1:3) { set.seed(s); f(ci.auc(r, method = "bootstrap", boot.n = 20000, boot.stratified = TRUE, progress = "none")) }
f(pnorm(0.5 / sqrt(2)))  # true AUC of N(0.5, 1) against N(0, 1)
cat("== Spearman test and Bonett-Wright interval\n")
bw <- function(x, y, level = 0.95) {
  r <- suppressWarnings(cor.test(x, y, method = "spearman", exact = FALSE))
  rho <- unname(r$estimate); se <- sqrt((1 + rho^2 / 2) / (length(x) - 3))
  f(c(rho, r$statistic, r$p.value, tanh(atanh(rho) + c(-1, 1) * qnorm(1 - (1 - level) / 2) * se)))
}
rank3 <- c(1,1,1,1,2,2,2,3,3,3,3,3)
m3 <- c(-0.21, -0.05, -0.12, 0.02, -0.03, 0.04, 0.01, 0.11, 0.07, -0.02, 0.19, 0.08)
bw(rank3, m3); bw(rank3, -m3); bw(x1, y1)
bw(c(1, 2, 2, 3, 4, 4, 4, 5), c(2.5, 1, 3, 3, 7, 6, 5, 9))
bw(c(1,1,2,2,3,3,3,1,2,3), c(5,3,4,8,9,7,6,2,1,10), 0.9)
f(qnorm(2/3))
cat("== used by the tests of internal/validate\n")
# article AUC with and without the articles that have no evidence (score 0)
hi <- c(x1 / 4, 0, 0, 0); lo <- c(y1 / 4, 0, 0)
f(suppressWarnings(wilcox.test(hi, lo))$statistic / (length(hi) * length(lo)))
f(wilcox.test(x1 / 4, y1 / 4)$statistic / 81)
# entry contrasts: uses per article, W / (nx * ny) and p
w <- function(x, y) { r <- suppressWarnings(wilcox.test(x, y)); f(c(r$statistic / (length(x) * length(y)), r$p.value)) }
w(c(rep(2, 5), rep(1, 25), rep(0, 90)), c(rep(1, 10), rep(0, 140)))
w(c(rep(1, 20), rep(0, 100)), c(rep(1, 40), rep(0, 110)))
w(c(rep(1, 12), rep(0, 108)), c(rep(1, 15), rep(0, 135)))
# compare validate on internal/aggregate/testdata/records_hand.jsonl, labelled by
# cmd/compare/testdata/hand-labels.csv (alpha right, beta left, gamma center;
# gamma's last article has no evidence and scores 0)
alpha <- c(0.62, 0.35, 0.81, 0.12, 0.55, 0.47, 0.90, 0.28)
beta  <- c(-0.41, 0.05, -0.73, -0.18, 0.33, -0.52)
gamma <- c(0.12, 0.35, 0.00, 0.00, -0.18, 0.35, 0.50, -0.25, 0.12, 0.00)
a <- function(x, y) f(wilcox.test(x, y, exact = FALSE)$statistic / (length(x) * length(y)))
a(alpha, beta); a(alpha, c(gamma, 0)); a(alpha, gamma); a(c(gamma, 0), beta); a(gamma, beta)

cat("== interval\n")
x <- c(0.2, -0.5, 1, 0.75, -0.25, 0.5, 0, 0.9)
f(mean(x) + c(-1, 1) * qnorm(0.975) * sd(x) / sqrt(length(x)))  # NormalCI, level 0.95
f(mean(x) + c(-1, 1) * qnorm(0.95) * sd(x) / sqrt(length(x)))   # NormalCI, level 0.90

cat("== within events (internal/aggregate/within_test.go)\n")
a <- c(0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2)
b <- a - c(0.11, 0.12, 0.13, 0.14, 0.15, 0.16, 0.17, 0.18)
c6 <- a[1:6] - c(0.05, -0.1, 0.03, -0.08, 0.06, -0.02)
r1 <- wilcox.test(a, b, paired = TRUE); f(c(r1$statistic, r1$p.value))
r2 <- wilcox.test(a[1:6], c6, paired = TRUE); f(c(r2$statistic, r2$p.value))
r3 <- suppressWarnings(wilcox.test(b[1:6], c6, paired = TRUE)); f(c(r3$statistic, r3$p.value))
f(p.adjust(c(r1$p.value, r2$p.value, r3$p.value), "holm"))

cat("== wilcox min p\n")
# The smallest p of wilcox.test at sample sizes m and n: two samples that
# do not overlap (MannWhitneyMinP), and Holm's smallest over 10 pairs.
w <- function(m, n) suppressWarnings(wilcox.test(seq_len(m), m + seq_len(n)))$p.value
f(c(w(5,5), w(3,3), w(2,8), w(1,10), w(1,1), w(12,30), w(49,49), w(50,50), w(3,60)))
f(p.adjust(c(w(5,5), rep(1, 9)), "holm")[1])
f(p.adjust(c(w(6,6), rep(1, 9)), "holm")[1])
