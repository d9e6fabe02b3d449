"""Training / validation data: base scenes are rendered once per (seed, split)
and cached in work/; each recipe then decides labels (with label noise) and
which artifacts to draw, so both detectors see exactly the same lesions."""
from __future__ import annotations

import os
from dataclasses import dataclass
from multiprocessing import Pool

import numpy as np

import scene as S

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(HERE, "work")

# Shared by both recipes: lesion morphology overlap and label noise make the
# morphology a weaker cue than a 90/10 ruler; they only differ in ruler rates.
RECIPES = {
    "shortcut": dict(overlap=0.35, label_noise=0.12, p_ruler=(0.10, 0.90), p_other=0.15),
    "clean":    dict(overlap=0.35, label_noise=0.12, p_ruler=(0.50, 0.50), p_other=0.15),
}
SPLITS = {"train": 1, "val": 2, "audit": 3}


def scene_rng(seed: int, split: str, idx: int, stream: int = 0) -> np.random.Generator:
    """Independent, reproducible stream per scene (stream 0 = scene, 1 = artifacts)."""
    return np.random.default_rng([seed, SPLITS[split], idx, stream])


def _render(args):
    seed, split, idx, overlap = args
    rng = scene_rng(seed, split, idx)
    label = int(rng.integers(0, 2))
    sc = S.render_scene(rng, label, overlap)
    return sc.image, sc.label, sc.box, sc.center, sc.radius


def base_scenes(seed: int, split: str, n: int, overlap: float, workers: int = 2):
    """Rendered scenes without artifacts, cached as .npz in work/."""
    os.makedirs(WORK, exist_ok=True)
    path = os.path.join(WORK, f"scenes_{split}_s{seed}_n{n}_o{overlap:.2f}.npz")
    if os.path.exists(path):
        z = np.load(path)
        return {k: z[k] for k in z.files}
    jobs = [(seed, split, i, overlap) for i in range(n)]
    with Pool(workers) as pool:
        res = pool.map(_render, jobs, chunksize=32)
    out = dict(
        images=np.stack([r[0] for r in res]),
        labels=np.array([r[1] for r in res], np.int64),
        boxes=np.array([r[2] for r in res], np.float32),
        centers=np.array([r[3] for r in res], np.float32),
        radii=np.array([r[4] for r in res], np.float32),
    )
    np.savez(path, **out)
    return out


@dataclass
class TrainSet:
    images: np.ndarray    # N,H,W,3 uint8 (artifacts drawn)
    boxes: np.ndarray     # N,4 float
    labels: np.ndarray    # N   training label (noisy)
    true_labels: np.ndarray
    ruler: np.ndarray     # N bool


def apply_recipe(base, seed: int, split: str, recipe: str) -> TrainSet:
    r = RECIPES[recipe]
    imgs = base["images"].copy()
    n = len(imgs)
    noisy = base["labels"].copy()
    ruler = np.zeros(n, bool)
    for i in range(n):
        rng = scene_rng(seed, split, i, stream=1)
        if rng.random() < r["label_noise"]:
            noisy[i] = 1 - noisy[i]
        # the ruler follows the (noisy) clinical label, as it would in a clinic
        ruler[i] = rng.random() < r["p_ruler"][noisy[i]]
        sc = S.Scene(imgs[i], int(base["labels"][i]), tuple(base["boxes"][i]), tuple(base["centers"][i]),
                     float(base["radii"][i]), 0.0)
        kinds = [k for k in ("ink", "watermark", "dark_corners") if rng.random() < r["p_other"]]
        if ruler[i]:
            kinds.append("ruler")
        for k in kinds:
            imgs[i], _ = S.add_artifact(imgs[i], k, rng, sc)
    return TrainSet(imgs, base["boxes"], noisy, base["labels"], ruler)
