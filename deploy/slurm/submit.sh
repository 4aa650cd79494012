#!/usr/bin/env bash
# Queues the shard array, then the merge with a dependency on its success:
#   OUT=/shared/street COUNT=50000 deploy/slurm/submit.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
array=$(sbatch --parsable --export=ALL "$here/render-array.sbatch")
sbatch --dependency="afterok:${array}" --export=ALL "$here/merge.sbatch"
