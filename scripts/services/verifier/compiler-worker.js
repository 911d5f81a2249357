'use strict';
// Runs solcjs in a worker thread, so that the server keeps answering (status polls, health)
// while a job compiles. Each compiler version is loaded on first use and kept; it must report
// the long version that package.json's "compilers" map gives for it.
const { parentPort } = require('node:worker_threads');

const loaded = new Map();

function compiler(pkg, long) {
  if (!loaded.has(pkg)) {
    const solc = require(pkg);
    if (!solc.version().startsWith(long)) {
      throw new Error(`${pkg} reports version ${solc.version()}, package.json says ${long}`);
    }
    loaded.set(pkg, solc);
  }
  return loaded.get(pkg);
}

parentPort.on('message', ({ id, pkg, long, input }) => {
  try {
    const output = compiler(pkg, long).compile(input);
    parentPort.postMessage({ id, output });
  } catch (e) {
    parentPort.postMessage({ id, error: String((e && e.message) || e) });
  }
});
