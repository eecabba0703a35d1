#!/usr/bin/env bash
# Herald's benchmark: starts the embedded stack (Kafka, PostgreSQL, Liberty with a 1 GiB heap), measures, and prints
# a table; also written to target/bench/results.json and results.md.
#   bench/run.sh                 full run (several minutes)
#   bench/run.sh --smoke         seconds, tiny numbers
#   bench/run.sh --events=100000 --sockets=5000 --rate=1000 --seconds=30 --idle-sockets=15000
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B -q -Pbench clean package -Dbench.args="$*" ${HERALD_BENCH_JFR:+-Dbench.jvm.jfr=-Dherald.bench.jfr=$HERALD_BENCH_JFR}
