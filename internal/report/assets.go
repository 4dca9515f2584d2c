package report

import (
	_ "embed"
	"fmt"
	"regexp"
	"strconv"
)

// The report inlines ECharts so that it opens offline. The file is not in
// the repository: `make assets` fetches the version pinned in
// package-lock.json from the npm registry with `npm ci` (which checks its
// integrity hash) and copies dist/echarts.min.js to assets/.
//
// If the build stops here with "pattern assets/echarts.min.js: no matching
// files found", ECharts is missing: run `make assets` in the repository
// root (npm ci in internal/report).
//
//go:embed assets/echarts.min.js
var echartsJS string

// MinEChartsVersion is the oldest ECharts the report accepts: older
// versions render tooltips in a way open to injected markup
// (CVE-2026-45249).
var MinEChartsVersion = [3]int{6, 1, 0}

var echartsVersionRE = regexp.MustCompile(`[,;]\w+\.version="(\d+)\.(\d+)\.(\d+)"`)

// EChartsVersion returns the version of the embedded ECharts, read from
// its source, or an error when it cannot be found.
func EChartsVersion() ([3]int, error) {
	return parseEChartsVersion(echartsJS)
}

func parseEChartsVersion(src string) ([3]int, error) {
	m := echartsVersionRE.FindStringSubmatch(src)
	if m == nil {
		return [3]int{}, fmt.Errorf("report: no version in the embedded ECharts (run make assets)")
	}
	var v [3]int
	for i := range v {
		v[i], _ = strconv.Atoi(m[i+1])
	}
	return v, nil
}

// versionAtLeast reports whether v ≥ min.
func versionAtLeast(v, min [3]int) bool {
	for i := range v {
		if v[i] != min[i] {
			return v[i] > min[i]
		}
	}
	return true
}
