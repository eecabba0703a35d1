#!/usr/bin/env bash
# Herald's benchmark: starts the embedded stack (Kafka, PostgreSQL, Liberty with a 1 GiB heap), measures, and prints
# a table; also written to target/bench/results.json and results.md.
#   bench/run.sh                 full run (several minutes)
#   bench/run.sh --smoke         seconds, tiny numbers
#   bench/run.sh --fast-db ...   an embedded PostgreSQL that does not flush commits (the default one flushes, as users run it)
#   bench/run.sh --events=200000 --sockets=5000 --rate=1000 --seconds=60 --idle-sockets=18500
#   HERALD_BENCH_JFR=/tmp/b.jfr bench/run.sh ...   also records Liberty (bench/cpu.jfc) in the throughput, latency and connections phases
#   HERALD_BENCH_SERVER=payara bench/run.sh ...    the same WAR on Payara Micro (the figures still say "liberty")
#   HERALD_BENCH_LIBERTY_JVM=-XX:+UseShenandoahGC bench/run.sh ...   one more JVM option for the server (a GC choice)
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B -q -Pbench clean package -Dbench.args="$*" -Dbench.server="${HERALD_BENCH_SERVER:-liberty}" \
  -Dbench.liberty.jvm="${HERALD_BENCH_LIBERTY_JVM:-}" \
  ${HERALD_BENCH_JFR:+"-Dbench.jvm.jfr=-Dherald.bench.jfr=$HERALD_BENCH_JFR -Dherald.bench.jfc=$PWD/bench/cpu.jfc"}
