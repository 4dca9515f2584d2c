package stats

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
)

// bootstrapStream is the second PCG seed word. Fixing it makes a bootstrap
// a function of the caller's seed alone.
const bootstrapStream = 0x636f6d7061726531 // "compare1"

// DeriveSeed returns the seed of one of many bootstraps drawn under the
// user's seed: FNV-1a (64 bits) of seed as 8 little-endian bytes followed
// by key. Giving each interval its own key ("auc/left-right/right>left")
// makes it depend only on the seed and its own data, not on which other
// intervals were computed before it.
func DeriveSeed(seed uint64, key string) uint64 {
	h := fnv.New64a()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], seed)
	h.Write(b[:])
	h.Write([]byte(key))
	return h.Sum64()
}

// BootstrapCI returns the percentile bootstrap confidence interval at
// confidence level for statistic evaluated on x (Efron and Tibshirani
// 1993, ch. 13). It draws resamples samples of len(x) values from x with
// replacement, evaluates statistic on each giving θ*_1, …, θ*_B, and
// returns
//
//	lo = Q7((1−level)/2),  hi = Q7(1 − (1−level)/2)
//
// of the θ*_b, where Q7 is the type-7 quantile of Quantile7.
//
// The resampling uses math/rand/v2's PCG source seeded with (seed, a fixed
// constant), so the interval is a deterministic function of x, statistic,
// resamples, level and seed. One buffer is reused for every resample:
// statistic may modify its argument but must not keep it. If statistic
// returns NaN for some resample, lo and hi are NaN.
//
// BootstrapCI panics if x is empty, resamples < 1, or level is not
// strictly between 0 and 1.
func BootstrapCI(x []float64, statistic func([]float64) float64, resamples int, level float64, seed uint64) (lo, hi float64) {
	checkBootstrap(len(x), resamples, level)
	rng := newDraws(seed)
	buf := make([]float64, len(x))
	theta := make([]float64, resamples)
	for b := range theta {
		rng.resample(x, buf)
		theta[b] = statistic(buf)
	}
	return percentileInterval(theta, level)
}

// checkBootstrap panics on the misuses BootstrapCI and BootstrapDiffCI
// document: an empty sample (n = 0), resamples < 1, or a level outside
// (0, 1).
func checkBootstrap(n, resamples int, level float64) {
	if n == 0 {
		panic("stats: bootstrap of empty sample")
	}
	if resamples < 1 {
		panic("stats: bootstrap needs at least one resample")
	}
	if !(level > 0 && level < 1) {
		panic("stats: confidence level out of range (0, 1)")
	}
}

// draws is the bootstrap's random stream: math/rand/v2's PCG seeded with
// (seed, bootstrapStream), read as rand.Rand.IntN reads it.
type draws struct {
	pcg *rand.PCG
	rng *rand.Rand // over pcg
}

func newDraws(seed uint64) draws {
	pcg := rand.NewPCG(seed, bootstrapStream)
	return draws{pcg: pcg, rng: rand.New(pcg)}
}

// resample fills buf with len(buf) values drawn from x with replacement:
// buf[i] = x[rand.New(pcg).IntN(len(x))], drawn in turn.
//
// It draws the same indices as IntN, calling the PCG itself rather than
// through rand.Rand's Source interface, which is about half the time of a
// bootstrap (BenchmarkBootstrapCI): on 64-bit platforms IntN(n) is
// uint64n, Lemire's multiply-shift with rejection, repeated here; a test
// (TestResampleDrawsAsIntN) holds the two to the same values. Elsewhere
// (32-bit platforms, where IntN draws 32 bits at a time) it calls IntN.
func (d draws) resample(x, buf []float64) {
	n := uint64(len(x))
	if math.MaxInt != math.MaxInt64 {
		for i := range buf {
			buf[i] = x[d.rng.IntN(len(x))]
		}
		return
	}
	if n&(n-1) == 0 { // a power of two: masked
		for i := range buf {
			buf[i] = x[d.pcg.Uint64()&(n-1)]
		}
		return
	}
	for i := range buf {
		hi, lo := bits.Mul64(d.pcg.Uint64(), n)
		if lo < n {
			thresh := -n % n
			for lo < thresh {
				hi, lo = bits.Mul64(d.pcg.Uint64(), n)
			}
		}
		buf[i] = x[hi]
	}
}

// percentileInterval returns the type-7 quantiles (1−level)/2 and
// 1 − (1−level)/2 of the bootstrap replicates theta, which it sorts, or
// NaN, NaN if any replicate is NaN.
func percentileInterval(theta []float64, level float64) (lo, hi float64) {
	if hasNaN(theta) {
		return math.NaN(), math.NaN()
	}
	slices.Sort(theta)
	alpha := (1 - level) / 2
	return quantile7Sorted(alpha, theta), quantile7Sorted(1-alpha, theta)
}
