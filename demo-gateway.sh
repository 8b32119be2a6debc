#!/usr/bin/env bash
# Starts the demo gateway: a real Apache James 3.8.1 with smime-gateway's drop-in jar and conf-samples/gateway.
# Usage: ./demo-gateway.sh [smtpPort] [imapPort]     (defaults 2525 1143; 0 picks free ports)
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -DskipTests install
# The drop-in jar must reach James through extensions-jars only, so it is left off the classpath.
mvn -B -q -pl it dependency:build-classpath -DincludeScope=test -DexcludeArtifactIds=smime-gateway \
    -Dmdep.outputFile=target/demo.classpath
exec java -cp "it/target/test-classes:$(cat it/target/demo.classpath)" org.smimegateway.it.demo.DemoGateway "$@"
