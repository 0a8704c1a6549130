#!/usr/bin/env sh
# Email ingestion rate: messages waiting in an IMAP mailbox polled into cases, from GreenMail (in-process) and,
# when Dovecot is installed (Debian: apt-get install dovecot-imapd), from a Dovecot of its own (a separate
# process with a temporary configuration, a Maildir under target/, not the system's service; stopped at the end).
# Usage: bench/email/run.sh [messages=10000] [acknowledgements=true|false] [-Daspa.email.<setting>=<value> ...]
# The Dovecot run's acknowledgements go to a discarding SMTP server in the benchmark's JVM (as the organization's mail
# server on another machine would take them); -Daspa.bench.ack-sink=greenmail sends them to GreenMail as before.
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

DOVECOT_ARGS=""
DOVECOT=$(command -v dovecot || ls /usr/sbin/dovecot 2>/dev/null || true)
if [ -n "$DOVECOT" ]; then
  D="$(pwd)/target/bench/dovecot"
  PORT="${ASPA_BENCH_DOVECOT_PORT:-14143}"
  [ -f "$D/run/master.pid" ] && kill "$(cat "$D/run/master.pid")" 2>/dev/null && sleep 1
  rm -rf "$D"
  mkdir -p "$D/run" "$D/state" "$D/home/bench/Maildir/cur" "$D/home/bench/Maildir/new" "$D/home/bench/Maildir/tmp"
  if [ "$(id -u)" = 0 ]; then RUNAS=nobody; RUNGROUP=$(id -gn nobody); else RUNAS=$(id -un); RUNGROUP=$(id -gn); fi
  cat > "$D/dovecot.conf" <<CONF
# an unprivileged Dovecot for the benchmark only
protocols = imap
listen = 127.0.0.1
base_dir = $D/run
state_dir = $D/state
log_path = $D/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
default_internal_user = $RUNAS
default_internal_group = $RUNGROUP
default_login_user = $RUNAS
first_valid_uid = 1
mail_fsync = never
mail_location = maildir:$D/home/%u/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $D/users
}
userdb {
  driver = static
  args = uid=$RUNAS gid=$RUNGROUP home=$D/home/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = $PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
protocol imap {
  mail_max_userip_connections = 100
}
CONF
  echo "bench:{PLAIN}bench-imap-password" > "$D/users"
  if [ "$(id -u)" = 0 ]; then
    chown -R "$RUNAS:$RUNGROUP" "$D"
    runuser -u "$RUNAS" -- "$DOVECOT" -c "$D/dovecot.conf"
  else
    "$DOVECOT" -c "$D/dovecot.conf"
  fi
  trap 'kill "$(cat "$D/run/master.pid")" 2>/dev/null || true' EXIT INT TERM
  DOVECOT_ARGS="-Daspa.bench.dovecot.port=$PORT -Daspa.bench.dovecot.user=bench -Daspa.bench.dovecot.password=bench-imap-password -Daspa.bench.dovecot.maildir=$D/home/bench/Maildir"
else
  echo "Dovecot is not installed: measuring GreenMail only (apt-get install dovecot-imapd for both)"
fi

./mvnw -q -B test -Dtest=EmailIngestBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Daspa.bench.messages="$MESSAGES" -Daspa.bench.ack="$ACK" $DOVECOT_ARGS "$@"
cat target/bench/email.txt
