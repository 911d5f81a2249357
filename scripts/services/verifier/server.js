'use strict';
// Loopback verifier for the integration tests: Sourcify API v2 and the Etherscan contract API
// (V2 /v2/api and the older /api that Blockscout serves), deciding by recompiling with
// lib-sourcify and npm solc against the test node. Interface: README.md beside this file.
const http = require('node:http');
const path = require('node:path');
const crypto = require('node:crypto');
const { Worker } = require('node:worker_threads');

const HOST = '127.0.0.1';
const MAX_BODY = 32 * 1024 * 1024;

// ------------------------------------------------------------------ configuration

function parseArgs(argv) {
  const config = { port: 5555, chains: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--port') {
      config.port = Number(argv[++i]);
    } else if (arg === '--chain') {
      const [id, url] = splitOnce(argv[++i] || '', '=');
      if (!/^\d+$/.test(id) || !/^https?:\/\//.test(url || '')) {
        throw new Error(`--chain expects CHAINID=RPC_URL, got ${argv[i]}`);
      }
      config.chains.set(id, url);
    } else {
      throw new Error(`unknown argument ${arg} (usage: server.js --port P --chain ID=RPC ...)`);
    }
  }
  if (!Number.isInteger(config.port) || config.port <= 0) {
    throw new Error('--port expects a port number');
  }
  return config;
}

function splitOnce(s, sep) {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

const config = parseArgs(process.argv.slice(2));

// The compilers this verifier has: npm aliases solc-<version> in package.json, with the long
// version each reports in its "compilers" map (read there, so that no compiler loads at start).
const COMPILERS = Object.entries(require('./package.json').compilers).map(([pkg, long]) => ({ pkg, long }));

function longVersionOf(c) {
  return c.long;
}

/** @returns the compiler entry for "0.8.28+commit.7893614a" (a leading v allowed), or null */
function compilerFor(version) {
  const v = String(version || '').replace(/^v/, '');
  for (const c of COMPILERS) {
    if (v === longVersionOf(c)) {
      return c;
    }
  }
  return null;
}

// ------------------------------------------------------------------ solc in a worker

let worker = null;
let nextCompileId = 1;
const pendingCompiles = new Map();

function compileInWorker(c, input) {
  if (!worker) {
    worker = new Worker(path.join(__dirname, 'compiler-worker.js'));
    worker.on('message', ({ id, output, error }) => {
      const p = pendingCompiles.get(id);
      pendingCompiles.delete(id);
      if (p) {
        error ? p.reject(new Error(error)) : p.resolve(output);
      }
    });
    worker.on('error', (e) => {
      for (const p of pendingCompiles.values()) p.reject(e);
      pendingCompiles.clear();
      worker = null;
    });
    worker.unref();
  }
  const id = nextCompileId++;
  return new Promise((resolve, reject) => {
    pendingCompiles.set(id, { resolve, reject });
    worker.postMessage({ id, pkg: c.pkg, long: c.long, input: JSON.stringify(input) });
  });
}

// lib-sourcify's ISolidityCompiler: a thrown error with `errors` becomes its compiler_error.
const solidityCompiler = {
  async compile(version, input) {
    const c = compilerFor(version);
    if (!c) {
      const e = new Error(`Compiler version ${version} is not available`);
      e.errors = [
        {
          severity: 'error',
          type: 'CompilerVersionError',
          message: `Compiler version ${version} is not available on this verifier (it has ${COMPILERS.map(longVersionOf).join(', ')})`,
        },
      ];
      throw e;
    }
    const output = JSON.parse(await compileInWorker(c, input));
    const errors = (output.errors || []).filter((e) => e.severity === 'error');
    if (errors.length > 0) {
      const e = new Error('compilation failed');
      e.errors = errors;
      throw e;
    }
    return output;
  },
};

// ------------------------------------------------------------------ lib-sourcify

let lib = null;
function sourcifyLib() {
  if (!lib) {
    lib = require('@ethereum-sourcify/lib-sourcify');
    lib.setLibSourcifyLoggerLevel(0);
  }
  return lib;
}

const sourcifyChains = new Map(); // chainId -> SourcifyChain
function sourcifyChain(chainId) {
  const url = config.chains.get(String(chainId));
  const cached = sourcifyChains.get(String(chainId));
  if (cached && cached.url === url) {
    return cached.chain;
  }
  const chain = new (sourcifyLib().SourcifyChain)({
    name: `loopback-${chainId}`,
    chainId: Number(chainId),
    supported: true,
    rpcs: [{ rpc: url, traceSupport: 'trace_transaction' }],
  });
  sourcifyChains.set(String(chainId), { url, chain });
  return chain;
}

let rpcId = 1;
async function rpc(chainId, method, params) {
  const url = config.chains.get(String(chainId));
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: rpcId++, method, params }),
    signal: AbortSignal.timeout(10000),
  });
  const body = await res.json();
  if (body.error) {
    throw new Error(`${method}: ${body.error.message}`);
  }
  return body.result;
}

