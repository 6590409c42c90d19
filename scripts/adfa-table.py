#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""adfa-table.py REPORT.json...: the README's detection table from eval
reports (scripts/adfa.sh): one row per detector and split, the model's
integer engine and every baseline of its report, each baseline once per
split (the first report of a split gives them)."""
import json
import sys


def cells(d):
    # A baseline's own headline score (window baselines: the worst window).
    s = d["scores"][d.get("score", "mean")]
    dr = s["dr_at_far"]

    def f(v):
        return "-" if v is None else "%.3f" % v
    return [f(s["auc"]), f(d["group_auc"]),
            " / ".join(f(dr[k]) for k in ("0.01", "0.05", "0.1"))]


def main(paths):
    rows, baselines_done = [], set()
    for p in paths:
        r = json.load(open(p))
        split = "A" if r["dataset"] == "adfa-ld-a" else "B"
        m = r["model"]
        if m["kind"] == "ngram":
            name = "n-gram (kernel), order %d" % m["order"]
        else:
            name = "LSTM (kernel), %d layer(s), H=%d, E=%d" % (m["layers"], m["hidden"], m["embed"])
            desc = m.get("description") or ""
            for how in ("word2vec init", "word2vec frozen"):
                if how in desc:
                    name += ", " + how
        rows.append([name, split] + cells(r))
        if r["float"]["scores"] is not None:
            rows.append([name.replace("(kernel)", "(float)"), split] + cells(r["float"]))
        if split in baselines_done:
            continue
        baselines_done.add(split)
        st, ng = r["baselines"]["stide"], r["baselines"]["ngram"]
        cv = r["baselines"].get("cvec")
        if st:
            rows.append(["STIDE baseline, n=%d, window %d" % (st["n"], st["window"]), split] + cells(st))
        if ng:
            rows.append(["n-gram LM baseline (float), order %d" % ng["order"], split] + cells(ng))
        if cv:
            rows.append(["count vectors, window %d, k-means k=%d (worst window)" % (cv["window"], cv["k"]),
                         split] + cells(cv))
        cd = r["baselines"].get("cvec_durations")
        if cd and "unavailable" in cd:
            rows.append(["duration vectors", split, "n/a: " + cd["unavailable"], "-", "-"])
        elif cd:
            rows.append(["duration vectors, window %d, k-means k=%d (worst window)" % (cd["window"], cd["k"]),
                         split] + cells(cd))
        for key, what in (("autoencoder", "LSTM autoencoder"), ("seq2seq", "LSTM seq2seq")):
            e = r["baselines"].get(key)
            if e:
                rows.append(["%s baseline (float), window %d, H=%d, %d epochs (worst window)" %
                             (what, e["window"], e["hidden"], e["epochs"]), split] + cells(e))
    print("| detector | split | AUC | attack-group AUC | DR @ 1% / 5% / 10% FAR |")
    print("|---|---|---:|---:|---|")
    for row in sorted(rows, key=lambda x: (x[1] != "B", x[0])):
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
