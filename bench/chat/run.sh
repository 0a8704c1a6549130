#!/usr/bin/env bash
# Chat delivery benchmark: builds Aspa, then runs bench/chat/ChatLoad.java against real Aspa processes on a
# PostgreSQL of its own. Arguments go to ChatLoad, e.g.:
#   bench/chat/run.sh                                   # 1,000 residents, 50 agents, one node, 60 s
#   bench/chat/run.sh --nodes 2 --kill --seconds 60     # two nodes; node 0 is killed halfway
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME=$(ls -d /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25* /usr/lib/jvm/*-21* 2>/dev/null | head -1 || true)
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
./mvnw -q -B -DskipTests package
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -Xmx2g -cp "target/classes:$(cat target/bench-classpath.txt)" bench/chat/ChatLoad.java "$@"
