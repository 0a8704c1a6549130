#!/usr/bin/env sh
# Email ingestion rate: messages waiting in an IMAP mailbox (GreenMail, in-process) polled into cases.
# Usage: bench/email/run.sh [messages=10000] [acknowledgements=true|false] [-Daspa.email.<setting>=<value> ...]
# Prints the result and writes it to target/bench/email.txt.
set -e
cd "$(dirname "$0")/../.."
if [ -z "$JAVA_HOME" ]; then
  JAVA_HOME=$(ls -d /usr/lib/jvm/*25* /usr/lib/jvm/*21* 2>/dev/null | head -1); export JAVA_HOME
fi
MESSAGES="${1:-10000}"
ACK="${2:-true}"
[ $# -gt 0 ] && shift
[ $# -gt 0 ] && shift
./mvnw -q -B test -Dtest=EmailIngestBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Daspa.bench.messages="$MESSAGES" -Daspa.bench.ack="$ACK" "$@"
cat target/bench/email.txt
