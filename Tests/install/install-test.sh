#!/usr/bin/env bash
# `make install` into a temporary prefix, then the installed tool used as a user would: from another
# directory with an empty environment, its man page through man(1), then `make uninstall` (issue #9,
# acceptance 6). Run by `make test` after the suites, whose builds it reuses.
# Usage: Tests/install/install-test.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
tmp=$(mktemp -d "${TMPDIR:-/tmp}/valence-install-XXXXXX")
elsewhere=$(mktemp -d "${TMPDIR:-/tmp}/valence-elsewhere-XXXXXX")
trap 'rm -rf "$tmp" "$elsewhere"' EXIT
fail() { echo "install-test: FAIL: $*" >&2; exit 1; }

# After make test's suites, reuse their builds (the release binary, the debug one for the man page:
# rebuilding release without -enable-testing would take minutes); on their own, a whole make install.
if [ -x .build/release/valence ] && [ -x .build/debug/valence ]; then
    steps=(manual MANUAL_CONFIGURATION=debug install-files)
else
    steps=(install)
fi
make -s -C "$root" "${steps[@]}" PREFIX="$tmp" >"$elsewhere/make.log" 2>&1 || { cat "$elsewhere/make.log" >&2; fail "make ${steps[*]}"; }

for file in bin/valence share/valence/Lexicons/en/rules.txt share/valence/Lexicons/zh-TW/lexicon.tsv \
    share/man/man1/valence.1 share/bash-completion/completions/valence share/zsh/site-functions/_valence \
    share/fish/vendor_completions.d/valence.fish; do
    [ -s "$tmp/$file" ] || fail "make install did not write $file"
done

# No VALENCE_LEXICONS, no HOME, not run from the repository: the packs come from share/valence.
cd "$elsewhere"
expected='{
    "Sentiment": "POSITIVE",'
out=$(env -i PATH=/usr/bin:/bin "$tmp/bin/valence" detect-sentiment --language-code en --text "I love it") \
    || fail "detect-sentiment exited with $?"
[ "${out:0:${#expected}}" = "$expected" ] || fail "detect-sentiment printed: $out"
# Found through PATH too (argv[0] is then a bare name).
env -i PATH="$tmp/bin:/usr/bin:/bin" valence detect-sentiment --language-code fr --text "C'est génial" >/dev/null \
    || fail "valence through PATH exited with $?"

page=$(env -i PATH=/usr/bin:/bin MANPAGER=cat MANWIDTH=80 man -M "$tmp/share/man" valence 2>&1) || fail "man: $page"
grep -q "detect-sentiment" <<<"$page" || fail "the man page does not list detect-sentiment: $page"
grep -q "valence" <<<"$(bash -c "source '$tmp/share/bash-completion/completions/valence' && complete -p valence")" \
    || fail "the bash completion does not register for valence"
cd "$root"

make -s -C "$root" uninstall PREFIX="$tmp" >"$elsewhere/make.log" 2>&1 || { cat "$elsewhere/make.log" >&2; fail "make uninstall"; }
left=$(find "$tmp" -type f -o -type l)
[ -z "$left" ] || fail "make uninstall left: $left"
echo "install-test: ok (make install, detect-sentiment with an empty environment, man page, completions, make uninstall)"
