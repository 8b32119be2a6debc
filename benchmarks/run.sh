#!/usr/bin/env bash
# Runs the JMH suite and prints the comparison table.
#   benchmarks/run.sh          full measurement (about 15 minutes on 2 cores)
#   benchmarks/run.sh smoke    every benchmark once on 10 KB messages (seconds)
#   benchmarks/run.sh peak     only the peak-heap table for 25 MB messages (a few minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install -pl benchmarks -am
mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/benchmarks.classpath
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/benchmarks.classpath)" \
    org.smimegateway.benchmarks.BenchmarkSuite "${1:-full}"
