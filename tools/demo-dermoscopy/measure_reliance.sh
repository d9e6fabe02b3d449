#!/usr/bin/env bash
# Measures a demo model's ruler reliance with the harness's own C# predict, then summarises it.
# usage: tools/demo-dermoscopy/measure_reliance.sh datasets/demo-dermoscopy/models/shortcut_e2e.onnx
set -euo pipefail
model=${1:?usage: measure_reliance.sh MODEL.onnx}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
audit="$repo/datasets/demo-dermoscopy/audit"
out=$(mktemp -d)
cli=(dotnet run --project "$repo/src/AuditHarness.Cli" -c Release --)
# A low threshold keeps weak melanoma rows, so a score that falls is seen falling, not vanishing.
"${cli[@]}" predict --model "$model" --source "$audit/images" --conf 0.01 --out "$out/originals" > /dev/null
"${cli[@]}" predict --model "$model" --source "$audit/counterfactuals" --conf 0.01 --out "$out/counterfactuals" > /dev/null
echo "model: $(basename "$model")"
python3 "$here/measure_reliance.py" "$audit" "$out/originals/detections.csv" "$out/counterfactuals/detections.csv"
rm -rf "$out"
