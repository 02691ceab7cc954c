# apigen: generate Go packages for Twilio's Users APIs from spec/.
GO      ?= go
FUZZTIME ?= 30s

.PHONY: all generate check test bench fuzz

all: generate test

## generate: regenerate generated/ from spec/ (the main job)
generate:
	$(GO) generate ./...

## check: fail when generated/ is stale, unformatted or not vet-clean
check:
	$(GO) run ./cmd/apigen -config apigen.json -check
	@out="$$(gofmt -l cmd generator generated 2>/dev/null)"; \
	  if [ -n "$$out" ]; then echo "gofmt -l found unformatted files:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

## test: every test, plus the seed corpora of the fuzz targets
test:
	$(GO) test -race -count=1 ./...

## bench: benchmarks (issue 7)
bench:
	$(GO) test -run='^$$' -bench=. -benchmem -count=6 ./...

## fuzz: run every fuzz target for FUZZTIME each
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for target in $$($(GO) test -list='^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$target"; \
	    $(GO) test -run='^$$' -fuzz="^$$target$$" -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s $$pkg; \
	  done; \
	done
