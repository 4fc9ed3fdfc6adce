"""How often ASCII ?/! and full-width ？/！ occur (documents containing each) in the ja/zh/zh-TW train and dev
files, by gold class. python3 xl_punct.py"""
import json
for lang in ["ja", "zh", "zh-TW"]:
    for part in ["train", "eval"]:
        docs = [json.loads(l) for l in open(f"/work/shared/{part}/{lang}.jsonl", encoding="utf-8") if l.strip()]
        n = len(docs); c = lambda ch: sum(ch in d["text"] for d in docs)
        anyq = sum(("?" in d["text"]) or ("？" in d["text"]) for d in docs)
        anye = sum(("!" in d["text"]) or ("！" in d["text"]) for d in docs)
        print(f"{lang:5s} {part:5s} n={n:5d}  docs with ASCII ? {c('?'):5d} ({100*c('?')/n:4.1f}%)  full-width ？ {c('？'):5d} ({100*c('？')/n:4.1f}%)  either {100*anyq/n:4.1f}% | "
              f"ASCII ! {c('!'):5d} ({100*c('!')/n:4.1f}%)  full-width ！ {c('！'):5d} ({100*c('！')/n:4.1f}%)  either {100*anye/n:4.1f}%")
