#!/usr/bin/env python3
"""Interleaved wall time, CPU time and peak memory of whole commands (Maven runs, cast).

hyperfine runs all repetitions of one command, then all of the next; on a machine whose load
changes from minute to minute, that puts the load difference into the comparison. Here the
commands take turns (the first one rotates every round), each run is measured by /usr/bin/time
(elapsed, user + system CPU, maximum resident set size), and each difference to the baseline
command is the median of the per-round differences.

Usage: overhead.py ROUNDS BASELINE_NAME=COMMAND NAME=COMMAND ...
Commands whose name starts with "cast" or "bare" are standalone programs: no difference to the
baseline is printed for them, and the goals' CPU overhead is also given as a ratio to a "bare" one.
Prints one line per command and per difference; exit status 1 if any command fails.
"""
import statistics
import subprocess
import sys
import tempfile


def measure(command):
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        result = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", out.name, "bash", "-c", command],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if result.returncode != 0:
            sys.stderr.write(result.stderr[-4000:])
            raise SystemExit(f"failed: {command}")
        elapsed, user, system, rss_kib = out.read().split()[-4:]
    return float(elapsed), float(user) + float(system), int(rss_kib) / 1024


def main():
    rounds = int(sys.argv[1])
    commands = [arg.split("=", 1) for arg in sys.argv[2:]]
    names = [name for name, _ in commands]
    results = {name: [] for name in names}
    for r in range(rounds):
        for k in range(len(commands)):
            name, command = commands[(k + r) % len(commands)]
            results[name].append(measure(command))
    base = names[0]
    print(f"{'command':<48} {'wall s':>8} {'CPU s':>8} {'peak RSS MiB':>13}   (medians of {rounds} interleaved runs)")
    for name in names:
        wall, cpu, rss = (statistics.median(x[i] for x in results[name]) for i in range(3))
        print(f"{name:<48} {wall:8.2f} {cpu:8.2f} {rss:13.0f}")
    goals = [n for n in names[1:] if not n.startswith(("cast", "bare"))]
    for name in goals:
        dw = statistics.median(a[0] - b[0] for a, b in zip(results[name], results[base]))
        dc = statistics.median(a[1] - b[1] for a, b in zip(results[name], results[base]))
        print(f"{name + ' minus ' + base:<70} wall {dw:+6.2f} s, CPU {dc:+6.2f} s")
    # the goal's CPU overhead over the baseline, as a share of a whole standalone program's CPU
    # ("bare ..."), per round (the runs of one round are next to each other), then the median
    for name in goals:
        for bare in (n for n in names if n.startswith("bare")):
            ratios = [(g[1] - b[1]) / s[1] for g, b, s in zip(results[name], results[base], results[bare])]
            print(f"CPU overhead of {name} / CPU of {bare}: median {statistics.median(ratios):.2f}"
                  f" (min {min(ratios):.2f}, max {max(ratios):.2f})")


if __name__ == "__main__":
    main()
