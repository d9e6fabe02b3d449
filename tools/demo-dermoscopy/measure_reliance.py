#!/usr/bin/env python3
"""Measures the demo detectors' ruler reliance from the C# harness's own `predict` output.

Reads the audit manifest, the ground-truth lesion boxes and two detections.csv files written by
`audit-harness predict` (one run on the original images, one on the counterfactuals), and prints the
figures the model cards quote. Run it through measure_reliance.sh, which makes the two predict runs.

Definitions (one lesion per scene):
- a lesion's melanoma score: the highest score of a melanoma detection whose box has IoU >= 0.5 with the
  ground-truth box, 0 when there is none;
- a lesion's call: the class of the highest-scoring detection with IoU >= 0.5 and score > 0.25, or none;
- flip: a nevus carrying a ruler is called melanoma with the ruler and not without it.
"""
import csv
import os
import sys

CALL_THRESHOLD = 0.25
MATCH_IOU = 0.5


def iou(a, b):
    iw = min(a[2], b[2]) - max(a[0], b[0])
    ih = min(a[3], b[3]) - max(a[1], b[1])
    if iw <= 0 or ih <= 0:
        return 0.0
    inter = iw * ih
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union


def read_detections(path, root):
    """detections.csv rows grouped by image path relative to the audit folder."""
    by_image = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            rel = os.path.relpath(row["image"], root)
            box = tuple(float(row[k]) for k in ("x1", "y1", "x2", "y2"))
            by_image.setdefault(rel, []).append((row["class_name"], float(row["score"]), box))
    return by_image


def lesion_view(detections, truth):
    matched = [(c, s) for c, s, b in detections if iou(b, truth) >= MATCH_IOU]
    melanoma = max((s for c, s in matched if c == "melanoma"), default=0.0)
    called = [(s, c) for c, s in matched if s > CALL_THRESHOLD]
    call = max(called)[1] if called else "none"
    return melanoma, call


def main(audit_dir, originals_csv, counterfactuals_csv):
    root = os.path.abspath(audit_dir)
    truth = {}
    with open(os.path.join(root, "lesions.csv"), newline="") as f:
        for row in csv.DictReader(f):
            truth[row["image"]] = tuple(float(row[k]) for k in ("x1", "y1", "x2", "y2"))
    with open(os.path.join(root, "manifest.csv"), newline="") as f:
        pairs = list(csv.DictReader(f))
    detections = read_detections(originals_csv, root)
    detections.update(read_detections(counterfactuals_csv, root))

    ruler_nevi = [p for p in pairs if p["artifact_type"] == "ruler" and p["label"] == "nevus"]
    flips, called_melanoma, drops = 0, 0, []
    for p in ruler_nevi:
        mel_with, call_with = lesion_view(detections.get(p["image"], []), truth[p["image"]])
        mel_without, call_without = lesion_view(detections.get(p["counterfactual"], []), truth[p["counterfactual"]])
        drops.append(mel_with - mel_without)
        if call_with == "melanoma":
            called_melanoma += 1
            if call_without != "melanoma":
                flips += 1

    def recall(images):
        found = sum(
            1 for image in images
            if any(s > CALL_THRESHOLD and iou(b, truth[image]) >= MATCH_IOU for _, s, b in detections.get(image, [])))
        return found / len(images), len(images)

    ruler_free = [p["image"] for p in pairs if p["artifact_type"] != "ruler"] + [p["counterfactual"] for p in pairs]
    n = len(ruler_nevi)
    print(f"nevi with a ruler: {n}")
    print(f"called melanoma with the ruler: {called_melanoma} ({called_melanoma / n:.1%})")
    print(f"melanoma call lost or flipped to nevus when the ruler is removed: {flips} of {n} = {flips / n:.1%}")
    print(f"mean melanoma score drop when the ruler is removed: {sum(drops) / n:.4f}")
    r, count = recall(ruler_free)
    print(f"lesion recall on ruler-free scenes (other artifacts and all counterfactuals): {r:.3f} of {count}")
    r2, count2 = recall([p["counterfactual"] for p in pairs])
    print(f"lesion recall on counterfactuals only: {r2:.3f} of {count2}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: measure_reliance.py AUDIT_DIR ORIGINALS_DETECTIONS_CSV COUNTERFACTUALS_DETECTIONS_CSV")
    main(*sys.argv[1:])
