# jixiao: the two commands a newcomer needs are `make run` and `make test`.
SWIFT ?= swift
BIN := .build/debug/jixiao

.PHONY: run test build deps bench clean

deps:
	@scripts/ensure-deps.sh

build: deps
	$(SWIFT) build

## Opens the shell; with no filing given it loads the bundled example.
run: build
	@$(BIN) $(ARGS)

## Builds everything and runs every test (unit, transcripts, end-to-end, tmux).
test: deps
	$(SWIFT) build
	$(SWIFT) test

## Prints how fast the reader and the scoring run (figures only, never asserted).
bench: deps
	$(SWIFT) build -c release
	.build/release/jixiao-bench

clean:
	rm -rf .build
