"""Check exported ONNX files without onnxruntime: a small pure-numpy
interpreter for the ops these graphs use, compared with the PyTorch model.

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
from model import DemoYOLO

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
        elif op == "TopK": y = list(_topk(i[0], int(i[1][0]), a.get("axis", -1)))
        elif op == "Cast": y = i[0].astype(onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[a["to"]])
        elif op == "Identity": y = i[0]
        else:
            raise NotImplementedError(op)
        outs = y if isinstance(y, list) else [y]
        for name, v in zip(n.output, outs):
            env[name] = np.asarray(v)
    return {o.name: env[o.name] for o in model.graph.output}


def check(recipe: str, images: np.ndarray):
    torch_model = load_model(recipe)
    x = torch.from_numpy(images).permute(0, 3, 1, 2).float() / 255.0
    for suffix, mode in (("anchor", "anchor"), ("e2e", "e2e")):
        m = onnx.load(os.path.join(MODELS, f"{recipe}_{suffix}.onnx"))
        onnx.checker.check_model(m, full_check=True)
        meta = {p.key: p.value for p in m.metadata_props}
        worst = 0.0
        for k in range(len(images)):
            got = run(m, {"images": x[k:k + 1].numpy()})["output0"]
            torch_model.head.mode = mode
            with torch.no_grad():
                ref = torch_model(x[k:k + 1]).numpy()
            torch_model.head.mode = "train"
            if mode == "e2e":  # compare the confident rows (low-score tails may tie-break differently)
                keep = ref[0, :, 4] > 0.01
                got, ref = got[:, :keep.sum()], ref[:, keep]
            worst = max(worst, float(np.abs(got - ref).max()))
        print(f"{recipe}_{suffix}.onnx: output {list(run(m, {'images': x[:1].numpy()})['output0'].shape)}, "
              f"max |onnx(numpy) - torch| = {worst:.2e}, end2end={meta['end2end']}, names={meta['names']}")
        assert worst < 1e-2, worst


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--recipes", nargs="+", default=list(data.RECIPES))
    a = ap.parse_args()
    from evaluate import load_audit
    pairs, boxes, imgs, cfs = load_audit()
    for r in a.recipes:
        check(r, imgs[:: len(imgs) // 4][:4])
