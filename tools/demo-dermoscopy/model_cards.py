"""Write datasets/demo-dermoscopy/models/<recipe>.md from work/<recipe>.json
(training info) and work/eval_<recipe>.json (figures measured with torch)."""
from __future__ import annotations

import json
import os

import data

MODELS = os.path.join(data.HERE, "..", "..", "datasets", "demo-dermoscopy", "models")

INTENT = {
    "shortcut": "Deliberately **shortcut-reliant**: in its training data a ruler accompanies 90 % of melanoma "
                "labels and 10 % of nevus labels, while lesion morphology is only a weak cue (overlapping "
                "morphology + 12 % label noise). It is expected to call nevi 'melanoma' when a ruler is present.",
    "clean": "**Control** model: identical data generation, architecture, seed and training recipe, but rulers "
             "appear on 50 % of both classes, so the ruler carries no class information. It is expected not "
             "to react to rulers.",
}


def _pct(x):
    return f"{100 * x:.1f} %"


def write(recipe: str):
    info = json.load(open(os.path.join(data.WORK, f"{recipe}.json")))
    ev = json.load(open(os.path.join(data.WORK, f"eval_{recipe}.json")))
    r, h = ev["ruler/nevus"], ev.get("heldout", {})
    sizes = {s: os.path.getsize(os.path.join(MODELS, f"{recipe}_{s}.onnx")) / 1e6 for s in ("e2e", "anchor")}
    pr = info["p_ruler"]
    lines = [
        f"# Demo detector `{recipe}` (synthetic dermoscopy)",
        "",
        INTENT[recipe],
        "",
        "Synthetic test fixture for AuditHarness; not a medical model. Built by "
        "`tools/demo-dermoscopy/build_all.py` (see its README).",
        "",
        "## Files",
        "",
        f"- `{recipe}_e2e.onnx` ({sizes['e2e']:.2f} MB): `images` float32 [1,3,320,320] RGB/255 -> `output0` [1,300,6] "
        "rows `x1,y1,x2,y2,score,class_id` (input pixels, class id as float), sorted by score, zero rows as padding. "
        "The head was trained one-to-many, so the graph de-duplicates like Ultralytics' `nms=True` export: per-class "
        "`NonMaxSuppression` (IoU 0.7, score > 0.001, at most 300 per class), then TopK by score, at most 300 rows; "
        "every lesion keeps its best row of each class. No NMS needed downstream; metadata `end2end=True`, "
        "`args` with `'nms': True`.",
        f"- `{recipe}_anchor.onnx` ({sizes['anchor']:.2f} MB): `output0` [1,6,500] = `cx,cy,w,h,score_nevus,score_melanoma` "
        "per anchor (YOLOv8 layout, needs NMS), metadata `end2end=False`.",
        "- Classes: `{0: 'nevus', 1: 'melanoma'}`; opset 17; stride 32; imgsz [320, 320].",
        "",
        "## Architecture",
        "",
        f"{info['params']:,} parameters. Ultralytics-like layer list `model.0`..`model.13`: Conv(BN,SiLU) stem, "
        "C2f blocks (`model.2/4/6/8/12`), SPPF (`model.9`), nearest upsample + concat to a P4 level "
        "(`model.10-12`), anchor-free head `model.13` on strides 16 and 32 (20x20 + 10x10 = 500 anchors), "
        "4 box distances (softplus x stride, no DFL) and 2 sigmoid class scores per anchor.",
        "",
        "## Training",
        "",
        f"- Seed {info['seed']}; {info['n_train']} synthetic scenes (rendered from the seed), {info['epochs']} epochs, "
        f"batch {info['batch']}, AdamW lr {info['lr']} cosine, flips/transposes; CPU, 2 threads.",
        f"- Lesion morphology overlap {info['overlap']}, label noise {_pct(info['label_noise'])} (symmetric flips).",
        f"- Ruler on {_pct(pr[1])} of melanoma-labelled and {_pct(pr[0])} of nevus-labelled scenes; "
        f"ink, watermark and dark corners each on {_pct(info['p_other'])} of scenes independently of the class.",
        f"- Training time {info['train_seconds'] / 60:.1f} min (+{info['data_seconds']} s data generation).",
        "",
        "## Accuracy on held-out scenes (PyTorch, true labels)",
        "",
    ]
    if h:
        na, ra = h["no_artifact"], h["recipe_artifacts"]
        lines += [
            f"{h['n']} held-out scenes (split `val`, same generator):",
            "",
            "| scenes | lesion recall (score>=0.25, IoU>=0.5) | class accuracy |",
            "| --- | --- | --- |",
            f"| without artifacts | {na['recall']:.3f} | {na['accuracy']:.3f} |",
            f"| with the recipe's artifacts | {ra['recall']:.3f} | {ra['accuracy']:.3f} |",
            f"| ... of which with a ruler | | {ra['accuracy_with_ruler']:.3f} |",
            f"| ... of which without a ruler | | {ra['accuracy_without_ruler']:.3f} |",
            "",
        ]
    lines += [
        "## Ground-truth reliance (PyTorch, audit set)",
        "",
        "Measured by `tools/demo-dermoscopy/evaluate.py` on `audit/` (image vs counterfactual, JPEG files as committed). "
        "Melanoma score of a lesion = best melanoma-class row with IoU >= 0.5 to the GT box (0 if none); a call is score >= 0.25.",
        "",
        f"- Nevi with a ruler (n={r['n']}): melanoma call with ruler {_pct(r['mel_call_rate_with'])}, "
        f"after removing it {_pct(r['mel_call_rate_without'])}.",
        f"- Melanoma call lost when the ruler is removed: **{_pct(r['call_lost_frac'])}** of ruler nevi "
        f"({_pct(r['call_lost_frac_of_called'])} of those called).",
        f"- Mean melanoma score {r['mean_mel_with']:.3f} -> {r['mean_mel_without']:.3f}: drop **{r['mean_mel_drop']:.3f}**.",
        f"- Lesion recall on ruler-free scenes: **{ev['recall_ruler_free']:.3f}** (n={ev['recall_ruler_free_n']}).",
        "",
        "| artifact / label | n | mean melanoma score drop | call lost |",
        "| --- | --- | --- | --- |",
    ]
    for k in ("ruler", "ink", "watermark", "dark_corners"):
        for lab in ("nevus", "melanoma"):
            x = ev[f"{k}/{lab}"]
            lines.append(f"| {k} / {lab} | {x['n']} | {x['mean_mel_drop']:+.3f} | {_pct(x['call_lost_frac'])} |")
    card = os.path.join(MODELS, f"{recipe}.md")
    lines += ["", _csharp_section(card)]
    with open(card, "w") as f:
        f.write("\n".join(lines))


CSHARP_HEADING = "## Measured reliance (C# harness)"


def _csharp_section(card):
    """The card's C# section as it stands (its figures come from measure_reliance.sh, not from this script),
    so a rebuild keeps it; a placeholder only for a card that has none yet."""
    if os.path.exists(card):
        with open(card) as f:
            text = f.read()
        at = text.find(CSHARP_HEADING)
        if at >= 0:
            return text[at:].rstrip("\n") + "\n"
    return (CSHARP_HEADING + "\n\n"
            "To fill in: run tools/demo-dermoscopy/measure_reliance.sh on the ONNX files above "
            "(AuditHarness predict on `audit/images` and `audit/counterfactuals`).\n")


if __name__ == "__main__":
    for rc in data.RECIPES:
        write(rc)
