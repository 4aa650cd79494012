#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian/Ubuntu machine (run as root, idempotent):
#  - mesa-vulkan-drivers: lavapipe, the software Vulkan adapter the GPU tests run on;
#  - .venv/: Python with pycocotools, faster-coco-eval, numpy and pillow for
#    tests/coco_check.py;
#  - .ci/node/: the Khronos glTF validator (npm gltf-validator) for tools/validate_gltf.js.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! dpkg -s mesa-vulkan-drivers >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y mesa-vulkan-drivers
fi

if ! .venv/bin/python -c "import pycocotools, faster_coco_eval, numpy, PIL" >/dev/null 2>&1; then
    python3 -m venv .venv
    .venv/bin/pip install --quiet --disable-pip-version-check \
        pycocotools==2.0.11 faster-coco-eval==1.8.0 numpy==2.4.6 pillow==13.0.0
fi

if [ ! -d .ci/node/node_modules/gltf-validator ]; then
    mkdir -p .ci/node
    npm install --silent --no-audit --no-fund --prefix .ci/node gltf-validator@2.0.0-dev.3.10
fi
