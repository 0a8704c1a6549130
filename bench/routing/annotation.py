#!/usr/bin/env python3
"""How far a reader gets on the routing benchmark's data: a blind annotation of the 99 labelled Helsinki requests.

  python3 bench/routing/annotation.py prepare DIR   # the annotator's material: catalogue.md, requests.jsonl (no labels)
  python3 bench/routing/annotation.py score         # agreement of bench/routing/annotation/reader-*.jsonl with the labels

An annotator reads only DIR/catalogue.md (the city's ten services: name, group, description, keywords) and
DIR/requests.jsonl (title + description of each request, shuffled, under a neutral id) and ranks three services for each
request. Their answers are stored under bench/routing/annotation/ keyed by the request's service_request_id.
Standard library only.
"""
import collections
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src/test/resources/data/open311-helsinki-dev.jsonl"
SERVICES = ROOT / "src/main/resources/data/open311-helsinki-services.json"
ANNOTATION = Path(__file__).resolve().parent / "annotation"


def requests():
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def prepare(out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    services = json.loads(SERVICES.read_text(encoding="utf-8"))["services"]
    lines = ["# The City of Helsinki's feedback services (Open311 service list)\n"]
    for s in services:
        lines.append(f"## {s['service_code']}: {s['service_name']}\n- group: {s.get('group')}\n"
                     f"- description: {s['description']}\n- keywords: {s.get('keywords')}\n")
    (out / "catalogue.md").write_text("\n".join(lines), encoding="utf-8")
    rows = requests()
    order = list(range(len(rows)))
    random.Random(20261124).shuffle(order)
    key = {}
    with open(out / "requests.jsonl", "w", encoding="utf-8") as f:
        for n, i in enumerate(order, 1):
            r = rows[i]
            text = ((r.get("title") or "") + "\n" + (r.get("description") or "")).strip()
            f.write(json.dumps({"id": f"r{n:03d}", "text": text}, ensure_ascii=False) + "\n")
            key[f"r{n:03d}"] = r["service_request_id"]
    # kept apart from what the annotator reads
    (out.parent / (out.name + "-key.json")).write_text(json.dumps(key), encoding="utf-8")


def score():
    labels = {r["service_request_id"]: str(r["service_code"]) for r in requests()}
    readers = {}
    for path in sorted(ANNOTATION.glob("reader-*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        readers[path.stem] = {r["service_request_id"]: r["ranking"] for r in rows}
        assert set(readers[path.stem]) == set(labels), f"{path.name} does not rank every request once"
    n = len(labels)
    print(f"{n} labelled requests; readers: {', '.join(readers)}\n")
    print("| reader | top-1 | top-3 |\n|---|---|---|")
    for name, ranks in readers.items():
        t1 = sum(ranks[i][0] == labels[i] for i in labels)
        t3 = sum(labels[i] in ranks[i][:3] for i in labels)
        print(f"| {name} | {t1 / n:.1%} ({t1}) | {t3 / n:.1%} ({t3}) |")
    print("\nFirst choice agreeing with the city's label, per label (agreeing / requests):\n")
    print("| label | " + " | ".join(readers) + " |\n|---|" + "---|" * len(readers))
    for label in sorted(set(labels.values()), key=lambda c: -list(labels.values()).count(c)):
        ids = [i for i in labels if labels[i] == label]
        print(f"| {label} | " + " | ".join(f"{sum(r[i][0] == label for i in ids)} / {len(ids)}" for r in readers.values()) + " |")
    names = list(readers)
    for a in range(len(names)):
        for b in range(a + 1, len(names)):
            same = sum(readers[names[a]][i][0] == readers[names[b]][i][0] for i in labels)
            print(f"\n{names[a]} and {names[b]} make the same first choice for {same} of {n}.")
    if names:
        confusions = collections.Counter((labels[i], readers[names[0]][i][0]) for i in labels
                                         if readers[names[0]][i][0] != labels[i])
        print(f"\nWhere {names[0]} differs from the city (city label -> reader's first choice):",
              ", ".join(f"{a} -> {b} ({c})" for (a, b), c in confusions.most_common()))


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "prepare":
        prepare(sys.argv[2])
    elif len(sys.argv) == 2 and sys.argv[1] == "score":
        score()
    else:
        sys.exit(__doc__)
