// The independent check of the plugin's Safe transactions, with @safe-global/protocol-kit and
// ethers 6 (installed by scripts/services.sh into its safe-tools folder; run with NODE_PATH set
// to that folder's node_modules). Reads one JSON request from the file named by the first
// argument and prints one JSON answer.
//
//   {"mode": "hash", "safe", "chainId", "version", "tx": {to, value, data, operation, safeTxGas,
//    baseGas, gasPrice, gasToken, refundReceiver, nonce}}
//     -> {"safeTxHash"}: protocol-kit's calculateSafeTransactionHash, offline
//   {"mode": "multisend", "transactions": [{to, value, data, operation}]}
//     -> {"packed"}: protocol-kit's encodeMultiSendData, offline
//   {"mode": "check", "rpcUrl", "safe", "contractNetworks", "transactions": [{to, value, data,
//    operation}], "nonce", "signatures": [{signer, data}]}
//     -> protocol-kit on the chain: the transaction it builds for these calls (one call, or a
//        MultiSendCallOnly batch), its hash, the signatures added to it, whether the Safe would
//        accept it (isValidTransaction, an eth_call of execTransaction), and for each signature
//        the address ethers 6 recovers from the hash
'use strict';
const fs = require('fs');
const kit = require('@safe-global/protocol-kit');
const { recoverAddress } = require('ethers');

async function main() {
  const request = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  if (request.mode === 'hash') {
    const hash = kit.calculateSafeTransactionHash(
      request.safe, request.tx, request.version, BigInt(request.chainId));
    return { safeTxHash: hash };
  }
  if (request.mode === 'multisend') {
    return { packed: kit.encodeMultiSendData(request.transactions) };
  }
  if (request.mode === 'check') {
    const safe = await kit.default.init({
      provider: request.rpcUrl,
      safeAddress: request.safe,
      contractNetworks: request.contractNetworks,
    });
    const tx = await safe.createTransaction({
      transactions: request.transactions,
      onlyCalls: true,
      options: { nonce: Number(request.nonce) },
    });
    const safeTxHash = await safe.getTransactionHash(tx);
    const recovered = {};
    for (const s of request.signatures) {
      tx.addSignature(new kit.EthSafeSignature(s.signer, s.data));
      recovered[s.signer] = recoverAddress(safeTxHash, s.data);
    }
    const valid = request.signatures.length > 0 ? await safe.isValidTransaction(tx) : null;
    return {
      safeTxHash,
      to: tx.data.to,
      data: tx.data.data,
      operation: tx.data.operation,
      encodedSignatures: tx.encodedSignatures(),
      valid,
      recovered,
    };
  }
  throw new Error('unknown mode ' + request.mode);
}

main().then(
  (out) => { process.stdout.write(JSON.stringify(out) + '\n'); },
  (e) => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exit(1); },
);
