#!/usr/bin/env node
// Thin launcher: the CLI itself is bundled into dist/cli.js by `npm run build`.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  console.error('attack-notes: dist/cli.js is missing; run `npm run build` first.');
  process.exit(2);
}
require(cli);
