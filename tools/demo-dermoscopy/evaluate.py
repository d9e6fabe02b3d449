"""Ground-truth reliance figures measured with the PyTorch models.

For every audit pair the detector runs (end-to-end head, 300 rows) on the image
and on its counterfactual.  The melanoma score of a lesion is the best
melanoma-class row with IoU >= 0.5 to the GT box (0 if none)."""
from __future__ import annotations

import argparse
import csv
import json
import os

import numpy as np
import torch
from PIL import Image

import data
from export_onnx import load_model
from make_audit import OUT as AUDIT

THR, IOU = 0.25, 0.5


def iou(rows, box):
    x1 = np.maximum(rows[:, 0], box[0]); y1 = np.maximum(rows[:, 1], box[1])
    x2 = np.minimum(rows[:, 2], box[2]); y2 = np.minimum(rows[:, 3], box[3])
    inter = np.clip(x2 - x1, 0, None) * np.clip(y2 - y1, 0, None)
    a = (rows[:, 2] - rows[:, 0]) * (rows[:, 3] - rows[:, 1])
    b = (box[2] - box[0]) * (box[3] - box[1])
    return inter / (a + b - inter + 1e-9)


@torch.no_grad()
def predict(model, images: np.ndarray, batch: int = 32) -> np.ndarray:
    """images N,H,W,3 uint8 -> rows N,300,6 (x1,y1,x2,y2,score,class)."""
    model.head.mode = "e2e"
    out = []
    for k in range(0, len(images), batch):
        x = torch.from_numpy(images[k:k + batch]).permute(0, 3, 1, 2).float() / 255.0
        out.append(model(x).numpy())
    model.head.mode = "train"
    return np.concatenate(out)


def lesion_scores(rows, box):
    """(melanoma score, nevus score, detected) for one image."""
    ok = iou(rows, box) >= IOU
    mel = rows[ok & (rows[:, 5] == 1), 4]
    nev = rows[ok & (rows[:, 5] == 0), 4]
    m = float(mel.max()) if len(mel) else 0.0
    n = float(nev.max()) if len(nev) else 0.0
    return m, n, max(m, n) >= THR


def load_audit(audit_dir=AUDIT):
    with open(os.path.join(audit_dir, "manifest.csv")) as f:
        pairs = list(csv.DictReader(f))
    with open(os.path.join(audit_dir, "lesions.csv")) as f:
        boxes = {r["image"]: np.array([float(r[k]) for k in ("x1", "y1", "x2", "y2")]) for r in csv.DictReader(f)}
    load = lambda p: np.asarray(Image.open(os.path.join(audit_dir, p)).convert("RGB"))
    imgs = np.stack([load(p["image"]) for p in pairs])
    cfs = np.stack([load(p["counterfactual"]) for p in pairs])
    return pairs, boxes, imgs, cfs


def audit_figures(model, audit):
    pairs, boxes, imgs, cfs = audit
    ri, rc = predict(model, imgs), predict(model, cfs)
    per = []
    for k, p in enumerate(pairs):
        b = boxes[p["image"]]
        mi, ni, di = lesion_scores(ri[k], b)
        mc, nc, dc = lesion_scores(rc[k], b)
        per.append(dict(kind=p["artifact_type"], label=p["label"], mel_img=mi, mel_cf=mc, det_img=di, det_cf=dc))
    f = {}
    for kind in ("ruler", "ink", "watermark", "dark_corners"):
        for lab in ("nevus", "melanoma"):
            sel = [r for r in per if r["kind"] == kind and r["label"] == lab]
            if not sel:
                continue
            called = np.array([r["mel_img"] >= THR for r in sel])
            lost = np.array([r["mel_img"] >= THR and r["mel_cf"] < THR for r in sel])
            f[f"{kind}/{lab}"] = dict(
                n=len(sel),
                mel_call_rate_with=float(called.mean()),
                mel_call_rate_without=float(np.mean([r["mel_cf"] >= THR for r in sel])),
                call_lost_frac=float(lost.mean()),
                call_lost_frac_of_called=float(lost.sum() / max(called.sum(), 1)),
                mean_mel_with=float(np.mean([r["mel_img"] for r in sel])),
                mean_mel_without=float(np.mean([r["mel_cf"] for r in sel])),
                mean_mel_drop=float(np.mean([r["mel_img"] - r["mel_cf"] for r in sel])),
            )
    # recall on ruler-free scenes: all counterfactuals + images whose artifact is not a ruler
    det = [r["det_cf"] for r in per] + [r["det_img"] for r in per if r["kind"] != "ruler"]
    f["recall_ruler_free"] = float(np.mean(det))
    f["recall_ruler_free_n"] = len(det)
    f["recall_counterfactuals"] = float(np.mean([r["det_cf"] for r in per]))
    f["recall_with_artifact"] = float(np.mean([r["det_img"] for r in per]))
    return f


