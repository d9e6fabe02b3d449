"""Train one demo detector (recipe 'shortcut' or 'clean') on CPU."""
from __future__ import annotations

import argparse
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

import data
from model import NC, DemoYOLO


def set_seed(seed: int):
    np.random.seed(seed)
    torch.manual_seed(seed)


def augment(x: torch.Tensor, boxes: torch.Tensor, g: torch.Generator):
    """Random flips / 90-degree rotations of a batch (boxes in pixels, square images)."""
    s = x.shape[-1]
    if torch.rand(1, generator=g) < 0.5:  # horizontal flip
        x = x.flip(-1)
        boxes = torch.stack([s - boxes[:, 2], boxes[:, 1], s - boxes[:, 0], boxes[:, 3]], 1)
    if torch.rand(1, generator=g) < 0.5:  # vertical flip
        x = x.flip(-2)
        boxes = torch.stack([boxes[:, 0], s - boxes[:, 3], boxes[:, 2], s - boxes[:, 1]], 1)
    if torch.rand(1, generator=g) < 0.5:  # transpose (with the flips gives all 8 symmetries)
        x = x.transpose(-1, -2)
        boxes = boxes[:, [1, 0, 3, 2]]
    return x.contiguous(), boxes


def assign(anchors, strides, boxes, radius=2.5):
    """Positives: anchor centre inside the GT box and within `radius` strides of
    its centre; each level also keeps its anchor nearest the centre."""
    ax, ay = anchors[0][None], anchors[1][None]          # [1,A]
    x1, y1, x2, y2 = [boxes[:, i:i + 1] for i in range(4)]  # [B,1]
    cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
    inside = (ax > x1) & (ax < x2) & (ay > y1) & (ay < y2)
    near = ((ax - cx).abs() < radius * strides) & ((ay - cy).abs() < radius * strides)
    pos = inside & near
    d = (ax - cx) ** 2 + (ay - cy) ** 2
    for s in strides.unique():
        lvl = (strides == s).expand_as(d)
        dl = torch.where(lvl, d, torch.full_like(d, float("inf")))
        pos.scatter_(1, dl.argmin(1, keepdim=True), True)
    return pos


def giou(a, b):
    ix1, iy1 = torch.max(a[:, 0], b[:, 0]), torch.max(a[:, 1], b[:, 1])
    ix2, iy2 = torch.min(a[:, 2], b[:, 2]), torch.min(a[:, 3], b[:, 3])
    inter = (ix2 - ix1).clamp(0) * (iy2 - iy1).clamp(0)
    area = lambda t: (t[:, 2] - t[:, 0]) * (t[:, 3] - t[:, 1])
    union = area(a) + area(b) - inter + 1e-7
    iou = inter / union
    cx1, cy1 = torch.min(a[:, 0], b[:, 0]), torch.min(a[:, 1], b[:, 1])
    cx2, cy2 = torch.max(a[:, 2], b[:, 2]), torch.max(a[:, 3], b[:, 3])
    c = (cx2 - cx1) * (cy2 - cy1) + 1e-7
    return iou - (c - union) / c


def loss_fn(model, box_raw, cls_logits, boxes, labels):
    head = model.head
    anchors, strides = head.anchors, head.strides
    pos = assign(anchors, strides, boxes)                   # [B,A]
    npos = pos.sum().clamp(min=1)
    tcls = torch.zeros_like(cls_logits)                      # [B,NC,A]
    tcls[:, :, :] = 0
    onehot = F.one_hot(labels, NC).float()[:, :, None]      # [B,NC,1]
    tcls = torch.where(pos[:, None, :], onehot.expand_as(tcls), tcls)
    l_cls = F.binary_cross_entropy_with_logits(cls_logits, tcls, reduction="sum") / npos

    bi, ai = pos.nonzero(as_tuple=True)
    dist = F.softplus(box_raw[bi, :, ai])                     # [P,4] in stride units
    s = strides[0, ai][:, None]
    ap = anchors[:, ai].T                                     # [P,2]
    pred = torch.cat([ap - dist[:, :2] * s, ap + dist[:, 2:] * s], 1)
    gt = boxes[bi]
    tdist = torch.cat([ap - gt[:, :2], gt[:, 2:] - ap], 1) / s
    l_iou = (1 - giou(pred, gt)).mean()
    l_l1 = F.smooth_l1_loss(dist, tdist)
    return l_cls + 5.0 * l_iou + 1.0 * l_l1, (l_cls.item(), l_iou.item(), l_l1.item())


def train(recipe: str, seed: int, n_train: int, epochs: int, batch: int = 32, lr: float = 2e-3, log=print):
    torch.set_num_threads(2)
    set_seed(seed)
    t0 = time.time()
    base = data.base_scenes(seed, "train", n_train, data.RECIPES[recipe]["overlap"])
    ts = data.apply_recipe(base, seed, "train", recipe)
    t_data = time.time() - t0
    log(f"[{recipe}] data: {n_train} scenes, ruler on {ts.ruler[ts.labels == 1].mean():.2f} of melanoma labels, "
        f"{ts.ruler[ts.labels == 0].mean():.2f} of nevus labels, label noise "
        f"{(ts.labels != ts.true_labels).mean():.3f} ({t_data:.0f}s)")

    torch.manual_seed(seed)  # same init for both recipes
    model = DemoYOLO()
    imgs = torch.from_numpy(ts.images).permute(0, 3, 1, 2).contiguous()  # uint8 NCHW
    boxes = torch.from_numpy(ts.boxes)
    labels = torch.from_numpy(ts.labels)
    g = torch.Generator().manual_seed(seed)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=5e-4)
    steps = epochs * math.ceil(n_train / batch)
    warm = min(100, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda k: (k + 1) / warm if k < warm else 0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * (k - warm) / (steps - warm))))
    model.train()
    t1 = time.time()
    step = 0
    for ep in range(epochs):
        perm = torch.randperm(n_train, generator=g)
        agg = np.zeros(3)
        for k in range(0, n_train, batch):
            idx = perm[k:k + batch]
            x, bx = augment(imgs[idx].float() / 255.0, boxes[idx].clone(), g)
            box_raw, cls_logits = model(x)
            loss, parts = loss_fn(model, box_raw, cls_logits, bx, labels[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 10.0)
            opt.step()
            sched.step()
            agg += parts
            step += 1
        nb = math.ceil(n_train / batch)
        log(f"[{recipe}] epoch {ep + 1}/{epochs} cls {agg[0] / nb:.3f} giou {agg[1] / nb:.3f} l1 {agg[2] / nb:.3f} "
            f"({time.time() - t1:.0f}s)")
    model.eval()
    info = dict(recipe=recipe, seed=seed, n_train=n_train, epochs=epochs, batch=batch, lr=lr,
                train_seconds=round(time.time() - t1), data_seconds=round(t_data),
                params=sum(p.numel() for p in model.parameters()), **data.RECIPES[recipe])
    return model, info


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--recipe", choices=list(data.RECIPES), required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--n-train", type=int, default=2400)
    ap.add_argument("--epochs", type=int, default=10)
    a = ap.parse_args()
    model, info = train(a.recipe, a.seed, a.n_train, a.epochs)
    os.makedirs(data.WORK, exist_ok=True)
    torch.save(model.state_dict(), os.path.join(data.WORK, f"{a.recipe}.pt"))
    with open(os.path.join(data.WORK, f"{a.recipe}.json"), "w") as f:
        json.dump(info, f, indent=1)


if __name__ == "__main__":
    main()
