"""Export a trained demo detector to ONNX (opset 17) in two layouts and add
Ultralytics-style metadata_props."""
from __future__ import annotations

import argparse
import datetime as dt
import io
import os

import onnx
import torch

import data
from model import DemoYOLO

NAMES = "{0: 'nevus', 1: 'melanoma'}"
IMGSZ = 320


def load_model(recipe: str) -> DemoYOLO:
    m = DemoYOLO(IMGSZ)
    m.load_state_dict(torch.load(os.path.join(data.WORK, f"{recipe}.pt")))
    return m.eval()


def _inline_identity_initializers(m: onnx.ModelProto):
    """Constant folding de-duplicates equal weights through Identity nodes;
    replace them with plain initializers so the graph only has real layers."""
    inits = {t.name: t for t in m.graph.initializer}
    keep = []
    for n in m.graph.node:
        if n.op_type == "Identity" and n.input[0] in inits:
            t = onnx.TensorProto()
            t.CopyFrom(inits[n.input[0]])
            t.name = n.output[0]
            m.graph.initializer.append(t)
        else:
            keep.append(n)
    del m.graph.node[:]
    m.graph.node.extend(keep)


def export(model: DemoYOLO, path: str, end2end: bool, recipe: str, seed: int):
    model.eval()
    model.head.mode = "e2e" if end2end else "anchor"
    buf = io.BytesIO()
    with torch.no_grad():
        torch.onnx.export(model, torch.zeros(1, 3, IMGSZ, IMGSZ), buf, opset_version=17,
                          input_names=["images"], output_names=["output0"], do_constant_folding=True)
    model.head.mode = "train"
    m = onnx.load_from_string(buf.getvalue())
    m.producer_name = "pytorch"
    meta = {
        "description": f"AuditHarness demo YOLO-style detector '{recipe}' trained on synthetic dermoscopy scenes "
                       f"(tools/demo-dermoscopy, seed {seed})",
        "author": "AuditHarness demo-dermoscopy",
        "date": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "version": "0.1.0",
        "license": "Synthetic demo model for AuditHarness tests (no third-party weights)",
        "docs": "tools/demo-dermoscopy/README.md",
        "stride": str(model.stride),
        "task": "detect",
        "batch": "1",
        "imgsz": f"[{IMGSZ}, {IMGSZ}]",
        "names": NAMES,
        "args": "{'batch': 1, 'dynamic': False, 'opset': 17, 'nms': False}",
        "channels": "3",
        "end2end": "True" if end2end else "False",
    }
    del m.metadata_props[:]
    for k, v in meta.items():
        p = m.metadata_props.add()
        p.key, p.value = k, v
    _inline_identity_initializers(m)
    m = onnx.shape_inference.infer_shapes(m)  # keeps value_info for intermediate tensors
    onnx.checker.check_model(m, full_check=True)
    onnx.save(m, path)
    return m


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--recipe", choices=list(data.RECIPES), required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default=os.path.join(data.HERE, "..", "..", "datasets", "demo-dermoscopy", "models"))
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    model = load_model(a.recipe)
    for e2e, suffix in ((True, "e2e"), (False, "anchor")):
        path = os.path.join(a.out, f"{a.recipe}_{suffix}.onnx")
        m = export(model, path, e2e, a.recipe, a.seed)
        out = m.graph.output[0].type.tensor_type.shape
        print(path, [d.dim_value for d in out.dim], f"{os.path.getsize(path) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