async function hasCode(chainId, address) {
  const code = await rpc(chainId, 'eth_getCode', [address, 'latest']);
  return typeof code === 'string' && code !== '0x' && code !== '0x0';
}

/** The transaction that created the contract (Otterscan's method, which Anvil serves), or null. */
async function creationTransaction(chainId, address) {
  try {
    const found = await rpc(chainId, 'ots_getContractCreator', [address]);
    return found && found.hash ? found : null;
  } catch {
    return null;
  }
}

/**
 * Recompiles and matches. Returns { runtimeMatch, creationMatch, constructorArguments,
 * libraries, txHash, creator } with lib-sourcify's 'perfect' | 'partial' | null, or throws
 * lib-sourcify's error (with .code).
 */
async function recompileAndMatch({ chainId, address, input, compilerVersion, contractPath, contractName, txHash }) {
  const { SolidityCompilation, Verification } = sourcifyLib();
  address = checksum(address); // lib-sourcify compares it with the receipt's checksummed address
  let creator = null;
  if (!txHash) {
    const found = await creationTransaction(chainId, address);
    if (found) {
      txHash = found.hash;
      creator = found.creator;
    }
  }
  const compilation = new SolidityCompilation(solidityCompiler, compilerVersion, input, {
    path: contractPath,
    name: contractName,
  });
  const verification = new Verification(compilation, sourcifyChain(chainId), address, txHash || undefined);
  await verification.verify();
  const status = verification.status;
  const t = verification.transformations;
  return {
    runtimeMatch: status.runtimeMatch,
    creationMatch: status.creationMatch,
    constructorArguments: (t.creation.values && t.creation.values.constructorArguments) || null,
    libraries: Object.assign({}, t.creation.values && t.creation.values.libraries, t.runtime.values && t.runtime.values.libraries),
    txHash: verification.deploymentInfo.txHash || null,
    creator,
    abi: compilation.contractCompilerOutput && compilation.contractCompilerOutput.abi,
  };
}

// ------------------------------------------------------------------ scenarios and state

const DIRECTIVES = {
  notindexed: /^notindexed-(\d+)$/,
  ratelimit: /^ratelimit-(\d+)$/,
  ratelimitmsg: /^ratelimitmsg-(\d+)$/,
  pending: /^pending-(\d+)$/,
  fail: /^fail-(sourcify|etherscan|blockscout)$/,
  alreadysubmit: /^(alreadysubmit)$/,
};

function parseScenario(name) {
  const s = { name, notindexed: 0, ratelimit: 0, ratelimitmsg: 0, pending: 1, fail: new Set(), alreadysubmit: false };
  if (!name) {
    return s;
  }
  for (const token of name.split('+')) {
    if (!/^[A-Za-z0-9._-]+$/.test(token)) {
      throw new Error(`invalid scenario token '${token}' (letters, digits, '.', '_', '-'; tokens joined with '+')`);
    }
    let matched = false;
    for (const [key, re] of Object.entries(DIRECTIVES)) {
      const m = re.exec(token);
      if (m) {
        matched = true;
        if (key === 'fail') s.fail.add(m[1]);
        else if (key === 'alreadysubmit') s.alreadysubmit = true;
        else s[key] = Number(m[1]);
      }
    }
    if (!matched && /^(notindexed|ratelimitmsg|ratelimit|pending|fail|alreadysubmit)(-|$)/.test(token)) {
      throw new Error(`malformed scenario directive '${token}' (see README: notindexed-N, ratelimit-N, ratelimitmsg-N, pending-N, fail-<service>, alreadysubmit)`);
    }
  }
  return s;
}

