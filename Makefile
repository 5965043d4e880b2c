# The two commands the README starts with, and the development tasks around them.
.PHONY: demo test build release bench fuzz conformance lint clean

SWIFT ?= swift

## Runs the main job on a shipped example.
demo: build
	.build/debug/rayrec check metrics examples/ray-node.prom
	@echo
	@echo "A broken scrape gets a precise error (exit 1 is expected here):"
	-.build/debug/rayrec check metrics examples/ray-node-broken.prom

## Runs every test (installs what the tests need first).
test:
	scripts/install-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test
	scripts/openmetrics-conformance

BUILD_DEPS = libzstd-dev zlib1g-dev pkg-config

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

fuzz:
	scripts/fuzz-exposition 600

conformance: build
	scripts/openmetrics-conformance

lint:
	$(SWIFT) format lint --strict -r Sources Tests Benchmarks Fuzz

clean:
	rm -rf .build
