"""Write the counterfactual audit set: for each pair, the scene with one
artifact (image), the same scene without it (counterfactual), and the exact
artifact mask; plus manifest.csv and lesions.csv (ground-truth boxes)."""
from __future__ import annotations

import argparse
import csv
import os

import numpy as np
from PIL import Image

import data
import scene as S

OUT = os.path.join(data.HERE, "..", "..", "datasets", "demo-dermoscopy", "audit")
# (artifact, label, count): many nevi with a ruler, since that is the key measurement
PLAN = [("ruler", 0, 80), ("ruler", 1, 60),
        ("ink", 0, 17), ("ink", 1, 17),
        ("watermark", 0, 17), ("watermark", 1, 16),
        ("dark_corners", 0, 16), ("dark_corners", 1, 17)]
JPEG_QUALITY = 95


def save_jpeg(arr, path):
    # 4:4:4 keeps compression changes near the mask inside 8x8 blocks
    Image.fromarray(arr).save(path, "JPEG", quality=JPEG_QUALITY, subsampling=0, optimize=True)


def build(seed: int, out: str = OUT, overlap: float = data.RECIPES["clean"]["overlap"]):
    for sub in ("images", "counterfactuals", "masks"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    rows, lesions = [], []
    order = [(a, l) for a, l, n in PLAN for _ in range(n)]
    subj_rng = np.random.default_rng([seed, data.SPLITS["audit"], 999])
    subject, left = 0, 0
    for idx, (kind, label) in enumerate(order):
        rng = data.scene_rng(seed, "audit", idx)
        sc = S.render_scene(rng, label, overlap)
        img, mask = S.add_artifact(sc.image, kind, data.scene_rng(seed, "audit", idx, 1), sc)
        assert mask.any() and np.array_equal(img[mask == 0], sc.image[mask == 0])
        if left == 0:  # synthetic patients contribute 1-3 lesions each
            subject += 1
            left = int(subj_rng.integers(1, 4))
        left -= 1
        pid = f"p{idx + 1:04d}"
        paths = dict(image=f"images/{pid}.jpg", counterfactual=f"counterfactuals/{pid}.jpg", mask=f"masks/{pid}.png")
        save_jpeg(img, os.path.join(out, paths["image"]))
        save_jpeg(sc.image, os.path.join(out, paths["counterfactual"]))
        Image.fromarray(mask, mode="L").save(os.path.join(out, paths["mask"]), optimize=True)
        rows.append(dict(pair_id=pid, **paths, artifact_type=kind, label=S.CLASS_NAMES[label],
                         subject_id=f"S{subject:03d}"))
        for p in (paths["image"], paths["counterfactual"]):
            lesions.append(dict(image=p, class_id=label, class_name=S.CLASS_NAMES[label],
                                x1=sc.box[0], y1=sc.box[1], x2=sc.box[2], y2=sc.box[3]))
    with open(os.path.join(out, "manifest.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, ["pair_id", "image", "counterfactual", "mask", "artifact_type", "label", "subject_id"])
        w.writeheader()
        w.writerows(rows)
    with open(os.path.join(out, "lesions.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, ["image", "class_id", "class_name", "x1", "y1", "x2", "y2"])
        w.writeheader()
        w.writerows(lesions)
    print(f"audit set: {len(rows)} pairs, {subject} subjects -> {os.path.normpath(out)}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seed", type=int, default=7)
    build(ap.parse_args().seed)
