# apigen: generate Go packages for Twilio's Users APIs from spec/.
GO      ?= go
FUZZTIME ?= 30s
SOAKTIME ?= 20s

# The generator's module (.) and the consumers' module (generated/, with the
# fake), joined by go.work.
PKGS := ./... ./generated/...

.PHONY: all generate golden check lint test bench fuzz soak load

all: generate test

## generate: regenerate generated/ from spec/ (the main job)
generate:
	$(GO) generate ./...

## golden: regenerate generated/ and rewrite every golden file of the tests;
## read the diff (git diff) before committing it
golden: generate
	$(GO) test -count=1 $(PKGS) -update

## check: fail when generated/ is stale, unformatted or not vet-clean
check:
	$(GO) run ./cmd/apigen -config apigen.json -strict -check
	@out="$$(gofmt -l cmd generator generated templates 2>/dev/null)"; \
	  if [ -n "$$out" ]; then echo "gofmt -l found unformatted files:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)

## lint: Spectral's standard OpenAPI ruleset (.spectral.yaml) on every document
## in spec/; fails on any warning. Needs node and npm: the first run installs
## the Spectral pinned in package-lock.json into node_modules/ (npm ci)
SPECTRAL := node_modules/.bin/spectral
lint: node_modules/.installed
	$(SPECTRAL) lint --ruleset .spectral.yaml --fail-severity=warn spec/*.yaml

node_modules/.installed: package.json package-lock.json
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || \
	  { echo "make lint: node and npm are needed (Node.js 20.17 or later, https://nodejs.org/)" >&2; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

## test: every test, plus the seed corpora of the fuzz targets; with the
## race detector where cgo is available (it needs a C compiler), without
## it elsewhere (RACE= turns it off)
RACE ?= $(shell [ "$$($(GO) env CGO_ENABLED)" = 1 ] && echo -race)
test:
	$(GO) test $(RACE) -count=1 $(PKGS)

## bench: benchmarks (see BENCHMARKS.md); under 3 minutes
bench:
	$(GO) test -run='^$$' -bench='GenerateProject|Server|DecodeListPage1000|FetchRoundTrip' -benchtime=0.5s -benchmem -count=5 ./generator/gen/ ./generated/fake/ ./generated/
	$(GO) test -run='^$$' -bench=GenerateScale -benchtime=1x -benchmem -count=3 ./generator/gen/
	$(GO) run ./cmd/benchgen -runs 9 -synthetic=false

## fuzz: run every fuzz target for FUZZTIME each
fuzz:
	@set -e; for pkg in $$($(GO) list $(PKGS)); do \
	  for target in $$($(GO) test -list='^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$target"; \
	    $(GO) test -run='^$$' -fuzz="^$$target$$" -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s $$pkg; \
	  done; \
	done

## soak: the fake's server under abuse for SOAKTIME (default 20s): 200 slow
## bodies and 5000 idle connections beside a well-behaved client, on loopback
soak:
	FAKE_SOAK=$(SOAKTIME) $(GO) test -count=1 -run='^TestSoak$$' -v -timeout=10m ./generated/fake/

## load: the fake under load on loopback, LOADTIME (default 2s) a row:
## requests/s, p50 and p99 of fetch, create and list at concurrency 1, 16
## and 64, through the generated handler and a hand-written one (see
## BENCHMARKS.md; measure on a quiet machine)
LOADTIME ?= 2s
load:
	FAKE_LOAD=$(LOADTIME) $(GO) test -count=1 -run='^TestLoad$$' -v -timeout=10m ./generated/fake/
