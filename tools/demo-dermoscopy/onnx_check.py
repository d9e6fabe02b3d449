"""Check exported ONNX files without onnxruntime: a small pure-numpy
interpreter for the ops these graphs use, compared with the PyTorch model.
The end-to-end graph (NMS inside) is also compared with the anchor graph's
output decoded in numpy (cx,cy,w,h -> corners) + per-class NMS (model.nms_rows).

Usage: /usr/bin/python3 onnx_check.py [--recipes shortcut clean]"""
from __future__ import annotations

import argparse
import os

import numpy as np
import onnx
import torch
from onnx import numpy_helper

import data
from export_onnx import load_model
from model import DemoYOLO, nms_rows

MODELS = os.path.join(data.HERE, "..", "..", "datasets", "demo-dermoscopy", "models")


def _conv(x, w, b, strides, pads, group=1):
    assert group == 1
    n, c, h, wd = x.shape
    k, _, kh, kw = w.shape
    x = np.pad(x, ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])))
    sh, sw = strides
    oh = (x.shape[2] - kh) // sh + 1
    ow = (x.shape[3] - kw) // sw + 1
    win = np.lib.stride_tricks.sliding_window_view(x, (kh, kw), axis=(2, 3))[:, :, ::sh, ::sw][:, :, :oh, :ow]
    y = np.einsum("nchwij,kcij->nkhw", win, w, optimize=True)
    return y + (b[None, :, None, None] if b is not None else 0)


def _maxpool(x, k, s, pads):
    x = np.pad(x, ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])), constant_values=-np.inf)
    win = np.lib.stride_tricks.sliding_window_view(x, tuple(k), axis=(2, 3))[:, :, ::s[0], ::s[1]]
    return win.max(axis=(-1, -2))


def _topk(x, k, axis):
    idx = np.argsort(-x, axis=axis, kind="stable")
    idx = np.take(idx, np.arange(k), axis=axis)
    return np.take_along_axis(x, idx, axis), idx.astype(np.int64)


def _nms(boxes, scores, max_out=None, iou_thr=None, score_thr=None, center_point_box=0):
    """ONNX NonMaxSuppression (opset 10/11), written from the operator spec and its
    reference implementation, box by box: per batch and class, candidates with
    score > score_threshold (all boxes if the input is absent), visited by score
    descending (lower box index first on ties); a candidate is dropped when its
    IoU with an already selected box of the class is > iou_threshold (boxes with
    no positive-area intersection, or zero area, never suppress); at most
    max_output_boxes_per_class per class (0 / absent -> none). Output [N,3] int64
    (batch, class, box) in batch, class, selection order."""
    max_out = 0 if max_out is None or max_out.size == 0 else max(int(max_out.reshape(-1)[0]), 0)
    iou_thr = 0.0 if iou_thr is None or iou_thr.size == 0 else iou_thr.reshape(-1)[0]
    has_thr = score_thr is not None and score_thr.size != 0
    score_thr = score_thr.reshape(-1)[0] if has_thr else None

    def corners(b):
        if center_point_box == 0:  # [y1,x1,y2,x2], any diagonal pair
            return min(b[1], b[3]), max(b[1], b[3]), min(b[0], b[2]), max(b[0], b[2])
        return b[0] - b[2] / 2, b[0] + b[2] / 2, b[1] - b[3] / 2, b[1] + b[3] / 2

    def suppress(b1, b2):
        ax0, ax1, ay0, ay1 = corners(b1)
        bx0, bx1, by0, by1 = corners(b2)
        ix0, ix1 = max(ax0, bx0), min(ax1, bx1)
        if ix1 <= ix0:
            return False
        iy0, iy1 = max(ay0, by0), min(ay1, by1)
        if iy1 <= iy0:
            return False
        inter = (ix1 - ix0) * (iy1 - iy0)
        a1, a2 = (ax1 - ax0) * (ay1 - ay0), (bx1 - bx0) * (by1 - by0)
        union = a1 + a2 - inter
        if inter <= 0 or a1 <= 0 or a2 <= 0 or union <= 0:
            return False
        return inter / union > iou_thr

    out = []
    for b in range(boxes.shape[0]):
        for c in range(scores.shape[1]):
            s = scores[b, c]
            cand = [k for k in range(s.shape[0]) if not has_thr or s[k] > score_thr]
            cand.sort(key=lambda k: (-s[k], k))
            sel = []
            for k in cand:
                if len(sel) >= max_out:
                    break
                if not any(suppress(boxes[b, k], boxes[b, j]) for j in sel):
                    sel.append(k)
                    out.append((b, c, k))
    return np.array(out, np.int64).reshape(-1, 3)


