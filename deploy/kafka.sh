#!/usr/bin/env bash
# Fetches, starts and stops a single-node Apache Kafka broker (KRaft, broker+controller) on 127.0.0.1.
# The broker's jars come from Maven Central (the pinned list deploy/kafka-<version>.jars, checked by
# digest, or Maven for a version without one) and are cached under .cache/, so a later start needs no
# network. Idempotent: a broker that already answers, or KAFKA_BROKERS set, is used as is.
#
#   deploy/kafka.sh fetch | start | stop | status | tool <java-main-class> [args...]
set -euo pipefail

KAFKA_VERSION="${KAFKA_VERSION:-4.1.1}"
SCALA_VERSION="2.13"
LOG4J_VERSION="2.24.3"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${SAMENSPEL_CACHE:-$ROOT/.cache}/kafka"
LIB="$CACHE/$KAFKA_VERSION/lib"
DATA="${KAFKA_DATA_DIR:-$CACHE/data-$KAFKA_VERSION}"
# A private broker (another port) gets its own KAFKA_DATA_DIR and KAFKA_RUN_DIR (config, pid, log).
RUN="${KAFKA_RUN_DIR:-$CACHE/run}"
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
HEAP="${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m}"

log() { printf '[kafka] %s\n' "$*" >&2; }

fetch() {
  [ -f "$LIB/.complete" ] && return 0
  local lock="$ROOT/deploy/kafka-$KAFKA_VERSION.jars"
  if [ -f "$lock" ]; then
    # The pinned jars of this version, checked by digest: no Maven needed.
    command -v node >/dev/null || { log "Node.js is required to fetch Kafka $KAFKA_VERSION"; exit 1; }
    node "$ROOT/scripts/fetch-jars.js" "$lock" "$LIB" kafka
    touch "$LIB/.complete"
    return 0
  fi
  command -v mvn >/dev/null || {
    log "Kafka $KAFKA_VERSION has no pinned jar list (deploy/kafka-<version>.jars); fetching it needs Maven (mvn), which is not installed. Install Maven, or use KAFKA_VERSION=4.1.1."
    exit 1
  }
  log "resolving org.apache.kafka:kafka_$SCALA_VERSION:$KAFKA_VERSION with Maven from Maven Central (first run only)"
  local work="$CACHE/$KAFKA_VERSION/build"
  rm -rf "$LIB" "$work" && mkdir -p "$LIB" "$work"
  cat >"$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>nl.samenspel</groupId><artifactId>kafka-runtime</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_$SCALA_VERSION</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>$LOG4J_VERSION</version></dependency>
  </dependencies>
</project>
POM
  # Maven's own transfer lines (without -q) show each download and its size.
  (cd "$work" && mvn -B -ntp -Dstyle.color=never dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$LIB" >&2)
  touch "$LIB/.complete"
  log "cached $(ls "$LIB" | wc -l) jars ($(du -sh "$LIB" | cut -f1)) in $LIB"
}

java_run() { java $HEAP -Dlog4j2.configurationFile="$RUN/log4j2.yaml" -cp "$LIB/*" "$@"; }

write_config() {
  mkdir -p "$RUN" "$DATA"
  cat >"$RUN/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$DATA
# A single node: every internal topic has one replica, or consumer groups never find a coordinator.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=12
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
default.replication.factor=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
# Topics are created explicitly by the project (libs/contracts topics.ts), never implicitly.
auto.create.topics.enable=false
num.partitions=6
log.retention.hours=168
PROPS
  cat >"$RUN/log4j2.yaml" <<'YAML'
Configuration:
  Appenders:
    Console: { name: STDOUT, PatternLayout: { pattern: "[%d] %p %m (%c)%n" } }
  Loggers:
    Root: { level: WARN, AppenderRef: [{ ref: STDOUT }] }
    Logger:
      - { name: kafka.server.KafkaRaftServer, level: INFO }
YAML
}

answers() {
  # A TCP connect first (cheap), then a real ApiVersions round trip through Kafka's own tool.
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null || return 1
  [ -f "$LIB/.complete" ] || return 0
  java -cp "$LIB/*" org.apache.kafka.tools.BrokerApiVersionsCommand --bootstrap-server "127.0.0.1:$PORT" >/dev/null 2>&1
}

start() {
  if [ -n "${KAFKA_BROKERS:-}" ] && [ "${KAFKA_BROKERS}" != "127.0.0.1:$PORT" ] && [ "${KAFKA_BROKERS}" != "localhost:$PORT" ]; then
    log "KAFKA_BROKERS=$KAFKA_BROKERS is set: using that broker as it is"
    return 0
  fi
  if answers; then log "a broker already answers on 127.0.0.1:$PORT: using it"; return 0; fi
  fetch
  write_config
  if [ ! -f "$DATA/meta.properties" ]; then
    local cluster_id
    cluster_id="$(java -cp "$LIB/*" kafka.tools.StorageTool random-uuid)"
    java_run kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$RUN/server.properties" >/dev/null
    log "formatted KRaft storage in $DATA (cluster $cluster_id)"
  fi
  nohup java $HEAP -XX:+UseG1GC -Dlog4j2.configurationFile="$RUN/log4j2.yaml" -cp "$LIB/*" \
    kafka.Kafka "$RUN/server.properties" >"$RUN/kafka.log" 2>&1 &
  echo $! >"$RUN/kafka.pid"
  local deadline=$((SECONDS + 90))
  until answers; do
    if ! kill -0 "$(cat "$RUN/kafka.pid")" 2>/dev/null; then log "the broker exited; see $RUN/kafka.log"; tail -20 "$RUN/kafka.log" >&2; exit 1; fi
    [ $SECONDS -lt $deadline ] || { log "the broker did not answer within 90 s; see $RUN/kafka.log"; exit 1; }
    sleep 0.5
  done
  log "Apache Kafka $KAFKA_VERSION takes requests on 127.0.0.1:$PORT (pid $(cat "$RUN/kafka.pid"))"
}

stop() {
  local pid
  pid="$(cat "$RUN/kafka.pid" 2>/dev/null || true)"
  if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then log "no broker started by this script is running"; rm -f "$RUN/kafka.pid"; return 0; fi
  kill -TERM "$pid"
  local deadline=$((SECONDS + 60))
  while kill -0 "$pid" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then log "no clean stop within 60 s: killing"; kill -KILL "$pid"; break; fi
    sleep 0.2
  done
  rm -f "$RUN/kafka.pid"
  log "stopped"
}

case "${1:-start}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop ;;
  status) if answers; then echo "up"; else echo "down"; exit 1; fi ;;
  tool) shift; fetch; write_config; cls="$1"; shift; java_run "$cls" "$@" ;;
  *) echo "usage: $0 fetch|start|stop|status|tool <class> [args]" >&2; exit 2 ;;
esac
