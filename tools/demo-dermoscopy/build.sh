#!/usr/bin/env bash
# One command that rebuilds datasets/demo-dermoscopy/ from scratch: installs the Python prerequisites from
# Debian's packages when missing, renders the scenes, trains both detectors, exports them, writes the audit set
# and the model cards, then re-measures the reliance with the C# harness for the cards. Not run by CI.
# usage: tools/demo-dermoscopy/build.sh            (about 25 minutes on 2 cores)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
python=/usr/bin/python3   # Debian's python3: torch and onnx come from apt, not pip

if ! "$python" -c 'import torch, onnx, numpy, PIL' 2>/dev/null; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "build: installing python3-torch python3-onnx python3-numpy python3-pil (apt-get)"
  $sudo apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q python3-torch python3-onnx python3-numpy python3-pil >/dev/null
fi

cd "$repo"
"$python" "$here/build_all.py" --seed 7 --n-train 2000 --epochs 8
"$python" "$here/onnx_check.py"
for model in shortcut_e2e shortcut_anchor clean_e2e clean_anchor; do
  "$here/measure_reliance.sh" "datasets/demo-dermoscopy/models/$model.onnx"
done
echo "build: the model cards kept their 'Measured reliance (C# harness)' sections; update them with the figures above if they changed"