def _nms_selftest():
    """Expected outputs of the ONNX operator documentation's NonMaxSuppression examples."""
    boxes = np.array([[[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, -0.1, 1, 0.9],
                       [0, 10, 1, 11], [0, 10.1, 1, 11.1], [0, 100, 1, 101]]], np.float32)
    scores = np.array([[[0.9, 0.75, 0.6, 0.95, 0.5, 0.3]]], np.float32)
    f = lambda *v: [np.array([v[0]], np.int64), np.array([v[1]], np.float32), np.array([v[2]], np.float32)]
    assert _nms(boxes, scores, *f(3, 0.5, 0.0)).tolist() == [[0, 0, 3], [0, 0, 0], [0, 0, 5]]  # suppress_by_IOU
    assert _nms(boxes, scores, *f(3, 0.5, 0.4)).tolist() == [[0, 0, 3], [0, 0, 0]]  # ..._and_scores
    assert _nms(boxes, scores, *f(2, 0.5, 0.0)).tolist() == [[0, 0, 3], [0, 0, 0]]  # limit_output_size
    flipped = boxes[:, :, [2, 3, 0, 1]]  # flipped_coordinates
    assert _nms(flipped, scores, *f(3, 0.5, 0.0)).tolist() == [[0, 0, 3], [0, 0, 0], [0, 0, 5]]
    two = np.concatenate([scores, scores], 1)  # two_classes
    assert _nms(boxes, two, *f(2, 0.5, 0.0)).tolist() == [[0, 0, 3], [0, 0, 0], [0, 1, 3], [0, 1, 0]]
    same = np.tile(np.array([[[0, 0, 1, 1]]], np.float32), (1, 10, 1))  # identical_boxes
    assert _nms(same, np.full((1, 1, 10), 0.9, np.float32), *f(3, 0.5, 0.0)).tolist() == [[0, 0, 0]]


def run(model: onnx.ModelProto, feeds: dict) -> dict:
    env = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    env.update(feeds)
    for n in model.graph.node:
        a = {at.name: onnx.helper.get_attribute_value(at) for at in n.attribute}
        i = [env[x] if x else None for x in n.input]
        op = n.op_type
        if op == "Conv":
            y = _conv(i[0], i[1], i[2] if len(i) > 2 else None, a.get("strides", [1, 1]), a.get("pads", [0] * 4), a.get("group", 1))
        elif op == "Sigmoid": y = 1 / (1 + np.exp(-i[0]))
        elif op == "Softplus": y = np.logaddexp(0, i[0])
        elif op == "Mul": y = i[0] * i[1]
        elif op == "Add": y = i[0] + i[1]
        elif op == "Sub": y = i[0] - i[1]
        elif op == "Div": y = i[0] / i[1] if i[0].dtype.kind == "f" else i[0] // i[1]
        elif op == "Mod": y = np.mod(i[0], i[1])
        elif op == "Concat": y = np.concatenate(i, axis=a["axis"])
        elif op == "Split":
            y = np.split(i[0], np.cumsum(i[1])[:-1], axis=a.get("axis", 0))
        elif op == "MaxPool": y = _maxpool(i[0], a["kernel_shape"], a.get("strides", [1, 1]), a.get("pads", [0] * 4))
        elif op == "Resize":
            scales = i[2]
            assert a.get(b"mode", a.get("mode")) in (b"nearest", "nearest")
            y = i[0]
            for ax, s in enumerate(scales):
                if s != 1:
                    y = np.repeat(y, int(s), axis=ax)
        elif op == "Reshape":
            shape = [d if d != 0 else i[0].shape[k] for k, d in enumerate(i[1])]
            y = i[0].reshape(shape)
        elif op == "Transpose": y = np.transpose(i[0], a["perm"])
        elif op == "Shape": y = np.array(i[0].shape, np.int64)
        elif op == "Constant": y = numpy_helper.to_array(a["value"])
        elif op == "ConstantOfShape":
            v = numpy_helper.to_array(a["value"]) if "value" in a else np.zeros(1, np.float32)
            y = np.full(tuple(i[0]), v[0], v.dtype)
        elif op == "Gather": y = np.take(i[0], i[1], axis=a.get("axis", 0))
        elif op == "GatherND":
            assert a.get("batch_dims", 0) == 0
            idx = i[1]
            y = i[0][tuple(np.moveaxis(idx, -1, 0))]
        elif op == "NonMaxSuppression":
            y = _nms(*(i + [None] * (5 - len(i))), center_point_box=a.get("center_point_box", 0))
        elif op == "Min": y = np.minimum.reduce(np.broadcast_arrays(*i))
        elif op == "GatherElements": y = np.take_along_axis(i[0], i[1], axis=a.get("axis", 0))
        elif op == "Unsqueeze": y = np.expand_dims(i[0], tuple(int(v) for v in i[1]))
        elif op == "Flatten":
            ax = a.get("axis", 1)
            y = i[0].reshape(int(np.prod(i[0].shape[:ax])), -1)
        elif op == "Slice":
            starts, ends = i[1], i[2]
            axes = i[3] if len(i) > 3 and i[3] is not None else range(len(starts))
            steps = i[4] if len(i) > 4 and i[4] is not None else [1] * len(starts)
            sl = [slice(None)] * i[0].ndim
            for s, e, ax, st in zip(starts, ends, axes, steps):
                sl[int(ax)] = slice(int(s), int(e), int(st))
            y = i[0][tuple(sl)]
        elif op == "Expand": y = np.broadcast_to(i[0], np.broadcast_shapes(i[0].shape, tuple(i[1]))).copy()
        elif op == "Tile": y = np.tile(i[0], i[1])
        elif op == "ReduceMax": y = np.max(i[0], axis=tuple(a["axes"]), keepdims=bool(a.get("keepdims", 1)))
        elif op == "TopK":
            assert a.get("largest", 1) == 1 and a.get("sorted", 1) == 1
            y = list(_topk(i[0], int(i[1][0]), a.get("axis", -1)))
        elif op == "Cast": y = i[0].astype(onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[a["to"]])
        elif op == "Identity": y = i[0]
        else:
            raise NotImplementedError(op)
        outs = y if isinstance(y, list) else [y]
        for name, v in zip(n.output, outs):
            env[name] = np.asarray(v)
    return {o.name: env[o.name] for o in model.graph.output}