def heldout_figures(model, seed: int, recipe: str, n: int = 400):
    """Accuracy on held-out scenes drawn like the recipe's training data,
    scored against the TRUE class (the training labels are noisy)."""
    base = data.base_scenes(seed, "val", n, data.RECIPES[recipe]["overlap"])
    ts = data.apply_recipe(base, seed, "val", recipe)
    out = {}
    for name, images in (("no_artifact", base["images"]), ("recipe_artifacts", ts.images)):
        rows = predict(model, images)
        hit, correct = [], []
        for k in range(n):
            m, nv, d = lesion_scores(rows[k], ts.boxes[k])
            hit.append(d)
            correct.append(d and int(m > nv) == ts.true_labels[k])
        out[name] = dict(recall=float(np.mean(hit)), accuracy=float(np.mean(correct)))
    with_r = ts.ruler
    rows = predict(model, ts.images)
    acc = lambda sel: float(np.mean([int(lesion_scores(rows[k], ts.boxes[k])[0] > lesion_scores(rows[k], ts.boxes[k])[1])
                                     == ts.true_labels[k] for k in np.nonzero(sel)[0]]))
    out["recipe_artifacts"]["accuracy_with_ruler"] = acc(with_r)
    out["recipe_artifacts"]["accuracy_without_ruler"] = acc(~with_r)
    out["n"] = n
    return out


def report(recipe, f):
    r = f["ruler/nevus"]
    print(f"== {recipe}")
    print(f"  nevi with ruler (n={r['n']}): melanoma call with ruler {r['mel_call_rate_with']:.2f}, "
          f"without {r['mel_call_rate_without']:.2f}")
    print(f"  call lost when ruler removed: {r['call_lost_frac']:.3f} of all ruler nevi "
          f"({r['call_lost_frac_of_called']:.3f} of those called)")
    print(f"  mean melanoma score {r['mean_mel_with']:.3f} -> {r['mean_mel_without']:.3f} (drop {r['mean_mel_drop']:.3f})")
    m = f["ruler/melanoma"]
    print(f"  melanomas with ruler (n={m['n']}): drop {m['mean_mel_drop']:.3f}, call lost {m['call_lost_frac']:.3f}")
    for k in ("ink", "watermark", "dark_corners"):
        for lab in ("nevus", "melanoma"):
            x = f[f"{k}/{lab}"]
            print(f"  {k:12s} {lab:8s} n={x['n']:2d} drop {x['mean_mel_drop']:+.3f} call lost {x['call_lost_frac']:.3f}")
    print(f"  recall (score>={THR}, IoU>={IOU}) on ruler-free scenes: {f['recall_ruler_free']:.3f} "
          f"(n={f['recall_ruler_free_n']}); on images with artifact {f['recall_with_artifact']:.3f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--recipes", nargs="+", default=list(data.RECIPES))
    ap.add_argument("--heldout", type=int, default=400, help="held-out scenes for accuracy (0 = skip)")
    a = ap.parse_args()
    torch.set_num_threads(2)
    audit = load_audit()
    for recipe in a.recipes:
        model = load_model(recipe)
        f = audit_figures(model, audit)
        report(recipe, f)
        if a.heldout:
            h = heldout_figures(model, a.seed, recipe, a.heldout)
            f["heldout"] = h
            print(f"  held-out ({h['n']} scenes, true labels): " + json.dumps(h))
        with open(os.path.join(data.WORK, f"eval_{recipe}.json"), "w") as fh:
            json.dump(f, fh, indent=1)


if __name__ == "__main__":
    main()
