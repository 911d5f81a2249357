// Signatures per second of an ethers-based KMS signer (@rumblefishdev/eth-signer-kms 4.3.1:
// DER -> low-s -> v by trial recovery with ethers' recoverAddress) against a KMS endpoint.
// Signs EIP-1559 transactions (chain id 11155111, nonces 0..count-1) like bench/Throughput.java.
//
// Usage: node kms-throughput.mjs <endpoint> <keyId> [signatures per run=100] [levels=1,8,32] [rounds=15]
// Environment: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_REGION (LocalStack: test/test/us-east-1)
import { KMSClient } from '@aws-sdk/client-kms'
import { KMSSigner } from '@rumblefishdev/eth-signer-kms'
import { Transaction } from 'ethers'

const [endpoint, keyId, countArg, levelsArg, roundsArg] = process.argv.slice(2)
const count = Number(countArg ?? 100)
const levels = (levelsArg ?? '1,8,32').split(',').map(Number)
const rounds = Number(roundsArg ?? 15)

const kms = new KMSClient({ endpoint, region: process.env.AWS_REGION ?? 'us-east-1' })
const signer = await KMSSigner.create(null, keyId, kms)

const tx = (nonce) => ({
  type: 2,
  chainId: 11155111n,
  nonce,
  to: '0x3535353535353535353535353535353535353535',
  value: 10n ** 16n,
  data: '0xdeadbeef',
  gasLimit: 21064n,
  maxFeePerGas: 30_000_000_000n,
  maxPriorityFeePerGas: 1_500_000_000n
})

// check once that the output is right: the sender recovers to the signer's address
const first = Transaction.from(await signer.signTransaction(tx(0)))
if (first.from.toLowerCase() !== signer.address.toLowerCase()) {
  throw new Error(`recovered ${first.from}, expected ${signer.address}`)
}

async function run (n, concurrency) {
  let next = 0
  const start = process.hrtime.bigint()
  const worker = async () => {
    for (let i = next++; i < n; i = next++) {
      await signer.signTransaction(tx(i % 256))
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return n / (Number(process.hrtime.bigint() - start) / 1e9)
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

console.log(`ethers KMS signer (@rumblefishdev/eth-signer-kms) against ${endpoint}, address ${signer.address}: ${count} signatures per run, ${rounds} rounds`)
for (const level of levels) {
  await run(Math.max(50, count / 2), level)
  const rates = []
  for (let r = 0; r < rounds; r++) rates.push(await run(count, level))
  console.log(`concurrency ${String(level).padStart(2)}: median ${median(rates).toFixed(1)} signatures/s (min ${Math.min(...rates).toFixed(1)}, max ${Math.max(...rates).toFixed(1)})`)
}
