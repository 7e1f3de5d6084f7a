#!/usr/bin/env node
'use strict';
// The `runway` command line: compiled by `npm run build` (run by `npm ci` through `prepare`).
// Node keeps the compiled code of the modules (zod above all) between runs: ~15 ms of every
// command's start-up. Node < 22.1 has no such cache and simply compiles.
require('node:module').enableCompileCache?.();
require('../dist/src/cli/main.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
