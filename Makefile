# The README's two commands (demo, test), and install / uninstall. Each installs what is missing first.
SWIFT ?= swift
export VALENCE_LEXICONS := $(CURDIR)/Lexicons

# make install [PREFIX=/usr/local] [DESTDIR=staging root]
PREFIX ?= /usr/local
DEST := $(DESTDIR)$(PREFIX)
BIN := .build/release/valence
# The man page's date: the last commit's, so that a rebuild of the same tree gives the same page.
MANUAL_DATE := $(shell git -C $(CURDIR) log -1 --format=%cs 2>/dev/null || date -u +%Y-%m-%d)
MANUAL := .build/manual/valence.1
# The build the man page generator reads the commands from (the page is the same for either).
MANUAL_CONFIGURATION ?= release
INSTALLED_FILES := bin/valence share/man/man1/valence.1 share/bash-completion/completions/valence \
	share/zsh/site-functions/_valence share/fish/vendor_completions.d/valence.fish

.PHONY: demo test test-slurm bench-thresholds deps system-deps build release manual install install-files uninstall clean

system-deps:
	@tools/install-deps.sh

deps:
	@tools/install-deps.sh --python

build: deps
	$(SWIFT) build

release: system-deps
	$(SWIFT) build -c release --product valence

demo: release
	@tools/demo.sh $(BIN)

# Debug and release suites, then the Python-side checks against the real vaderSentiment, a short
# run of every fuzz target (tools/fuzz.sh; the long run is tools/fuzz.sh alone), then an install
# into a temporary prefix (reusing the binaries the suites built).
test: deps
	$(SWIFT) test
	$(SWIFT) test -c release
	VALENCE_CONFIGURATION=release python3 -m pytest -q Tests/parity
	tools/fuzz.sh --seconds 5
	Tests/install/install-test.sh

# A 4-shard job on a one-node Slurm cluster of this machine, run by deploy/slurm's sbatch script
# (installs slurm-wlm and munge from Debian if missing; needs root for that).
# REUSE_BUILD=1 (CI, right after make test) takes the binary `swift test -c release` built: building the
# product alone again would recompile every module without testability (minutes, same behaviour).
test-slurm: deps
	@if [ "$(REUSE_BUILD)" = 1 ] && [ -x $(BIN) ]; then echo "test-slurm: reusing $(BIN)"; \
	else $(SWIFT) build -c release --product valence; fi
	tools/test-slurm.sh

# The allocations of a pack load (every language) and of the record encoder and compressors against
# Benchmarks/Thresholds (package-benchmark; its own package and release build): fails on more.
bench-thresholds: system-deps
	tools/bench-thresholds.sh check

# ArgumentParser's own man page generator (the generate-manual plugin of swift-argument-parser).
manual: system-deps
	$(SWIFT) package plugin generate-manual --configuration $(MANUAL_CONFIGURATION) --date $(MANUAL_DATE) >/dev/null
	@mkdir -p $(dir $(MANUAL))
	cp .build/plugins/GenerateManual/outputs/valence/valence.1 $(MANUAL)

install: release manual
	@$(MAKE) -s install-files

# What install copies, from what is already built (the install test reuses make test's builds).
install-files:
	@test -x $(BIN) && test -s $(MANUAL) || { echo "install-files: build first (make install)" >&2; exit 1; }
	install -d $(DEST)/bin $(DEST)/share/valence $(DEST)/share/man/man1 $(DEST)/share/bash-completion/completions \
		$(DEST)/share/zsh/site-functions $(DEST)/share/fish/vendor_completions.d
	install -m 755 $(BIN) $(DEST)/bin/valence
	rm -rf $(DEST)/share/valence/Lexicons
	cp -R Lexicons $(DEST)/share/valence/Lexicons
	chmod -R u=rwX,go=rX $(DEST)/share/valence/Lexicons
	install -m 644 $(MANUAL) $(DEST)/share/man/man1/valence.1
	$(BIN) --generate-completion-script bash > $(DEST)/share/bash-completion/completions/valence
	$(BIN) --generate-completion-script zsh > $(DEST)/share/zsh/site-functions/_valence
	$(BIN) --generate-completion-script fish > $(DEST)/share/fish/vendor_completions.d/valence.fish
	chmod 644 $(DEST)/share/bash-completion/completions/valence $(DEST)/share/zsh/site-functions/_valence \
		$(DEST)/share/fish/vendor_completions.d/valence.fish

# Removes exactly what install put there (and share/valence, which only Valence uses).
uninstall:
	rm -f $(addprefix $(DEST)/,$(INSTALLED_FILES))
	rm -rf $(DEST)/share/valence/Lexicons
	rmdir $(DEST)/share/valence 2>/dev/null || true

clean:
	rm -rf .build