const requestLogs = new Map(); // scenario name ('' = none) -> entries
const counters = new Map(); // arbitrary key -> count
const verified = new Map(); // `${scenario}|${service}|${chainId}|${address}` -> record
const jobs = new Map(); // id -> job

function bump(key) {
  const n = (counters.get(key) || 0) + 1;
  counters.set(key, n);
  return n;
}

function stateKey(scenario, service, chainId, address) {
  return `${scenario.name}|${service}|${chainId}|${String(address).toLowerCase()}`;
}

// ------------------------------------------------------------------ HTTP helpers

function send(res, status, body, entry, outcome) {
  if (entry) {
    entry.status = status;
    entry.outcome = outcome || entry.outcome || null;
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
      } else {
        chunks.push(c);
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sha256(s) {
  return crypto.createHash('sha256').update(s, 'utf8').digest('hex');
}

function isAddress(a) {
  return typeof a === 'string' && /^0x[0-9a-fA-F]{40}$/.test(a);
}

function logEntry(scenario, service, req, pathname) {
  const entry = {
    time: new Date().toISOString(),
    service,
    method: req.method,
    path: pathname,
    action: null,
    chainId: null,
    address: null,
    apiKeyPresent: false,
    apiKeySha256: null,
    status: null,
    outcome: null,
  };
  if (!requestLogs.has(scenario.name)) requestLogs.set(scenario.name, []);
  requestLogs.get(scenario.name).push(entry);
  return entry;
}

function rateLimited(scenario, service, res, entry) {
  const limit = scenario.ratelimit || scenario.ratelimitmsg;
  if (!limit) return false;
  if (bump(`${scenario.name}|${service}|ratelimit`) > limit) return false;
  if (service === 'sourcify') {
    send(res, 429, { customCode: 'too_many_requests', message: 'Too many requests, please try again later.', errorId: crypto.randomUUID() }, entry, 'rate_limited');
  } else {
    const body = { status: '0', message: 'NOTOK', result: 'Max rate limit reached' };
    send(res, scenario.ratelimit ? 429 : 200, body, entry, 'rate_limited');
  }
  return true;
}

// ------------------------------------------------------------------ Sourcify API v2

function sourcifyError(res, status, customCode, message, entry, outcome) {
  send(res, status, { customCode, message, errorId: crypto.randomUUID() }, entry, outcome || customCode);
}

function toV2Match(m) {
  return m === 'perfect' ? 'exact_match' : m === 'partial' ? 'match' : null;
}

function overallMatch(creationMatch, runtimeMatch) {
  if (creationMatch === 'exact_match' || runtimeMatch === 'exact_match') return 'exact_match';
  if (creationMatch === 'match' || runtimeMatch === 'match') return 'match';
  return null;
}

function rank(m) {
  return m === 'exact_match' ? 2 : m === 'match' ? 1 : 0;
}

function checksum(address) {
  try {
    return require('ethers').getAddress(address);
  } catch {
    return address;
  }
}

async function sourcify(scenario, req, res, rest, url, entry) {
  if (rateLimited(scenario, 'sourcify', res, entry)) return;
  let m;
  if (req.method === 'POST' && (m = /^\/v2\/verify\/([^/]+)\/([^/]+)$/.exec(rest))) {
    entry.action = 'verify';
    return sourcifyVerify(scenario, req, res, m[1], m[2], entry);
  }
  if (req.method === 'GET' && (m = /^\/v2\/verify\/([^/]+)$/.exec(rest))) {
    entry.action = 'job';
    return sourcifyJob(scenario, res, m[1], entry);
  }
  if (req.method === 'GET' && (m = /^\/v2\/contract\/([^/]+)\/([^/]+)$/.exec(rest))) {
    entry.action = 'contract';
    entry.chainId = m[1];
    entry.address = m[2].toLowerCase();
    if (!config.chains.has(m[1])) return sourcifyError(res, 404, 'unsupported_chain', `Chain ${m[1]} not found`, entry);
    if (!isAddress(m[2])) return sourcifyError(res, 400, 'invalid_parameter', `Invalid address: ${m[2]}`, entry);
    const record = verified.get(stateKey(scenario, 'sourcify', m[1], m[2]));
    const body = contractV2(m[1], m[2], record);
    return send(res, record ? 200 : 404, body, entry, record ? 'verified' : 'not_found');
  }
  return sourcifyError(res, 404, 'route_not_found', `The requested route ${req.method} ${rest} does not exist`, entry);
}

function contractV2(chainId, address, record) {
  const body = {
    match: record ? record.match : null,
    creationMatch: record ? record.creationMatch : null,
    runtimeMatch: record ? record.runtimeMatch : null,
    chainId: String(chainId),
    address: checksum(address),
  };
  if (record) {
    body.verifiedAt = record.verifiedAt;
    body.matchId = record.matchId;
  }
  return body;
}

async function sourcifyVerify(scenario, req, res, chainId, address, entry) {
  entry.chainId = chainId;
  entry.address = String(address).toLowerCase();
  if (!config.chains.has(chainId)) return sourcifyError(res, 404, 'unsupported_chain', `Chain ${chainId} not found`, entry);
  if (!isAddress(address)) return sourcifyError(res, 400, 'invalid_parameter', `Invalid address: ${address}`, entry);
  let body;
  try {
    body = JSON.parse((await readBody(req)) || '{}');
  } catch {
    return sourcifyError(res, 400, 'invalid_parameter', 'request/body must be JSON', entry);
  }
  const input = body.stdJsonInput;
  if (!input || typeof input !== 'object') return sourcifyError(res, 400, 'invalid_parameter', 'Standard JSON input is required.', entry);
  if (!input.language) return sourcifyError(res, 400, 'invalid_parameter', 'Standard JSON input must contain a language field.', entry);
  if (!input.sources) return sourcifyError(res, 400, 'invalid_parameter', 'Standard JSON input must contain a sources field.', entry);
  if (Object.values(input.sources).some((s) => !s || !s.content)) {
    return sourcifyError(res, 400, 'invalid_parameter', 'Standard JSON input must contain a content field for each source.', entry);
  }
  if (typeof body.compilerVersion !== 'string' || !body.compilerVersion) {
    return sourcifyError(res, 400, 'invalid_parameter', "request/body must have required property 'compilerVersion'", entry);
  }
  if (!body.contractIdentifier) return sourcifyError(res, 400, 'invalid_parameter', 'Contract identifier is required', entry);
  const parts = String(body.contractIdentifier).split(':');
  if (parts.length < 2) {
    return sourcifyError(res, 400, 'invalid_parameter', "The contractIdentifier must consist of the file path and the contract name separated by a ':'.", entry);
  }
  if (body.creationTransactionHash !== undefined && !/^0x[0-9a-fA-F]{64}$/.test(String(body.creationTransactionHash))) {
    return sourcifyError(res, 400, 'invalid_parameter', 'request/body/creationTransactionHash must match pattern "^0x[0-9a-fA-F]{64}$"', entry);
  }
  const key = stateKey(scenario, 'sourcify', chainId, address);
  const record = verified.get(key);
  if (record && record.runtimeMatch === 'exact_match' && record.creationMatch === 'exact_match') {
    return sourcifyError(
      res,
      409,
      'already_verified',
      `Contract ${checksum(address)} on chain ${chainId} is already verified with runtimeMatch and creationMatch both being exact matches.`,
      entry,
    );
  }
  for (const job of jobs.values()) {
    if (job.key === key && !job.done) {
      return sourcifyError(res, 429, 'duplicate_verification_request', `Contract ${checksum(address)} on chain ${chainId} is already being verified`, entry);
    }
  }
  const job = newJob(scenario, 'sourcify', key, chainId, address);
  job.run = (async () => {
    if (bump(`${key}|submission`) <= scenario.notindexed || !(await hasCode(chainId, address))) {
      job.error = sourcifyJobError('contract_not_deployed', `Chain #${chainId} does not have a contract deployed at ${checksum(address)}.`);
      return;
    }
    if (scenario.fail.has('sourcify')) {
      job.error = sourcifyJobError('no_match', "The deployed and recompiled bytecode don't match.");
      return;
    }
    try {
      const r = await recompileAndMatch({
        chainId,
        address,
        input,
        compilerVersion: String(body.compilerVersion).replace(/^v/, ''),
        contractPath: parts.slice(0, -1).join(':'),
        contractName: parts[parts.length - 1],
        txHash: body.creationTransactionHash,
      });
      const creationMatch = toV2Match(r.creationMatch);
      const runtimeMatch = toV2Match(r.runtimeMatch);
      const current = verified.get(key);
      if (current && rank(creationMatch) <= rank(current.creationMatch) && rank(runtimeMatch) <= rank(current.runtimeMatch)) {
        job.error = sourcifyJobError('already_verified', "The contract is already verified and the job didn't yield a better match.");
        return;
      }
      job.contract = { creationMatch, runtimeMatch, match: overallMatch(creationMatch, runtimeMatch) };
      verified.set(key, {
        ...job.contract,
        verifiedAt: new Date().toISOString(),
        matchId: String(verified.size + 1),
        txHash: r.txHash,
      });
    } catch (e) {
      job.error = sourcifyJobError(e.code || 'internal_error', e.code ? e.message : 'The server encountered an unexpected error.', body.creationTransactionHash);
      if (!e.code) console.error(`sourcify job ${job.id}:`, e);
    }
  })();
  send(res, 202, { verificationId: job.id }, entry, 'accepted');
}

function sourcifyJobError(customCode, message, creationTransactionHash) {
  const error = { customCode, message, errorId: crypto.randomUUID() };
  if (creationTransactionHash) error.creationTransactionHash = creationTransactionHash;
  return error;
}

function newJob(scenario, service, key, chainId, address) {
  const job = {
    id: service === 'sourcify' ? crypto.randomUUID() : crypto.randomBytes(25).toString('hex').slice(0, 50),
    service,
    scenario: scenario.name,
    key,
    chainId,
    address,
    started: new Date().toISOString(),
    finished: null,
    polls: 0,
    pending: scenario.pending,
    done: false,
    error: null,
    contract: null,
    etherscan: null,
  };
  jobs.set(job.id, job);
  // done is set when the run settles; run is assigned by the caller
  setImmediate(() =>
    Promise.resolve(job.run).finally(() => {
      job.done = true;
      job.finished = new Date().toISOString();
    }),
  );
  return job;
}

function sourcifyJob(scenario, res, id, entry) {
  const job = jobs.get(id);
  if (!job || job.service !== 'sourcify' || job.scenario !== scenario.name) {
    return sourcifyError(res, 404, 'job_not_found', `No verification job found for id ${id}`, entry);
  }
  entry.chainId = job.chainId;
  entry.address = String(job.address).toLowerCase();
  job.polls++;
  const completed = job.done && job.polls > job.pending;
  const body = {
    isJobCompleted: completed,
    verificationId: job.id,
    jobStartTime: job.started,
    contract: completed && job.contract
      ? { ...job.contract, chainId: String(job.chainId), address: checksum(job.address) }
      : { match: null, creationMatch: null, runtimeMatch: null, chainId: String(job.chainId), address: checksum(job.address) },
  };
  if (completed) {
    body.jobFinishTime = job.finished;
    if (job.error) body.error = job.error;
  }
  send(res, 200, body, entry, !completed ? 'pending' : job.error ? (job.error.customCode === 'already_verified' ? 'already_verified' : job.error.customCode === 'contract_not_deployed' ? 'not_indexed' : 'failed') : 'verified');
}

// ------------------------------------------------------------------ Etherscan contract API

function ok(result) {
  return { status: '1', message: 'OK', result };
}

function notOk(result) {
  return { status: '0', message: 'NOTOK', result };
}

async function etherscan(scenario, service, req, res, url, pathChainId, entry) {
  let params = new URLSearchParams(url.search);
  if (req.method === 'POST') {
    const text = await readBody(req);
    const type = String(req.headers['content-type'] || '');
    let form;
    if (type.includes('application/json')) {
      try {
        form = new URLSearchParams(Object.entries(JSON.parse(text || '{}')).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
      } catch {
        form = new URLSearchParams();
      }
    } else {
      form = new URLSearchParams(text);
    }
    for (const [k, v] of form) params.append(k, v);
  }
  const get = (name) => {
    const v = params.get(name);
    return v === null ? '' : v;
  };
  entry.action = get('action') || null;
  const apiKey = params.get('apikey');
  entry.apiKeyPresent = apiKey !== null && apiKey !== '';
  entry.apiKeySha256 = entry.apiKeyPresent ? sha256(apiKey) : null;
  const address = get('contractaddress') || get('address');
  entry.address = address ? address.toLowerCase() : null;
  if (rateLimited(scenario, service, res, entry)) return;

  let chainId;
  if (service === 'etherscan') {
    chainId = get('chainid');
    entry.chainId = chainId || null;
    if (!entry.apiKeyPresent) return send(res, 200, notOk('Missing/Invalid API Key'), entry, 'missing_api_key');
    if (!chainId || !config.chains.has(chainId)) {
      return send(res, 200, notOk('Missing or unsupported chainid parameter (required for v2 api)'), entry, 'bad_request');
    }
  } else {
    chainId = pathChainId || config.chains.keys().next().value;
    entry.chainId = chainId || null;
    if (!chainId || !config.chains.has(chainId)) return send(res, 404, notOk(`Chain ${pathChainId} is not configured`), entry, 'not_found');
  }
  if (get('module') !== 'contract') {
    return send(res, 200, notOk("Error! Missing Or invalid Module name"), entry, 'bad_request');
  }
  switch (get('action')) {
    case 'verifysourcecode':
      if (req.method !== 'POST') return send(res, 200, notOk('Error! Invalid request method, use POST'), entry, 'bad_request');
      return etherscanVerify(scenario, service, res, chainId, get, entry);
    case 'checkverifystatus':
      return etherscanStatus(scenario, service, res, get('guid'), entry);
    case 'getsourcecode':
      return etherscanSource(scenario, service, res, chainId, get('address'), entry);
    default:
      return send(res, 200, notOk('Error! Missing Or invalid Action name'), entry, 'bad_request');
  }
}

const MISMATCH = 'Compiled contract deployment bytecode does NOT match the transaction deployment bytecode.';

async function etherscanVerify(scenario, service, res, chainId, get, entry) {
  const address = get('contractaddress');
  if (!isAddress(address)) return send(res, 200, notOk('Invalid contractaddress format'), entry, 'bad_request');
  if (get('codeformat') !== 'solidity-standard-json-input') {
    return send(res, 200, notOk('Invalid codeformat (this verifier takes solidity-standard-json-input)'), entry, 'bad_request');
  }
  let input;
  try {
    input = JSON.parse(get('sourceCode'));
  } catch {
    return send(res, 200, notOk('Unable to parse the sourceCode as a Solidity standard JSON input'), entry, 'bad_request');
  }
  if (!input || typeof input !== 'object' || !input.sources) {
    return send(res, 200, notOk('Unable to parse the sourceCode as a Solidity standard JSON input'), entry, 'bad_request');
  }
  const contractname = get('contractname');
  if (!contractname) return send(res, 200, notOk('Missing contractname'), entry, 'bad_request');
  const parts = contractname.split(':');
  if (parts.length < 2) {
    return send(res, 200, notOk('Invalid contractname: with codeformat=solidity-standard-json-input give path:Name'), entry, 'bad_request');
  }
  const compilerversion = get('compilerversion');
  if (!compilerFor(compilerversion)) {
    return send(res, 200, notOk(`Invalid compiler version: ${compilerversion}`), entry, 'bad_request');
  }
  const key = stateKey(scenario, service, chainId, address);
  if (bump(`${key}|submission`) <= scenario.notindexed || !(await hasCode(chainId, address))) {
    return send(res, 200, notOk(`Unable to locate ContractCode at ${address.toLowerCase()}`), entry, 'not_indexed');
  }
  const args = (get('constructorArguements') || get('constructorArguments')).replace(/^0x/, '').toLowerCase();
  const libraries = {};
  for (let i = 1; i <= 10; i++) {
    const name = get(`libraryname${i}`);
    if (name) libraries[name] = get(`libraryaddress${i}`).toLowerCase().replace(/^0x/, '');
  }
  if (scenario.alreadysubmit && verified.has(key)) {
    return send(res, 200, notOk('Contract source code already verified'), entry, 'already_verified');
  }
  const job = newJob(scenario, service, key, chainId, address);
  job.run = (async () => {
    if (verified.has(key)) {
      job.etherscan = { status: '1', result: 'Already Verified', outcome: 'already_verified' };
      return;
    }
    if (scenario.fail.has(service)) {
      job.etherscan = { status: '0', result: `Fail - Unable to verify. ${MISMATCH}`, outcome: 'failed' };
      return;
    }
    job.etherscan = await etherscanDecide({ chainId, address, input, compilerversion, parts, args, libraries });
    if (job.etherscan.status === '1') {
      verified.set(key, {
        verifiedAt: new Date().toISOString(),
        contractName: parts[parts.length - 1],
        compilerVersion: compilerversion,
        input,
        abi: job.etherscan.abi,
        constructorArguments: args,
      });
    }
  })();
  send(res, 200, ok(job.id), entry, 'accepted');
}

function fail(reason) {
  return { status: '0', result: `Fail - Unable to verify. ${reason}`, outcome: 'failed' };
}

async function etherscanDecide({ chainId, address, input, compilerversion, parts, args, libraries }) {
  let r;
  try {
    r = await recompileAndMatch({
      chainId,
      address,
      input,
      compilerVersion: compilerversion.replace(/^v/, ''),
      contractPath: parts.slice(0, -1).join(':'),
      contractName: parts[parts.length - 1],
    });
  } catch (e) {
    if (e.code === 'compiler_error') {
      const errors = (e.data && e.data.compilerErrors) || [];
      const text = errors.map((x) => x.formattedMessage || x.message).join(' ') || e.message;
      return fail(`Solidity Compilation Error: ${text.trim()}`);
    }
    if (e.code === 'contract_not_found_in_compiler_output') {
      return fail(`Unable to find the contract ${parts.join(':')} in the compiler output.`);
    }
    if (e.code === 'no_match' || e.code === 'bytecode_length_mismatch' || e.code === 'extra_file_input_bug') return fail(MISMATCH);
    if (!e.code) console.error('etherscan job:', e);
    return fail(e.message);
  }
  // Etherscan matches the deployment (creation) bytecode of the creation transaction.
  if (!r.creationMatch) return fail(MISMATCH);
  const onchainArgs = String(r.constructorArguments || '').replace(/^0x/, '').toLowerCase();
  if (onchainArgs !== args) {
    return fail('The constructor arguments do not match the ones of the contract creation transaction.');
  }
  // Libraries left unlinked in the input's bytecode must be named, at the addresses linked on chain.
  for (const [fqn, linked] of Object.entries(r.libraries || {})) {
    const name = fqn.split(':').pop();
    const given = libraries[fqn] !== undefined ? libraries[fqn] : libraries[name];
    if (given === undefined) return fail(`Library ${name} is used but its address was not given (libraryname/libraryaddress).`);
    if (given !== String(linked).replace(/^0x/, '').toLowerCase()) return fail(`Library address mismatch for ${name}.`);
  }
  return { status: '1', result: 'Pass - Verified', outcome: 'verified', abi: r.abi };
}

function etherscanStatus(scenario, service, res, guid, entry) {
  const job = jobs.get(guid);
  if (!job || job.service !== service || job.scenario !== scenario.name) {
    return send(res, 200, notOk('Unable to locate the verification request (unknown guid)'), entry, 'not_found');
  }
  entry.address = String(job.address).toLowerCase();
  job.polls++;
  if (!job.done || job.polls <= job.pending || !job.etherscan) {
    return send(res, 200, notOk('Pending in queue'), entry, 'pending');
  }
  const e = job.etherscan;
  send(res, 200, { status: e.status, message: e.status === '1' ? 'OK' : 'NOTOK', result: e.result }, entry, e.outcome);
}

function etherscanSource(scenario, service, res, chainId, address, entry) {
  if (!isAddress(address)) return send(res, 200, notOk('Invalid Address format'), entry, 'bad_request');
  const record = verified.get(stateKey(scenario, service, chainId, address));
  const item = record
    ? {
        SourceCode: `{${JSON.stringify(record.input)}}`,
        ABI: JSON.stringify(record.abi || []),
        ContractName: record.contractName,
        CompilerVersion: record.compilerVersion,
        ConstructorArguments: record.constructorArguments,
      }
    : { SourceCode: '', ABI: 'Contract source code not verified', ContractName: '', CompilerVersion: '', ConstructorArguments: '' };
  send(res, 200, ok([item]), entry, record ? 'verified' : 'not_found');
}

// ------------------------------------------------------------------ routing

async function handle(req, res) {
  const url = new URL(req.url, `http://${HOST}`);
  let pathname = url.pathname;
  if (pathname === '/_health') {
    return send(res, 200, {
      status: 'ok',
      chains: Object.fromEntries(config.chains),
      compilers: COMPILERS.map(longVersionOf),
    });
  }
  if (pathname === '/_requests' && req.method === 'GET') {
    return send(res, 200, requestLogs.get(url.searchParams.get('scenario') || '') || []);
  }
  if (pathname === '/_chains' && req.method === 'POST') {
    let body;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      body = {};
    }
    if (!/^\d+$/.test(String(body.chainId)) || !/^https?:\/\//.test(String(body.rpcUrl || ''))) {
      return send(res, 400, { error: 'expected {"chainId":N,"rpcUrl":"http://…"}' });
    }
    config.chains.set(String(body.chainId), body.rpcUrl);
    return send(res, 200, { chains: Object.fromEntries(config.chains) });
  }
  let scenarioName = '';
  const sm = /^\/s\/([^/]+)(\/.*)$/.exec(pathname);
  if (sm) {
    scenarioName = decodeURIComponent(sm[1]);
    pathname = sm[2];
  }
  let scenario;
  try {
    scenario = parseScenario(scenarioName);
  } catch (e) {
    return send(res, 400, { error: e.message });
  }
  let m;
  if ((m = /^\/sourcify(\/.*)$/.exec(pathname))) {
    const entry = logEntry(scenario, 'sourcify', req, pathname);
    return sourcify(scenario, req, res, m[1], url, entry);
  }
  if (pathname === '/etherscan/v2/api') {
    const entry = logEntry(scenario, 'etherscan', req, pathname);
    return etherscan(scenario, 'etherscan', req, res, url, null, entry);
  }
  if ((m = /^\/blockscout(?:\/(\d+))?\/api$/.exec(pathname))) {
    const entry = logEntry(scenario, 'blockscout', req, pathname);
    return etherscan(scenario, 'blockscout', req, res, url, m[1] || null, entry);
  }
  send(res, 404, { error: `no such path ${pathname} (see scripts/services/verifier/README.md)` });
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((e) => {
    console.error(`${req.method} ${req.url}:`, e);
    if (!res.headersSent) send(res, 500, { error: String(e.message || e) });
  });
});

server.listen(config.port, HOST, () => {
  console.log(
    `loopback verifier listening on http://${HOST}:${config.port} (chains ${[...config.chains].map(([k, v]) => `${k}=${v}`).join(', ') || 'none'}; compilers ${COMPILERS.map(longVersionOf).join(', ')})`,
  );
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
}
