#!/usr/bin/env bash
# Routing accuracy (cross-validated top-1/top-3) and classification latency on the 99 labelled Helsinki requests.
# Usage: bench/routing/run.sh              (from the repository root; prints a Markdown report)
#        bench/routing/run.sh diagnostics  (issue 5 step 1: baselines and setups side by side, label agreement, learning curve)
#        bench/routing/run.sh learning-curve (accuracy against the amount of history only)
#        bench/routing/run.sh experiments  (the above, then candidate models under nested cross-validation, calibration)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME="$(ls -d /usr/lib/jvm/*25* /usr/lib/jvm/*21* 2>/dev/null | head -1)"
  export JAVA_HOME
fi
export PATH="$JAVA_HOME/bin:$PATH"
./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
main=fi.aspa.routing.RoutingBenchmark
if [ "${1:-}" = experiments ] || [ "${1:-}" = diagnostics ] || [ "${1:-}" = learning-curve ]; then main=fi.aspa.routing.RoutingExperiments; fi
java -Xmx2g -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" "$main" "${1:-}"
