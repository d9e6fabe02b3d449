"""One command: generate data, train both detectors, export ONNX, write the
audit set, evaluate with torch and write the model cards."""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

import torch

import data
import evaluate
import export_onnx
import make_audit
import model_cards
import train


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--n-train", type=int, default=2400)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--skip-train", action="store_true", help="reuse work/<recipe>.pt")
    a = ap.parse_args()
    torch.set_num_threads(2)
    t0 = time.time()
    log = lambda s: print(f"[{time.time() - t0:6.0f}s] {s}", flush=True)
    os.makedirs(data.WORK, exist_ok=True)
    models = {}
    for recipe in data.RECIPES:
        if a.skip_train:
            models[recipe] = export_onnx.load_model(recipe)
            continue
        m, info = train.train(recipe, a.seed, a.n_train, a.epochs, log=log)
        torch.save(m.state_dict(), os.path.join(data.WORK, f"{recipe}.pt"))
        json.dump(info, open(os.path.join(data.WORK, f"{recipe}.json"), "w"), indent=1)
        models[recipe] = m
    out = os.path.normpath(os.path.join(data.HERE, "..", "..", "datasets", "demo-dermoscopy", "models"))
    os.makedirs(out, exist_ok=True)
    for recipe, m in models.items():
        for e2e, suffix in ((True, "e2e"), (False, "anchor")):
            export_onnx.export(m, os.path.join(out, f"{recipe}_{suffix}.onnx"), e2e, recipe, a.seed)
    log("exported ONNX")
    make_audit.build(a.seed)
    log("wrote audit set")
    audit = evaluate.load_audit()
    for recipe, m in models.items():
        f = evaluate.audit_figures(m, audit)
        f["heldout"] = evaluate.heldout_figures(m, a.seed, recipe)
        json.dump(f, open(os.path.join(data.WORK, f"eval_{recipe}.json"), "w"), indent=1)
        evaluate.report(recipe, f)
        model_cards.write(recipe)
    total = time.time() - t0
    log(f"done in {total / 60:.1f} min")
    with open(os.path.join(data.WORK, "build_time.txt"), "w") as fh:
        fh.write(f"{total:.0f} s  argv={' '.join(sys.argv[1:])}\n")


if __name__ == "__main__":
    main()
