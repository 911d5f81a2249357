#!/usr/bin/env python3
"""Ten deployments pipelined in one kms-deploy-contract execution vs ten executions one after the
other in the same build (bench/run.sh pipeline). Usage:

    pipeline.py ROUNDS DEPLOYMENTS_DIR MVN...

Each round runs both variants in turn (the order alternates) from an empty ledger. For each run it
takes the Maven log's timestamps (MAVEN_OPTS sets slf4j's showDateTime) and reports: the deploy
span, from the start of the first kms-deploy-contract execution to the last address exported;
the part of it from the first node question of the first deployment (signer ready) to the last
address; the part from the last broadcast to the last address (waiting for blocks); the blocks
the ten deployments landed in (first to last, inclusive); and the wall time of the whole Maven process. Medians
over the rounds; the span ratio of the two variants is taken per round. No assertion: a report.
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime

rounds = int(sys.argv[1])
ledger = sys.argv[2]
mvn = sys.argv[3:]
variants = {
    "pipelined (1 execution, contracts list)": ["kms-ethereum:kms-deploy-contract@batch"],
    "one after the other (10 executions)": ["kms-ethereum:kms-deploy-contract@" + n for n in
                                            "one two three four five six seven eight nine ten".split()],
}
STAMP = re.compile(r"^(\d\d:\d\d:\d\d\.\d{3}) ")
env = dict(os.environ, MAVEN_OPTS=(os.environ.get("MAVEN_OPTS", "") + " -Dorg.slf4j.simpleLogger.showDateTime=true"
                                   " -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS").strip())


def stamp(line):
    m = STAMP.match(line)
    return datetime.strptime(m.group(1), "%H:%M:%S.%f") if m else None


def run(goals):
    shutil.rmtree(ledger, ignore_errors=True)
    start = time.monotonic()
    p = subprocess.run(mvn + goals, env=env, capture_output=True, text=True)
    wall = time.monotonic() - start
    lines = p.stdout.splitlines()
    if p.returncode != 0:
        sys.stdout.write("\n".join(lines[-40:]) + "\n")
        raise SystemExit(f"Maven failed: {' '.join(mvn + goals)}")
    first = next(stamp(l) for l in lines if "--- kms-ethereum" in l and "kms-deploy-contract" in l)
    exported = [l for l in lines if re.search(r"(kms\.contractAddress\.holder-\d+|bench\.holder\d+) = 0x", l)]
    blocks = sorted({int(b) for l in lines for b in re.findall(r"^.*Deployed Holder at 0x\w+ \(transaction 0x\w+, block (\d+)\)", l)})
    if len(exported) != 10 or len(blocks) == 0:
        raise SystemExit(f"expected 10 deployments, found {len(exported)} exports: {' '.join(goals)}")
    span = (stamp(exported[-1]) - first).total_seconds()
    # from the first node question of the first deployment (key checked, signer ready) to the last export
    fill = next(stamp(l) for l in lines if "From the node at" in l)
    sent = [stamp(l) for l in lines if "Sent transaction" in l]
    send_span = (stamp(exported[-1]) - fill).total_seconds()
    wait = (stamp(exported[-1]) - sent[-1]).total_seconds()
    return span, blocks[-1] - blocks[0] + 1, wall, send_span, wait


results = {name: [] for name in variants}
ratios = []
for r in range(rounds):
    order = list(variants) if r % 2 == 0 else list(reversed(variants))
    spans = {}
    for name in order:
        span, blocks, wall, send_span, wait = run(variants[name])
        results[name].append((span, blocks, wall, send_span, wait))
        spans[name] = span
        print(f"round {r + 1}: {name:<42} deploy span {span:6.2f} s (first fill to last address {send_span:5.2f} s,"
              f" last broadcast to last address {wait:5.2f} s), {blocks:2d} blocks, mvn wall {wall:6.2f} s", flush=True)
    seq, pipe = (spans[n] for n in ("one after the other (10 executions)", "pipelined (1 execution, contracts list)"))
    ratios.append(seq / pipe)

print(f"medians over {rounds} rounds:")
for name, rows in results.items():
    print(f"  {name:<42} deploy span {statistics.median(r[0] for r in rows):6.2f} s"
          f" (min {min(r[0] for r in rows):.2f}, max {max(r[0] for r in rows):.2f}),"
          f" first fill to last address {statistics.median(r[3] for r in rows):5.2f} s,"
          f" last broadcast to last address {statistics.median(r[4] for r in rows):5.2f} s,"
          f" blocks {statistics.median(r[1] for r in rows):4.1f}, mvn wall {statistics.median(r[2] for r in rows):6.2f} s")
print(f"  speed-up (one after the other / pipelined, per round): {statistics.median(ratios):.1f}x")
