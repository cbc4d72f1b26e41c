# jixiao: the two commands a newcomer needs are `make run` and `make test-all`.
SWIFT ?= swift
BIN := .build/debug/jixiao

.PHONY: run test test-slow test-all test-release build deps test-deps bench lint clean fuzz fuzz-reader fuzz-shell \
	release install

deps:
	@scripts/ensure-deps.sh

test-deps:
	@scripts/ensure-deps.sh --test

build: deps
	$(SWIFT) build

## Opens the shell; with no filing given it loads the bundled example.
run: build
	@$(BIN) $(ARGS)

## The tests fall in two tiers. Every suite whose name starts with `Slow` is in the slow tier:
## stress tests (50,000 files, a 20 MB line, every fixture mangled, 210 kills during export).
SLOW := \.Slow[A-Za-z]*Tests

## The fast tier: what a developer runs after each change. Unit tests, golden transcripts,
## end-to-end and tmux tests on the debug build.
test: test-deps
	$(SWIFT) build
	$(SWIFT) test --skip '$(SLOW)'

## The slow tier: the stress tests, then the end-to-end tests (sessions, flags, tmux, kills) again
## on the release binary, the static one `make install` ships, so it is tested as it is delivered.
test-slow: test-deps
	$(SWIFT) build
	$(SWIFT) test --filter 'JixiaoKitTests$(SLOW)'
	@$(MAKE) --no-print-directory test-release

## Both tiers, as CI runs them.
test-all: test test-slow

test-release: release
	JIXIAO_BINARY=$(CURDIR)/.build/release/jixiao $(SWIFT) test --filter EndToEndTests

## The formatter's rules (.swift-format), and no source line over 120 bytes. Bytes, not characters:
## swift format counts a Chinese character as one column, a terminal shows it in two, UTF-8 takes three,
## so 120 bytes keeps every line within 120 columns however it is measured.
lint:
	$(SWIFT) format lint --strict --recursive Sources Tests
	@! LC_ALL=C grep -nE '^.{121,}' -r Sources Tests --include='*.swift' \
		|| { echo "lint: the lines above are over 120 bytes" >&2; exit 1; }

## The release binary at .build/release/jixiao: one static executable, the Swift runtime,
## Foundation, libsqlite3, zlib and libedit all linked in. With no shared library to find,
## map and relocate, it starts in under twice sqlite3's time (dynamically linked, over three
## times). A static libedit does not name what it needs, so its libraries follow it here:
## libtinfo, libbsd and libmd (Debian's libedit-dev brings their static archives).
RELEASE := -c release --static-swift-stdlib -Xswiftc -static-executable \
	-Xlinker -ltinfo -Xlinker -lbsd -Xlinker -lmd -Xlinker -licuuc -Xlinker -licudata -Xlinker -llzma -Xlinker -lz -Xlinker -lm
release: deps
	$(SWIFT) build $(RELEASE) --product jixiao

## Installs the release binary, stripped of its symbols, as $(PREFIX)/bin/jixiao (PREFIX=/usr/local
## unless given).
PREFIX ?= /usr/local
install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -s -m 755 .build/release/jixiao $(DESTDIR)$(PREFIX)/bin/jixiao

## Prints how fast the reader, the scoring, the what-if edits and a 10,000-filing county run
## (figures only, never asserted). The county is made once by scripts/make-county.py. Whole
## processes are timed on the release binary stripped as `make install` installs it.
COUNTY := .build/bench-county-10000
bench: release
	$(SWIFT) build $(RELEASE) --product jixiao-bench
	@test -d $(COUNTY) || python3 scripts/make-county.py 10000 $(COUNTY)
	strip -o .build/release/jixiao-installed .build/release/jixiao
	JIXIAO_BINARY=.build/release/jixiao-installed .build/release/jixiao-bench --county $(COUNTY)

## Runs both fuzzers under libFuzzer (AddressSanitizer on), one after the other, each for
## FUZZ_RUNS inputs in each of FUZZ_JOBS processes (FUZZ_JOBS=2 FUZZ_RUNS=500000 is a million
## on two cores; each job logs to .build/fuzz-N.log): the reader, seeded with every fixture
## (corpus .build/fuzz-corpus), then command scripts run by a shell confined to a private
## folder, seeded with the scripts of sessions/ and Tests/Fixtures/fuzz-shell (corpus
## .build/fuzz-shell-corpus). A script does far more than a file read (25 to 40 a second under
## the sanitizer on this 2-core machine), so a million of them takes a night. The shell fuzzer
## runs without LeakSanitizer's check after each input and without allocation stacks: Swift's
## runtime caches make most inputs look leaky, and the check and the stacks cost more than the
## script (a crash is still caught and saved; replay it for the stacks). Leaks are the reader
## fuzzer's to find.
## A crash or hang is written to .build/fuzz-artifacts and replays with
## `swift run jixiao-fuzz FILE` or `swift run jixiao-fuzz-shell FILE`.
FUZZ_RUNS ?= 1000000
FUZZ_JOBS ?= 1
FUZZ_PARALLEL := $(if $(filter-out 1,$(FUZZ_JOBS)),-jobs=$(FUZZ_JOBS) -workers=$(FUZZ_JOBS))
FUZZ_SEEDS := Tests/Fixtures/filings Tests/Fixtures/filings/wild Tests/Fixtures/docx Tests/Fixtures/formats \
	Tests/Fixtures/bad Tests/Fixtures/fuzz
FUZZ_SHELL_SEEDS := sessions Tests/Fixtures/fuzz-shell
fuzz: fuzz-reader fuzz-shell

fuzz-reader: deps
	$(SWIFT) build -c release --product jixiao-fuzz --build-path .build/fuzz \
		-Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
	@mkdir -p .build/fuzz-corpus .build/fuzz-artifacts
	cd .build && LSAN_OPTIONS=suppressions=../scripts/lsan.supp fuzz/release/jixiao-fuzz -runs=$(FUZZ_RUNS) \
		$(FUZZ_PARALLEL) -timeout=10 -print_final_stats=1 -artifact_prefix=fuzz-artifacts/ fuzz-corpus \
		$(addprefix ../,$(FUZZ_SEEDS))

fuzz-shell: deps
	$(SWIFT) build -c release --product jixiao-fuzz-shell --build-path .build/fuzz \
		-Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
	@rm -rf .build/fuzz-shell-seeds
	@mkdir -p .build/fuzz-shell-corpus .build/fuzz-shell-seeds .build/fuzz-artifacts
	@cp $(addsuffix /*.jx,$(FUZZ_SHELL_SEEDS)) .build/fuzz-shell-seeds/
	cd .build && ASAN_OPTIONS=malloc_context_size=0 fuzz/release/jixiao-fuzz-shell -runs=$(FUZZ_RUNS) \
		$(FUZZ_PARALLEL) -detect_leaks=0 -max_len=4096 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
		-artifact_prefix=fuzz-artifacts/shell- fuzz-shell-corpus fuzz-shell-seeds

clean:
	rm -rf .build
