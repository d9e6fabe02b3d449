#!/usr/bin/env bash
# Runs the demo audits with two builds of the harness and compares every output file byte for byte.
# Usage: tools/checks/compare-demo-outputs.sh BASE_REV [SPEC...]
#   BASE_REV  the commit to compare against (built from a temporary git worktree)
#   SPEC      audit specs to run (default: the three demo specs in audits/)
# The working tree (with any uncommitted change) is the candidate. Both builds run the working tree's specs and
# data from the same output path, with SOURCE_DATE_EPOCH, the embedded commit and the informational version pinned, so any difference is
# the code's. Exit 0 when every file of every run is identical, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
base_rev=${1:?usage: compare-demo-outputs.sh BASE_REV [SPEC...]}
shift
specs=("$@")
if ((${#specs[@]} == 0)); then
  specs=(audits/demo-dermoscopy.audit.json audits/demo-dermoscopy-inpaint.audit.json audits/demo-insertion.audit.json)
fi

work=$(mktemp -d /tmp/compare-demo.XXXXXX)
trap 'git -C "$repo" worktree remove --force "$work/base-src" >/dev/null 2>&1 || true' EXIT
git worktree add --detach "$work/base-src" "$base_rev" >/dev/null

build() { # build SRC_DIR OUT_DIR
  dotnet build "$1/src/AuditHarness.Cli/AuditHarness.Cli.csproj" -c Release -p:GitCommit=pinned -p:IncludeSourceRevisionInInformationalVersion=false -o "$2" -nologo -v q >/dev/null
}
echo "building $base_rev and the working tree"
build "$work/base-src" "$work/base-bin"
build "$repo" "$work/head-bin"

export SOURCE_DATE_EPOCH=1764072000
status=0
for spec in "${specs[@]}"; do
  name=$(basename "$spec" .audit.json)
  for side in base head; do
    out="$work/out/$name"   # the same path for both sides: paths written into the outputs match
    rm -rf "$out"; mkdir -p "$work/out"
    set +e
    dotnet "$work/$side-bin/audit-harness.dll" run "$repo/$spec" --output "$out" >"$work/$name.$side.log" 2>&1
    echo $? >"$out.exit"
    set -e
    mkdir -p "$work/$side"
    mv "$out" "$work/$side/$name"
    mv "$out.exit" "$work/$side/$name.exit"
  done
  if diff -r "$work/base/$name" "$work/head/$name" >"$work/$name.diff" && cmp -s "$work/base/$name.exit" "$work/head/$name.exit"; then
    echo "identical: $name ($(ls "$work/head/$name" | wc -l) files, exit $(cat "$work/head/$name.exit"))"
  else
    echo "DIFFERENT: $name"; cat "$work/$name.diff"; echo "exit codes: base $(cat "$work/base/$name.exit"), head $(cat "$work/head/$name.exit")"
    status=1
  fi
done
echo "outputs kept in $work/base and $work/head"
exit $status
