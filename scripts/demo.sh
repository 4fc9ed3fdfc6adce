#!/usr/bin/env bash
# What `make demo` shows: Valence scoring real sentences, as Comprehend's operations and as JSON Lines.
set -euo pipefail
valence=${1:-.build/release/valence}
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

step valence detect-sentiment --language-code en --text "It is a beautiful day in Seattle"
"$valence" detect-sentiment --language-code en --text "It is a beautiful day in Seattle"

step valence batch-detect-sentiment --language-code en --text-list "I loved it" "It was awful"
"$valence" batch-detect-sentiment --language-code en --text-list "I loved it" "It was awful"

step valence analyze --language-code en --input Examples/reviews-en.jsonl
"$valence" analyze --language-code en --input Examples/reviews-en.jsonl

step 'valence analyze --explain   (one document: how each token scored)'
tail -n 1 Examples/reviews-en.jsonl | "$valence" analyze --language-code en --explain | python3 -c '
import json, sys
for line in sys.stdin:
    record = json.loads(line)
    print(record["id"], record["Sentiment"], record["Valence"])
    for t in record["Tokens"]:
        if t["base"] is not None or t["rules"]:
            print("   %-10s base %-5s final %-7s %s" % (t["token"], t["base"], round(t["value"], 4), "; ".join(t["rules"])))
'

step 'valence segment   (ICU word break in other Comprehend languages)'
while IFS='|' read -r lang text; do
    printf '%-6s %s\n       ' "$lang" "$text"
    "$valence" segment --language-code "$lang" --text "$text" | cut -f2 | paste -sd'|'
done <<'TEXTS'
ja|このカメラは軽くて使いやすいです！
zh|这家餐厅的服务太慢了，但是菜很好吃。
zh-TW|這本書寫得非常精彩，我推薦給大家。
ko|배송이 빨라서 정말 좋았어요 👍
ar|الخدمة كانت ممتازة والأسعار معقولة.
hi|यह फ़िल्म बहुत अच्छी थी, 10/10!
de|Das Essen war überraschend gut, aber zu teuer.
fr|L'hôtel était magnifique, je n'ai rien à redire.
TEXTS
