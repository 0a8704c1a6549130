#!/usr/bin/env python3
"""Cross-check of the naive baseline with scikit-learn (issue 5, step 1): char_wb 1-5-gram TF-IDF (sublinear),
nearest centroid by cosine, title + description, on the 99 labelled Helsinki requests; history only (no catalogue
text) and with the ten services' Finnish catalogue texts. Needs numpy and scikit-learn (not part of the build).
Run from the repository root: python3 bench/routing/sklearn_baseline.py
"""
import json
import warnings

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import LeaveOneOut, StratifiedKFold
from sklearn.preprocessing import normalize

warnings.filterwarnings("ignore")  # the smallest service has 2 requests, fewer than 5 folds
rows = [json.loads(line) for line in open("src/test/resources/data/open311-helsinki-dev.jsonl", encoding="utf-8")]
X = [r["title"] + "\n" + r["description"] for r in rows]
y = np.array([r["service_code"] for r in rows])
services = json.load(open("../shared/data/open311-helsinki-services.json", encoding="utf-8"))["services"]
catalogue = [(str(s["service_code"]), s["service_name"] + ". " + s["description"] + " " + s["keywords"]) for s in services]


def evaluate(split_sets, with_catalogue, normalized_centroids=True):
    results = []
    for splits in split_sets:
        top1 = top3 = 0
        for train, test in splits:
            texts = [X[i] for i in train] + ([t for _, t in catalogue] if with_catalogue else [])
            labels = np.array(list(y[train]) + ([c for c, _ in catalogue] if with_catalogue else []))
            vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 5), sublinear_tf=True)
            A = vectorizer.fit_transform(texts)
            B = vectorizer.transform([X[i] for i in test])
            classes = np.array(sorted(set(labels)))
            centroids = np.vstack([np.asarray(A[labels == c].mean(axis=0)) for c in classes])
            if normalized_centroids:
                centroids = normalize(centroids)
            scores = np.asarray(B @ centroids.T)
            for k, i in enumerate(test):
                ranked = classes[np.argsort(-scores[k], kind="stable")[:3]]
                top1 += ranked[0] == y[i]
                top3 += y[i] in ranked
        results.append((top1 / len(X), top3 / len(X)))
    r = np.array(results)
    return f"{100 * r[:, 0].mean():.1f} % | {100 * r[:, 1].mean():.1f} %"


by_position = [[(np.array([i for i in range(len(X)) if i % 5 != f]), np.array([i for i in range(len(X)) if i % 5 == f]))
                for f in range(5)]]
stratified = [list(StratifiedKFold(5, shuffle=True, random_state=s).split(X, y)) for s in range(10)]
loo = [list(LeaveOneOut().split(X))]
print("| evaluation | history only: top-1 | top-3 | with catalogue text: top-1 | top-3 |")
print("|---|---|---|---|---|")
for name, s in [("5-fold by position (Aspa's folds)", by_position), ("stratified 5-fold, 10 shuffles (mean)", stratified),
                ("leave-one-out", loo)]:
    print(f"| {name} | {evaluate(s, False)} | {evaluate(s, True)} |")
print(f"| stratified 5-fold x10, centroids NOT re-normalized | {evaluate(stratified, False, False)} | "
      f"{evaluate(stratified, True, False)} |")
