"""Export a trained demo detector to ONNX (opset 17) in two layouts and add
Ultralytics-style metadata_props.

anchor: output0 [1,6,500] cx,cy,w,h,score_nevus,score_melanoma (YOLOv8 layout, NMS left to the caller).
e2e:    output0 [1,300,6] x1,y1,x2,y2,score,class with per-class NMS inside the graph, like
        Ultralytics' export nms=True (the head was trained one-to-many, so TopK alone would
        leave ~20 near-identical rows per lesion). The network is exported by torch in
        'pre_nms' mode (boxes [1,500,4] corners, scores [1,2,500]) and the post-processing
        nodes are appended under /postprocess/ with the onnx helper API.

Usage: /usr/bin/python3 export_onnx.py --recipe shortcut [--only e2e]"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import os

import onnx
import torch

import data
from onnx import TensorProto, helper

from model import MAX_DET, NMS_IOU, NMS_SCORE, DemoYOLO

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


def _append_nms(m: onnx.ModelProto, boxes: str, scores: str):
    """Append per-class NMS + score ordering + zero padding to output0 [1,300,6]
    (batch 1). boxes [1,A,4] x1,y1,x2,y2, scores [1,nc,A] are the head's outputs."""
    P = "/postprocess/"
    g = m.graph
    const = lambda name, dtype, dims, vals: g.initializer.append(helper.make_tensor(P + name, dtype, dims, vals))
    const("max_output_boxes_per_class", TensorProto.INT64, [1], [MAX_DET])
    const("iou_threshold", TensorProto.FLOAT, [1], [NMS_IOU])
    const("score_threshold", TensorProto.FLOAT, [1], [NMS_SCORE])
    const("class_column", TensorProto.INT64, [], [1])
    const("anchor_column", TensorProto.INT64, [], [2])
    const("max_det", TensorProto.INT64, [1], [MAX_DET])
    const("unsqueeze_axes", TensorProto.INT64, [2], [0, 2])
    const("zero_rows", TensorProto.FLOAT, [1, MAX_DET, 6], [0.0] * (MAX_DET * 6))
    const("slice_starts", TensorProto.INT64, [1], [0])
    const("slice_ends", TensorProto.INT64, [1], [MAX_DET])
    const("slice_axes", TensorProto.INT64, [1], [1])

    def node(op, inputs, outputs, name, **attrs):
        g.node.append(helper.make_node(op, [i if i in (boxes, scores) or i.startswith("/") else P + i for i in inputs],
                                       [P + o if not o.startswith("output") else o for o in outputs],
                                       name=P + name, **attrs))

    node("NonMaxSuppression", [boxes, scores, "max_output_boxes_per_class", "iou_threshold", "score_threshold"],
         ["selected"], "NonMaxSuppression", center_point_box=0)          # [N,3] (batch, class, anchor)
    node("Gather", ["selected", "class_column"], ["class_idx"], "Gather_class", axis=1)      # [N]
    node("Gather", ["selected", "anchor_column"], ["anchor_idx"], "Gather_anchor", axis=1)  # [N]
    node("GatherND", [scores, "selected"], ["selected_scores"], "GatherND_scores")           # [N]
    node("Shape", ["selected_scores"], ["num_selected"], "Shape")
    node("Min", ["num_selected", "max_det"], ["k"], "Min")                                  # min(N, 300)
    node("TopK", ["selected_scores", "k"], ["top_scores", "top_order"], "TopK", axis=0, largest=1, sorted=1)
    node("Gather", ["anchor_idx", "top_order"], ["top_anchor"], "Gather_top_anchor", axis=0)
    node("Gather", ["class_idx", "top_order"], ["top_class_idx"], "Gather_top_class", axis=0)
    node("Gather", [boxes, "top_anchor"], ["top_boxes"], "Gather_boxes", axis=1)            # [1,k,4]
    node("Unsqueeze", ["top_scores", "unsqueeze_axes"], ["top_scores_col"], "Unsqueeze_scores")  # [1,k,1]
    node("Cast", ["top_class_idx"], ["top_class"], "Cast_class", to=TensorProto.FLOAT)
    node("Unsqueeze", ["top_class", "unsqueeze_axes"], ["top_class_col"], "Unsqueeze_class")      # [1,k,1]
    node("Concat", ["top_boxes", "top_scores_col", "top_class_col"], ["rows"], "Concat_rows", axis=2)  # [1,k,6]
    node("Concat", ["rows", "zero_rows"], ["padded"], "Concat_pad", axis=1)                 # [1,k+300,6]
    node("Slice", ["padded", "slice_starts", "slice_ends", "slice_axes"], ["output0"], "Slice")  # [1,300,6]
    del g.output[:]
    g.output.append(helper.make_tensor_value_info("output0", TensorProto.FLOAT, [1, MAX_DET, 6]))


def export(model: DemoYOLO, path: str, end2end: bool, recipe: str, seed: int):
    model.eval()
    model.head.mode = "pre_nms" if end2end else "anchor"
    outputs = ["/model.13/boxes_xyxy", "/model.13/class_scores"] if end2end else ["output0"]
    buf = io.BytesIO()
    with torch.no_grad():
        torch.onnx.export(model, torch.zeros(1, 3, IMGSZ, IMGSZ), buf, opset_version=17,
                          input_names=["images"], output_names=outputs, do_constant_folding=True)
    model.head.mode = "train"
    m = onnx.load_from_string(buf.getvalue())
    if end2end:
        _append_nms(m, outputs[0], outputs[1])
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
        "args": "{'batch': 1, 'dynamic': False, 'opset': 17, 'nms': %s}" % end2end,
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
    ap.add_argument("--only", choices=["e2e", "anchor"], help="export one layout, leave the other file untouched")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    model = load_model(a.recipe)
    for e2e, suffix in ((True, "e2e"), (False, "anchor")):
        if a.only and a.only != suffix:
            continue
        path = os.path.join(a.out, f"{a.recipe}_{suffix}.onnx")
        m = export(model, path, e2e, a.recipe, a.seed)
        out = m.graph.output[0].type.tensor_type.shape
        print(path, [d.dim_value for d in out.dim], f"{os.path.getsize(path) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
