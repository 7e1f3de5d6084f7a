#!/usr/bin/env node
'use strict';
// The `runway` command line: compiled by `npm run build` (run by `npm ci` through `prepare`).
// Node keeps the compiled code of the modules (zod above all) between runs: ~15 ms of every
// command's start-up. Node < 22.1 has no such cache and simply compiles.
require('node:module').enableCompileCache?.();
// A reader that stops early (`runway kpis … | head`) closes the pipe: stop quietly, as Unix
// tools do, instead of a stack trace for the EPIPE of the next write.
process.stdout.on('error', (e) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});
require('../dist/src/cli/main.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
