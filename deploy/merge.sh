#!/usr/bin/env sh
# Merges every shard under $OUT into $OUT/merged once all shards are done: the last step of
# kubernetes/indexed-job.yaml and slurm/submit.sh. The merged dataset has the same files
# and annotations as one unsharded run.
#
#   OUT      the shared directory holding shard-0 .. shard-N               required
#   RENDER   the render binary                                              default render
set -eu
: "${OUT:?set OUT to the shared output directory}"
RENDER="${RENDER:-render}"
exec "$RENDER" merge "$OUT"/shard-* --out "$OUT/merged"
