#!/usr/bin/env sh
# Renders this task's shard of a dataset: the command every Kubernetes pod and Slurm array
# task runs (kubernetes/indexed-job.yaml, slurm/render-array.sbatch). `render` takes the
# shard index from the scheduler itself (JOB_COMPLETION_INDEX, or SLURM_ARRAY_TASK_ID minus
# SLURM_ARRAY_TASK_MIN); this script only names the shard's directory after it.
#
#   SHARDS   number of shards (the Job's completions, the array's size)     required
#   OUT      shared directory; the shard goes to $OUT/shard-K                  required
#   SCENE    scene file or built-in name                                      default street
#   COUNT    images in the whole dataset                                      default 50000
#   RENDER   the render binary                                                default render
#   EXTRA    further render options (e.g. "--seed 7 --format coco,yolo")
#
# A task that is killed and restarted (pod eviction, preemption) continues where it
# stopped: --resume keeps every finished image.
set -eu
: "${SHARDS:?set SHARDS to the number of shards}"
: "${OUT:?set OUT to the shared output directory}"
SCENE="${SCENE:-street}"
COUNT="${COUNT:-50000}"
RENDER="${RENDER:-render}"
if [ -n "${JOB_COMPLETION_INDEX:-}" ]; then
    index="$JOB_COMPLETION_INDEX"
else
    index=$(( ${SLURM_ARRAY_TASK_ID:?no JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID} - ${SLURM_ARRAY_TASK_MIN:-0} ))
fi
dir="$OUT/shard-$index"
resume=""
if [ -f "$dir/dataset.json" ]; then
    resume="--resume"
fi
# shellcheck disable=SC2086 # EXTRA and resume are lists of options
exec "$RENDER" --scene "$SCENE" --count "$COUNT" --shard-count "$SHARDS" --out "$dir" \
    --quiet $resume ${EXTRA:-}
