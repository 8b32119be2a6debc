#!/usr/bin/env bash
# End-to-end throughput through a real James 3.8.1: mail over SMTP on several kept-open connections, James's stock
# pipeline and then the gateway's (conf-samples/gateway), one after the other in one JVM, measured to the outgoing
# repository. The code is it/src/test/java/org/smimegateway/it/load (it reuses the it module's James harness, which
# boots James from the stock memory-app conf plus our merge with the drop-in jar in extensions-jars; the benchmarks
# module cannot host it because our classes are on its class path, and James must load them from the drop-in jar).
#
#   benchmarks/run-e2e.sh                       10 KB and 1 MB, 4 connections, 300 measured messages per size
#   MESSAGES=100 SIZES=10KB CONNECTIONS=2 benchmarks/run-e2e.sh
#
# The table goes to standard output and to it/target/e2e-throughput.md. Without these settings the same test is the
# CI smoke (a dozen 10 KB messages) that mvn verify runs.
set -euo pipefail
cd "$(dirname "$0")/.."
MESSAGES="${MESSAGES:-300}"
WARMUP="${WARMUP:-100}"
SIZES="${SIZES:-10KB,1MB}"
CONNECTIONS="${CONNECTIONS:-4}"
mvn -B -q -pl it -am verify -DskipTests=false -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=EndToEndThroughputIT -Dfailsafe.failIfNoSpecifiedTests=false \
    -De2e.messages="$MESSAGES" -De2e.warmup="$WARMUP" -De2e.sizes="$SIZES" -De2e.connections="$CONNECTIONS"
cat it/target/e2e-throughput.md
