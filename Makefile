# The two commands the README starts with, and the development tasks around them.
.PHONY: demo test build release bench fuzz conformance lint clean

SWIFT ?= swift

## Runs the main job on a shipped recording: replay at 10x on the original ports, scrape the
## replay, answer the article's queries (scripts/demo).
demo: build
	scripts/demo

## Runs every test (installs what the tests need first).
test:
	scripts/install-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --no-parallel
	scripts/openmetrics-conformance
	scripts/e2e-replay
	RAYREC=.build/debug/rayrec scripts/rules-agreement
	scripts/e2e-serve
	scripts/e2e-remote-write
	scripts/check-close-wait

BUILD_DEPS = libzstd-dev zlib1g-dev libsnappy-dev pkg-config

build:
	scripts/install-deps $(BUILD_DEPS)
	$(SWIFT) build

release:
	scripts/install-deps $(BUILD_DEPS)
	$(SWIFT) build -c release

## Performance figures beside the peers, same run.
bench:
	scripts/install-deps
	scripts/bench-parse

## Every parser's fuzzer, ten minutes each, one after another (scripts/fuzz TARGET for one).
fuzz:
	scripts/fuzz all 600

conformance: build
	scripts/openmetrics-conformance

lint:
	$(SWIFT) format lint --strict -r Sources Tests Benchmarks Fuzz

clean:
	rm -rf .build
