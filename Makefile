# make assets   fetch ECharts (pinned in internal/report/package-lock.json) for the report
# make sample   write reports/sample.html from the built-in sample corpus
# make test     gofmt, go vet and go test: what CI runs
# make duckdb   install DuckDB (pinned in scripts/duckdb/package-lock.json), the
#               independent reader the Parquet test reads compare's tables with

REPORT  := internal/report
ECHARTS := $(REPORT)/assets/echarts.min.js

DUCKDB := scripts/duckdb/node_modules/@duckdb/node-api/package.json

.PHONY: assets duckdb sample test

# npm ci installs exactly the locked version and checks its integrity hash
# (sha512, in package-lock.json) before the file is copied where go:embed
# finds it. Nothing runs when the file is already newer than the lock.
assets: $(ECHARTS)

$(ECHARTS): $(REPORT)/package.json $(REPORT)/package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
		echo "ECharts missing: npm is needed once to fetch it (apt-get install npm), then run make assets"; exit 1; }
	npm ci --prefix $(REPORT) --ignore-scripts --no-audit --no-fund
	@test -f $(REPORT)/node_modules/echarts/dist/echarts.min.js || { \
		echo "ECharts missing: npm ci did not install echarts; see $(REPORT)/package.json"; exit 1; }
	mkdir -p $(REPORT)/assets
	cp $(REPORT)/node_modules/echarts/dist/echarts.min.js $@

# DuckDB is for one test only; without npm (or the registry) that test
# skips, and says so, rather than the whole suite failing here.
duckdb: $(DUCKDB)

$(DUCKDB): scripts/duckdb/package.json scripts/duckdb/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix scripts/duckdb --ignore-scripts --no-audit --no-fund || \
			echo "duckdb: npm ci failed; TestParquetDuckDB will skip"; \
	else echo "duckdb: npm missing; TestParquetDuckDB will skip"; fi

sample: assets
	go run ./cmd/compare report --outlets testdata/sample-outlets.yaml --label-field group --order "opposition,wire,state media" -o reports/sample.html testdata/sample
	@echo "open reports/sample.html in a browser (it works offline)"

# -timeout 30m: cmd/compare's race-instrumented tests (browser, DuckDB, R) took
# 380 s on the 2-core machine under load, close to go test's 10-minute default;
# a slow machine should not fail CI on time alone.
test: assets duckdb
	@unformatted="$$(gofmt -l $$(git ls-files '*.go'))"; \
		if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	go vet ./...
	go test -race -timeout 30m ./...
