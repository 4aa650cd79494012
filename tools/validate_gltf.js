#!/usr/bin/env node
// Validates glTF 2.0 files (.gltf / .glb) with the Khronos glTF-Validator.
//
// Usage:
//   node tools/validate_gltf.js [--verbose] assets/*.glb assets/*.gltf
//
// Prints each file's error / warning / info / hint counts and lists every error and
// warning (all messages with --verbose). Exit code: 0 when no file has errors,
// 1 when any file has an error or cannot be read, 2 on usage / setup problems.
//
// The validator is the npm package `gltf-validator`; it is NOT a dependency of the repo.
// Install it anywhere outside the repo and point this script at it, either with
//   GLTF_VALIDATOR_DIR=/tmp/gv node tools/validate_gltf.js ...   (the dir you ran npm in,
//                                                                  or its node_modules)
// or with Node's usual module path:
//   NODE_PATH=/tmp/gv/node_modules node tools/validate_gltf.js ...
// e.g.  mkdir -p /tmp/gv && (cd /tmp/gv && npm install gltf-validator)
// A global install (`npm install -g gltf-validator` with NODE_PATH set to the global
// node_modules) works too.
'use strict';

const fs = require('fs');
const path = require('path');

function loadValidator() {
  const tried = [];
  const dir = process.env.GLTF_VALIDATOR_DIR;
  if (dir) {
    for (const base of [dir, path.join(dir, 'node_modules')]) {
      try {
        return require(require.resolve('gltf-validator', { paths: [base] }));
      } catch (e) {
        tried.push(`${base}: ${e.code || e.message}`);
      }
    }
  }
  try {
    return require('gltf-validator'); // NODE_PATH and node_modules above this script
  } catch (e) {
    tried.push(`NODE_PATH/default resolution: ${e.code || e.message}`);
  }
  console.error('cannot load gltf-validator; set GLTF_VALIDATOR_DIR or NODE_PATH (see top of this file).');
  for (const t of tried) console.error(`  tried ${t}`);
  process.exit(2);
}

async function validateFile(validator, file) {
  const bytes = new Uint8Array(fs.readFileSync(file));
  const dir = path.dirname(file);
  return validator.validateBytes(bytes, {
    uri: path.basename(file),
    maxIssues: 1000,
    // External buffers/images are resolved relative to the asset's directory.
    externalResourceFunction: (uri) =>
      new Promise((resolve, reject) => {
        fs.readFile(path.join(dir, decodeURIComponent(uri)), (err, data) =>
          err ? reject(err.toString()) : resolve(new Uint8Array(data)),
        );
      }),
  });
}

async function main() {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const files = args.filter((a) => a !== '--verbose');
  if (files.length === 0) {
    console.error('usage: node tools/validate_gltf.js [--verbose] FILE.glb|FILE.gltf ...');
    process.exit(2);
  }
  const validator = loadValidator();
  const severities = ['error', 'warning', 'info', 'hint'];
  let failed = false;
  for (const file of files) {
    let report;
    try {
      report = await validateFile(validator, file);
    } catch (e) {
      console.log(`${file}: FAILED to validate: ${e && e.message ? e.message : e}`);
      failed = true;
      continue;
    }
    const i = report.issues;
    console.log(
      `${file}: ${i.numErrors} errors, ${i.numWarnings} warnings, ${i.numInfos} infos, ${i.numHints} hints`,
    );
    for (const m of i.messages) {
      if (verbose || m.severity <= 1) {
        const where = m.pointer ? ` at ${m.pointer}` : m.offset !== undefined ? ` at byte ${m.offset}` : '';
        console.log(`  ${severities[m.severity]} ${m.code}${where}: ${m.message}`);
      }
    }
    if (i.numErrors > 0) failed = true;
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
