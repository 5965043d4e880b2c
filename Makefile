# The two commands the README starts with, and the development tasks around them.
.PHONY: demo test build release bench fuzz conformance lint clean

SWIFT ?= swift

## Runs the main job on a shipped example: what a real Ray recording holds, and one of its scrapes.
RECORDING = recordings/ray-2.60-workload.rayrec
demo: build
	.build/debug/rayrec info $(RECORDING)
	@echo
	@echo "The object store of the Ray node one minute before the end of the recording:"
	.build/debug/rayrec cat $(RECORDING) --target 127.0.0.1:42867 --at end-1m | grep '^ray_object_store_memory{Component="raylet"' | cut -c1-150
	@echo
	.build/debug/rayrec cat $(RECORDING) --target 127.0.0.1:42867 --at end-1m | .build/debug/rayrec check metrics -

## Runs every test (installs what the tests need first).
test:
	scripts/install-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test
	scripts/openmetrics-conformance
	scripts/e2e-replay

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
