"""A tiny YOLO-style detector laid out like Ultralytics models.

Layers live in `self.model` (nn.ModuleList), each tagged with `f` (input layer
index, -1 = previous) and `i` (its own index), so ONNX node names come out as
`/model.0/conv/Conv`, `/model.0/act/Mul`, ... and the last module is the head.
"""
from __future__ import annotations

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

NC = 2
MAX_DET = 300
NMS_IOU = 0.7       # per-class NMS inside the end-to-end graph (Ultralytics export nms=True default)
NMS_SCORE = 0.001   # low, so the other class's row of every lesion survives


class Conv(nn.Module):
    """Conv2d + BatchNorm2d + SiLU (SiLU exports as Sigmoid + Mul)."""

    def __init__(self, c1, c2, k=1, s=1):
        super().__init__()
        self.conv = nn.Conv2d(c1, c2, k, s, k // 2, bias=False)
        self.bn = nn.BatchNorm2d(c2, eps=1e-3, momentum=0.03)
        self.act = nn.SiLU()

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class Bottleneck(nn.Module):
    def __init__(self, c, shortcut=True):
        super().__init__()
        self.cv1 = Conv(c, c, 3)
        self.cv2 = Conv(c, c, 3)
        self.add = shortcut

    def forward(self, x):
        y = self.cv2(self.cv1(x))
        return x + y if self.add else y


class C2f(nn.Module):
    """Split into two halves, run bottlenecks on one, concatenate all branches."""

    def __init__(self, c1, c2, n=1, shortcut=True):
        super().__init__()
        self.c = c2 // 2
        self.cv1 = Conv(c1, 2 * self.c, 1)
        self.cv2 = Conv((2 + n) * self.c, c2, 1)
        self.m = nn.ModuleList(Bottleneck(self.c, shortcut) for _ in range(n))

    def forward(self, x):
        y = list(self.cv1(x).split((self.c, self.c), 1))
        y.extend(m(y[-1]) for m in self.m)
        return self.cv2(torch.cat(y, 1))


class SPPF(nn.Module):
    """Chain of three 5x5 max-pools, concatenated: a cheap wide receptive field
    (this is what lets a ruler at the image edge influence the lesion cells)."""

    def __init__(self, c1, c2, k=5):
        super().__init__()
        c_ = c1 // 2
        self.cv1 = Conv(c1, c_, 1)
        self.cv2 = Conv(c_ * 4, c2, 1)
        self.m = nn.MaxPool2d(k, 1, k // 2)

    def forward(self, x):
        y = [self.cv1(x)]
        y.extend(self.m(y[-1]) for _ in range(3))
        return self.cv2(torch.cat(y, 1))


class Concat(nn.Module):
    def forward(self, xs):
        return torch.cat(xs, 1)


class Detect(nn.Module):
    """Anchor-free head without DFL (YOLO26-like): per cell, 4 distances
    (left, top, right, bottom in stride units) and NC sigmoid class scores.

    mode = 'train'   -> raw (box_dist [B,4,A], cls_logits [B,NC,A])
            'anchor'  -> [B, 4+NC, A]  cx,cy,w,h + scores (YOLOv8 layout)
            'pre_nms' -> (boxes [B,A,4] x1,y1,x2,y2, scores [B,NC,A]): what the ONNX
                         end-to-end graph feeds to its NonMaxSuppression (export_onnx.py)
            'e2e'     -> [B, 300, 6]   x1,y1,x2,y2,score,class after per-class NMS
                         (the layout of YOLOv10/26 and of Ultralytics' nms=True export)

    The head was trained one-to-many, so the end-to-end output must de-duplicate
    with NMS (a YOLO26/YOLOv10 one-to-one head would not need it).
    """

    def __init__(self, chs, strides, imgsz=320):
        super().__init__()
        self.nl = len(chs)
        self.mode = "train"
        c2, c3 = 32, 48
        self.cv2 = nn.ModuleList(nn.Sequential(Conv(c, c2, 3), Conv(c2, c2, 3), nn.Conv2d(c2, 4, 1)) for c in chs)
        self.cv3 = nn.ModuleList(nn.Sequential(Conv(c, c3, 3), Conv(c3, c3, 3), nn.Conv2d(c3, NC, 1)) for c in chs)
        pts, strd = [], []
        for s in strides:
            n = imgsz // s
            ys, xs = torch.meshgrid(torch.arange(n) + 0.5, torch.arange(n) + 0.5, indexing="ij")
            pts.append(torch.stack([xs, ys], 0).reshape(2, -1) * s)
            strd.append(torch.full((1, n * n), float(s)))
        self.register_buffer("anchors", torch.cat(pts, 1))   # [2, A] pixel centres
        self.register_buffer("strides", torch.cat(strd, 1))  # [1, A]
        for seq, s in zip(self.cv3, strides):  # prior: rare positives (as in Ultralytics bias_init)
            nn.init.constant_(seq[-1].bias, -4.5)

    def forward(self, xs):
        b = xs[0].shape[0]
        box = torch.cat([self.cv2[i](xs[i]).view(b, 4, -1) for i in range(self.nl)], 2)
        cls = torch.cat([self.cv3[i](xs[i]).view(b, NC, -1) for i in range(self.nl)], 2)
        if self.mode == "train":
            return box, cls
        dist = F.softplus(box) * self.strides
        lt, rb = dist[:, :2], dist[:, 2:]
        x1y1 = self.anchors - lt
        x2y2 = self.anchors + rb
        scores = cls.sigmoid()
        if self.mode == "anchor":
            return torch.cat([(x1y1 + x2y2) / 2, x2y2 - x1y1, scores], 1)
        boxes = torch.cat([x1y1, x2y2], 1).transpose(1, 2)
        if self.mode == "pre_nms":
            return boxes, scores
        out = [nms_rows(bx.numpy(), sc.numpy()) for bx, sc in zip(boxes.detach().cpu(), scores.detach().cpu())]
        return torch.from_numpy(np.stack(out)).to(boxes.device)


def nms_keep(boxes: np.ndarray, scores: np.ndarray, iou_thr: float = NMS_IOU, score_thr: float = NMS_SCORE,
             max_per_class: int = MAX_DET) -> list[tuple[int, int]]:
    """Per-class greedy NMS of one image with the ONNX NonMaxSuppression rules:
    candidates score > score_thr, visited by score descending (lower index first on
    ties), dropped when IoU > iou_thr with a kept box of the same class, at most
    max_per_class per class. boxes [A,4] corners, scores [NC,A] -> [(class, anchor)]
    in class order, then selection order (the op's output order)."""
    boxes = boxes.astype(np.float32)
    x1, x2 = np.minimum(boxes[:, 0], boxes[:, 2]), np.maximum(boxes[:, 0], boxes[:, 2])
    y1, y2 = np.minimum(boxes[:, 1], boxes[:, 3]), np.maximum(boxes[:, 1], boxes[:, 3])
    area = (x2 - x1) * (y2 - y1)
    keep = []
    for c in range(scores.shape[0]):
        s = scores[c]
        cand = np.nonzero(s > np.float32(score_thr))[0]
        order = cand[np.argsort(-s[cand], kind="stable")]
        kept = np.zeros(0, np.int64)
        for a in order:
            if len(kept) >= max_per_class:
                break
            if len(kept):
                iw = np.minimum(x2[a], x2[kept]) - np.maximum(x1[a], x1[kept])
                ih = np.minimum(y2[a], y2[kept]) - np.maximum(y1[a], y1[kept])
                inter = iw * ih
                union = area[a] + area[kept] - inter
                valid = (iw > 0) & (ih > 0) & (area[a] > 0) & (area[kept] > 0) & (union > 0)
                iou = np.where(valid, inter / np.where(valid, union, 1), 0)
                if np.any(valid & (iou > np.float32(iou_thr))):
                    continue
            kept = np.append(kept, a)
            keep.append((c, int(a)))
    return keep


def nms_rows(boxes: np.ndarray, scores: np.ndarray, k: int = MAX_DET) -> np.ndarray:
    """End-to-end rows of one image: per-class NMS (nms_keep), the kept (box, class)
    pairs ordered by score descending (stable, like ONNX TopK), at most k, padded
    with zero rows to [k, 6] x1,y1,x2,y2,score,class."""
    keep = nms_keep(boxes, scores)
    out = np.zeros((k, 6), np.float32)
    if not keep:
        return out
    cls = np.array([c for c, _ in keep]); anc = np.array([a for _, a in keep])
    sc = scores[cls, anc]
    order = np.argsort(-sc, kind="stable")[:k]
    n = len(order)
    out[:n, :4] = boxes[anc[order]]
    out[:n, 4] = sc[order]
    out[:n, 5] = cls[order]
    return out


class DemoYOLO(nn.Module):
    """Backbone (stride 32) + SPPF + one upsampled P4 level; head on P4 & P5.

    A = 20*20 + 10*10 = 500 anchors, so the e2e head can keep 300 candidates."""

    def __init__(self, imgsz=320):
        super().__init__()
        # (from, module)
        spec = [
            (-1, Conv(3, 16, 3, 2)),     # 0  P1/2
            (-1, Conv(16, 32, 3, 2)),    # 1  P2/4
            (-1, C2f(32, 32, 1)),        # 2
            (-1, Conv(32, 48, 3, 2)),    # 3  P3/8
            (-1, C2f(48, 48, 1)),        # 4
            (-1, Conv(48, 64, 3, 2)),    # 5  P4/16
            (-1, C2f(64, 64, 1)),        # 6
            (-1, Conv(64, 96, 3, 2)),    # 7  P5/32
            (-1, C2f(96, 96, 1)),        # 8
            (-1, SPPF(96, 96)),          # 9
            (-1, nn.Upsample(None, 2, "nearest")),  # 10
            ([-1, 6], Concat()),         # 11
            (-1, C2f(160, 64, 1, False)),  # 12 P4 head features
            ([12, 9], Detect((64, 96), (16, 32), imgsz)),  # 13 head (last)
        ]
        self.model = nn.ModuleList()
        for i, (f, m) in enumerate(spec):
            m.f, m.i = f, i
            self.model.append(m)
        self.save = {6, 9, 12}
        self.stride = 32

    @property
    def head(self) -> Detect:
        return self.model[-1]

    def forward(self, x):
        y = {}
        for m in self.model:
            if m.f != -1:
                x = [x if j == -1 else y[j] for j in m.f]
            x = m(x)
            if m.i in self.save:
                y[m.i] = x
        return x
