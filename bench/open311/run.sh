#!/usr/bin/env sh
# Open311 POST throughput and p50/p99 latency at 8 and 32 clients, beside the GET /actuator/health baseline in the
# same run (real HTTP to Aspa on a random port with its embedded PostgreSQL).
# Usage: bench/open311/run.sh [requests per phase=3000] [-Daspa.bench.warmup=300 ...]
# Prints the result and writes it to target/bench/open311.txt.
set -e
cd "$(dirname "$0")/../.."
if [ -z "$JAVA_HOME" ]; then
  JAVA_HOME=$(ls -d /usr/lib/jvm/*25* /usr/lib/jvm/*21* 2>/dev/null | head -1); export JAVA_HOME
fi
REQUESTS="${1:-3000}"
[ $# -gt 0 ] && shift
./mvnw -q -B test -Dtest=Open311Benchmark -Dsurefire.failIfNoSpecifiedTests=false -Daspa.bench.requests="$REQUESTS" \
  -Daspa.open311.rate-limit.per-address=100000000 -Daspa.open311.rate-limit.per-key=100000000 "$@"
cat target/bench/open311.txt
