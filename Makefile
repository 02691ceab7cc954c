# apigen: generate Go packages for Twilio's Users APIs from spec/.
GO      ?= go
FUZZTIME ?= 30s
SOAKTIME ?= 20s

# Two modules: the generator's (.) and the consumers' (generated/, with the
# fake), each run on its own with go -C, so no workspace is involved (a
# go.work would refuse GOFLAGS=-mod=mod, which some machines set).
GEN := $(GO) -C generated

.PHONY: all generate golden check lint test bench bench-peer fuzz soak load

all: generate test

## generate: regenerate generated/ from spec/ (the main job)
generate:
	$(GO) generate ./...

## golden: regenerate generated/ and rewrite every golden file of the tests;
## read the diff (git diff) before committing it
golden: generate
	$(GO) test -count=1 ./... -update
	$(GEN) test -count=1 ./... -update

## check: fail when generated/ is stale, unformatted or not vet-clean
check:
	$(GO) run ./cmd/apigen -config apigen.json -strict -check
	@out="$$(gofmt -l cmd generator generated templates 2>/dev/null)"; \
	  if [ -n "$$out" ]; then echo "gofmt -l found unformatted files:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GEN) vet ./...

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
	$(GO) test $(RACE) -count=1 ./...
	$(GEN) test $(RACE) -count=1 ./...

## bench: benchmarks (see BENCHMARKS.md); under 4 minutes once twilio-go
## is in the build cache (bench-peer's first run compiles it, about a minute)
bench:
	$(GO) test -run='^$$' -bench='GenerateProject' -benchtime=0.5s -benchmem -count=5 ./generator/gen/
	$(GEN) test -run='^$$' -bench='Server|DecodeListPage1000|EncodeListPage1000|FetchRoundTrip|ListRoundTrip1000' -benchtime=0.5s -benchmem -count=5 ./fake/ .
	$(GO) test -run='^$$' -bench='GenerateScale|ScaleFloor' -benchtime=1x -benchmem -count=3 ./generator/gen/
	$(GO) run ./cmd/benchgen -runs 9 -synthetic=false
	$(GO) run ./cmd/benchclient

## bench-peer: the generated chatv2 client against twilio-go (the official
## SDK, in a temporary module outside the repository): fetching and decoding
## a page of 1000 users from one loopback server, and decoding alone against
## json.Valid, in alternating rounds; medians and ratios (issue 14)
bench-peer:
	$(GO) run ./cmd/benchclient

## fuzz: run every fuzz target for FUZZTIME each
fuzz:
	@set -e; for mod in . generated; do \
	  for pkg in $$($(GO) -C $$mod list ./...); do \
	    for target in $$($(GO) -C $$mod test -list='^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	      echo "== $$pkg $$target"; \
	      $(GO) -C $$mod test -run='^$$' -fuzz="^$$target$$" -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s $$pkg; \
	    done; \
	  done; \
	done

## soak: the fake's server under abuse for SOAKTIME (default 20s): 200 slow
## bodies and 5000 idle connections beside a well-behaved client, on loopback
soak:
	FAKE_SOAK=$(SOAKTIME) $(GEN) test -count=1 -run='^TestSoak$$' -v -timeout=10m ./fake/

## load: the fake under load on loopback: requests/s, p50 and p99 of fetch,
## create and list at concurrency 1, 16 and 64, through the generated handler
## and a hand-written one, in LOADROUNDS (default 5) alternating rounds of
## LOADTIME (default 1s) per handler a row; medians and the spread of the
## ratio (see BENCHMARKS.md; measure on a quiet machine). About 90 s by default
LOADTIME ?= 1s
LOADROUNDS ?= 5
load:
	FAKE_LOAD=$(LOADTIME) LOADROUNDS=$(LOADROUNDS) $(GEN) test -count=1 -run='^TestLoad$$' -v -timeout=10m ./fake/
