#!/bin/bash
# A large audit on a Slurm cluster: an array of 4 tasks, task i running shard i of 4 (--shard auto/4 reads
# SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN), then a merge job that starts when every task succeeded.
# Submit from the repository root: sbatch docs/ci-examples/slurm-array.sh
#SBATCH --job-name=audit-shards
#SBATCH --array=0-3
#SBATCH --cpus-per-task=2
#SBATCH --mem=2G
#SBATCH --time=04:00:00
#SBATCH --output=runs/slurm/%x-%A_%a.log

set -euo pipefail
spec=audits/demo-dermoscopy.audit.json
runs=runs/slurm/$SLURM_ARRAY_JOB_ID
mkdir -p "$runs"

# The last task to start submits the merge, once, depending on the whole array.
if [ "$SLURM_ARRAY_TASK_ID" -eq "$SLURM_ARRAY_TASK_MAX" ]; then
  sbatch --dependency=afterok:"$SLURM_ARRAY_JOB_ID" --job-name=audit-merge --cpus-per-task=2 --mem=2G \
    --output="$runs/merge.log" \
    --wrap "dotnet run --project src/AuditHarness.Cli -c Release -- merge $runs/shard-0 $runs/shard-1 $runs/shard-2 $runs/shard-3 --out $runs/merged"
fi

# A requeued task (node failure) resumes its shard from the journal instead of starting over; on the first
# attempt the folder holds no journal and --resume starts the shard afresh there.
dotnet run --project src/AuditHarness.Cli -c Release -- run "$spec" --shard auto/4 --resume "$runs/shard-$SLURM_ARRAY_TASK_ID"
