#!/usr/bin/env bash
# The demo audit on a full disk (issue 16 item 4), on a small tmpfs mounted for the purpose:
#   A. a tmpfs the CSV logs and the journal fit in but report.pdf does not: the run must exit 3 naming report.pdf,
#      verify must not call the folder intact; after freeing space (remount larger) --resume seals it, verify exit 0.
#   B. a tmpfs the journal does not fit in: one error line, exit 3, the folder kept; after freeing space --resume
#      finishes it and verify exits 0.
# Usage: tests/scripts/full-disk-tmpfs.sh [CLI_DLL]   (default: the Release build in src/AuditHarness.Cli/bin)
# Exit 0 all as expected, 1 something was not, 77 skipped (not root, or mounting a tmpfs is not permitted here).
set -uo pipefail
cd "$(dirname "$0")/../.."
cli=${1:-src/AuditHarness.Cli/bin/Release/net10.0/audit-harness.dll}
spec=audits/demo-dermoscopy.audit.json
# What the demo writes before report.pdf (CSV logs, inputs.csv, journal, junit.xml, summary.json) takes 2064k on
# tmpfs (2816k before journal format 6 made the journal 636k instead of 1388k), report.pdf 536k: 2330k leaves about
# 0.26 MB, as 3080k did before.
fits_csv_not_pdf=2330k
too_small_for_journal=1m
roomy=64m

skip() { echo "SKIP: $*"; exit 77; }
[[ -f "$cli" ]] || { echo "FAIL: no CLI at $cli (build first)"; exit 1; }
[[ $(id -u) == 0 ]] || skip "mounting a tmpfs needs root; running as uid $(id -u)"
mnt=$(mktemp -d /tmp/full-disk-tmpfs.XXXXXX)
cleanup() { umount "$mnt" 2>/dev/null; rmdir "$mnt" 2>/dev/null; }
trap cleanup EXIT
if ! err=$(mount -t tmpfs -o size=$fits_csv_not_pdf tmpfs "$mnt" 2>&1); then
  skip "mount -t tmpfs is not permitted here: $err"
fi

failed=0
expect() { # expect WHAT ACTUAL EXPECTED
  if [[ "$2" == "$3" ]]; then echo "ok: $1 = $2"; else echo "FAIL: $1 = $2, expected $3"; failed=1; fi
}
run_cli() { # run_cli LOG ARGS...: prints stdout+stderr to LOG, returns the exit code
  local log=$1; shift
  dotnet "$cli" "$@" >"$log" 2>&1
}

echo "== A: tmpfs of $fits_csv_not_pdf: the CSVs fit, report.pdf does not"
out="$mnt/demo"
run_cli "$mnt.a1.log" run "$spec" --output "$out"; code=$?
echo "run exit code: $code"; grep '^error:' "$mnt.a1.log"
expect "run on a full disk: exit" "$code" 3
grep -q "^error: report.pdf could not be written: IOException: No space left on device" "$mnt.a1.log" || { echo "FAIL: no error line naming report.pdf"; failed=1; }
df -k "$mnt" | tail -1
run_cli "$mnt.a2.log" verify "$out"; code=$?
echo "verify exit code: $code"; grep -E '^(export failed|FAILED|verified)' "$mnt.a2.log"
expect "verify of the unsealed run: exit" "$code" 1
grep -q "^export failed: report.pdf" "$mnt.a2.log" || { echo "FAIL: verify does not name report.pdf"; failed=1; }

mount -o remount,size=$roomy "$mnt" || { echo "FAIL: could not remount larger"; exit 1; }
echo "freed space: remounted at $roomy"
run_cli "$mnt.a3.log" run "$spec" --resume "$out"; code=$?
echo "resume exit code: $code"; tail -1 "$mnt.a3.log"
expect "resume: exit (the demo's verdict, FAIL)" "$code" 1
run_cli "$mnt.a4.log" verify "$out"; code=$?
echo "verify exit code: $code"; tail -1 "$mnt.a4.log"
expect "verify of the resumed run: exit" "$code" 0
rm -rf "$out"

echo "== B: tmpfs of $too_small_for_journal: the journal does not fit"
mount -o remount,size=$too_small_for_journal "$mnt" || { echo "FAIL: could not remount smaller"; exit 1; }
run_cli "$mnt.b1.log" run "$spec" --output "$out"; code=$?
echo "run exit code: $code"; grep '^error:' "$mnt.b1.log"
expect "run with the journal on a full disk: exit" "$code" 3
expect "error lines" "$(grep -c '^error:' "$mnt.b1.log")" 1
grep -q "^error: No space left writing '$out'" "$mnt.b1.log" || { echo "FAIL: no one-line disk-full error naming the folder"; failed=1; }
mount -o remount,size=$roomy "$mnt" || { echo "FAIL: could not remount larger"; exit 1; }
echo "freed space: remounted at $roomy"
run_cli "$mnt.b2.log" run "$spec" --resume "$out"; code=$?
echo "resume exit code: $code"; tail -1 "$mnt.b2.log"
expect "resume: exit (the demo's verdict, FAIL)" "$code" 1
run_cli "$mnt.b3.log" verify "$out"; code=$?
echo "verify exit code: $code"; tail -1 "$mnt.b3.log"
expect "verify of the resumed run: exit" "$code" 0

rm -f "$mnt".*.log
if ((failed)); then echo "full-disk-tmpfs: FAILED"; exit 1; fi
echo "full-disk-tmpfs: all as expected"