def decode_anchor(out: np.ndarray) -> np.ndarray:
    """anchor output [1,6,A] -> end-to-end rows [300,6] by numpy: corners + per-class NMS."""
    p = out[0]
    xy, wh = p[:2].T, p[2:4].T
    boxes = np.concatenate([xy - wh / 2, xy + wh / 2], 1).astype(np.float32)
    return nms_rows(boxes, p[4:].astype(np.float32))


def check(recipe: str, images: np.ndarray):
    torch_model = load_model(recipe)
    x = torch.from_numpy(images).permute(0, 3, 1, 2).float() / 255.0
    got_by = {}
    for suffix, mode in (("anchor", "anchor"), ("e2e", "e2e")):
        m = onnx.load(os.path.join(MODELS, f"{recipe}_{suffix}.onnx"))
        onnx.checker.check_model(m, full_check=True)
        meta = {p.key: p.value for p in m.metadata_props}
        worst = 0.0
        got_by[suffix] = []
        for k in range(len(images)):
            got = run(m, {"images": x[k:k + 1].numpy()})["output0"]
            got_by[suffix].append(got)
            torch_model.head.mode = mode
            with torch.no_grad():
                ref = torch_model(x[k:k + 1]).numpy()
            torch_model.head.mode = "train"
            worst = max(worst, float(np.abs(got - ref).max()))
        print(f"{recipe}_{suffix}.onnx: output {list(got_by[suffix][0].shape)}, "
              f"max |onnx(numpy) - torch| = {worst:.2e}, end2end={meta['end2end']}, args={meta['args']}")
        assert worst < 1e-2, worst
    # e2e graph == anchor graph decoded in numpy + per-class NMS
    worst, n_rows, conf = 0.0, [], []
    for e2e, anchor in zip(got_by["e2e"], got_by["anchor"]):
        ref = decode_anchor(anchor)
        assert e2e.shape == (1, 300, 6)
        assert np.array_equal(e2e[0, :, 5], ref[:, 5]), "class order differs"
        worst = max(worst, float(np.abs(e2e[0] - ref).max()))
        kept = e2e[0, :, 4] > 0
        assert np.all(e2e[0, ~kept] == 0) and kept[:kept.sum()].all(), "zero padding"
        assert set(e2e[0, kept, 5]) == {0.0, 1.0}, "both classes present"
        n_rows.append(int(kept.sum()))
        conf.append(int((e2e[0, :, 4] >= 0.25).sum()))
    print(f"  e2e vs numpy(anchor) + per-class NMS: max |diff| = {worst:.2e}; rows kept per image {n_rows}, "
          f"rows with score >= 0.25 {conf}")
    assert worst < 1e-3, worst


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--recipes", nargs="+", default=list(data.RECIPES))
    ap.add_argument("--models", default=MODELS, help="folder with <recipe>_{anchor,e2e}.onnx")
    a = ap.parse_args()
    MODELS = a.models
    _nms_selftest()
    print("NonMaxSuppression interpreter: ONNX documentation examples pass")
    from evaluate import load_audit
    pairs, boxes, imgs, cfs = load_audit()
    for r in a.recipes:
        check(r, imgs[:: len(imgs) // 8][:8])
