#!/usr/bin/env node
'use strict';
// The `runway` command line: compiled by `npm run build` (run by `npm ci` through `prepare`).
require('../dist/src/cli/main.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
