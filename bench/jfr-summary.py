#!/usr/bin/env python3
"""Summarizes a flight recording of Liberty taken by the benchmark (HERALD_BENCH_JFR=FILE bench/run.sh ...).

Prints CPU seconds by thread group (from jdk.ThreadCPULoad) and, for the threads whose name contains FILTER, the
methods on the most sampled stacks (inclusive: a method counts once per sample it is anywhere on the stack), which is
what a flame graph shows as the widest frames.

    bench/jfr-summary.py target/bench/tp.jfr                    # all threads
    bench/jfr-summary.py target/bench/tp.jfr herald-intake 60   # the intake thread, top 60 frames
"""
import collections
import json
import os
import re
import shutil
import subprocess
import sys


def jfr_tool():
    home = os.environ.get("JAVA_HOME")
    if home and os.path.exists(os.path.join(home, "bin", "jfr")):
        return os.path.join(home, "bin", "jfr")
    return shutil.which("jfr") or sys.exit("no jfr tool: set JAVA_HOME to a JDK")


def events(recording, kind):
    out = subprocess.run([jfr_tool(), "print", "--json", "--stack-depth", "256", "--events", kind, recording],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["recording"]["events"]


def group(thread):
    name = thread.get("javaName") or thread.get("osName") or "?"
    return re.sub(r"\d+", "#", name)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    recording = sys.argv[1]
    wanted = sys.argv[2] if len(sys.argv) > 2 else ""
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    cores = os.cpu_count() or 1

    cpu = collections.Counter()
    for e in events(recording, "jdk.ThreadCPULoad"):
        v = e["values"]
        cpu[group(v["eventThread"])] += (v["user"] + v["system"]) * cores  # one event per thread per second
    total = sum(cpu.values()) or 1
    print(f"CPU by thread group (about {total:.1f} cpu-s in all)")
    for name, seconds in cpu.most_common(12):
        print(f"{seconds:8.2f} cpu-s {100 * seconds / total:5.1f}%  {name}")

    inclusive = collections.Counter()
    samples = 0
    for e in events(recording, "jdk.ExecutionSample"):
        v = e["values"]
        if wanted not in group(v["sampledThread"]):
            continue
        samples += 1
        seen = set()
        for frame in v["stackTrace"]["frames"]:
            m = frame["method"]
            key = m["type"]["name"].replace("/", ".") + "." + m["name"]
            if key not in seen:
                seen.add(key)
                inclusive[key] += 1
    print(f"\nWidest frames of {samples} samples" + (f" on threads matching '{wanted}'" if wanted else ""))
    for key, count in inclusive.most_common(top):
        print(f"{100 * count / max(samples, 1):5.1f}%  {key}")


if __name__ == "__main__":
    main()
