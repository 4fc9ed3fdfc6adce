# The README's two commands. Both install what is missing first.
SWIFT ?= swift
export VALENCE_LEXICONS := $(CURDIR)/Lexicons

.PHONY: demo test deps build release clean

deps:
	@tools/install-deps.sh --python

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product valence

demo: release
	@tools/demo.sh .build/release/valence

# Debug and release suites, then the Python-side checks against the real vaderSentiment.
test: deps
	$(SWIFT) test
	$(SWIFT) test -c release
	VALENCE_CONFIGURATION=release python3 -m pytest -q Tests/parity

clean:
	rm -rf .build
