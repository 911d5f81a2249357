#!/usr/bin/env node
'use strict';
// A `solc` for `forge build --offline --use <this>`: answers `--version` in solc's format and
// `--standard-json` (input on standard input, output on standard output) through npm solc
// (solcjs), which scripts/services.sh installs beside this file. Other options forge passes
// (--allow-paths, --base-path, --include-path) are accepted: the standard JSON input forge
// writes carries every source's content.
const solc = require('solc');

const args = process.argv.slice(2);
const full = solc.version().replace(/\.Emscripten\.clang$/, '');

if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${full}.Linux.g++\n`);
} else if (args.includes('--standard-json')) {
  const chunks = [];
  process.stdin.on('data', (c) => chunks.push(c));
  process.stdin.on('end', () => {
    const output = solc.compile(Buffer.concat(chunks).toString('utf8'));
    // Exit only once the output is written: a pipe would otherwise be cut off.
    process.stdout.write(output, () => process.exit(0));
  });
} else {
  process.stderr.write(`solc-wrapper: only --version and --standard-json are supported (got: ${args.join(' ')})\n`);
  process.exit(2);
}
