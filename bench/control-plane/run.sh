#!/usr/bin/env bash
# Control-plane benchmarks against a real coordinator process (PostgreSQL, real Keycloak).
# See bench/README.md for what is measured and how to read the results.
#
# Usage: bench/control-plane/run.sh agents|rest|export|all [--skip-build] [--keep] [-Dbench.key=value ...]
#   agents       1,000 simulated mTLS agents (Register + Heartbeat) vs the same coordinator idle
#   rest         200 requests/s for 60 s on job and audit reads, latency from the intended send time
#   export       streamed audit export of 1,000,000 file records from PostgreSQL, json/csv/sha256sum
#   all          the three, sharing one Keycloak and one PostgreSQL server
#   --skip-build use the already built coordinator runner and bench classes
#   --keep       keep bench/work/control-plane-<timestamp>/ (logs, PostgreSQL data) afterwards
#   -D...        sizes for a quick run, e.g. -Dbench.agents=100 -Dbench.duration=10 -Dbench.export.records=100000
set -euo pipefail

WHICH="${1:-}"
case "$WHICH" in
  agents|rest|export|all) shift ;;
  -h|--help|"") sed -n 2,14p "$0"; exit 2 ;;
  *) echo "unknown benchmark: $WHICH (agents|rest|export|all)" >&2; exit 2 ;;
esac
BUILD=1
KEEP=0
PROPS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) BUILD=0 ;;
    --keep) KEEP=1 ;;
    -D*) PROPS+=("$1") ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

REPO="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="$REPO/bench"
TS="$(date -u +%Y%m%dT%H%M%SZ)"
WORK="$BENCH/work/control-plane-$TS"
mkdir -p "$WORK" "$BENCH/results"
# Only the data is removed: the coordinator logs stay for a look afterwards unless the run succeeded.
cleanup() { [ "$KEEP" = 1 ] || rm -rf "$WORK/postgres"; }
trap cleanup EXIT

if [ "$BUILD" = 1 ]; then
  echo "building coordinator (postgres profile) and bench (mvn -o package -pl coordinator,bench -am)" >&2
  # db-kind is fixed when Quarkus builds the application: the benchmarks run the production (PostgreSQL) build.
  (cd "$REPO" && mvn -B -ntp -q -o package -DskipTests -Dquarkus.profile=postgres -pl coordinator,bench -am) \
    > "$WORK/build.log" 2>&1 || { echo "build failed, see $WORK/build.log" >&2; exit 1; }
fi
RUNNER="$REPO/coordinator/target/quarkus-app/quarkus-run.jar"
[ -f "$RUNNER" ] && [ -d "$BENCH/target/lib" ] || { echo "coordinator runner or bench/target/lib missing: build first" >&2; exit 1; }
# The Keycloak distribution the build fetched (bench/pom.xml declares it) from the local Maven repository.
M2="${MAVEN_LOCAL_REPOSITORY:-$HOME/.m2/repository}"
KC_ZIP="$(ls "$M2"/org/keycloak/keycloak-quarkus-dist/*/keycloak-quarkus-dist-*.zip | sort -V | tail -1)"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
cd "$WORK"
LANG=C.UTF-8 java -Xmx1g \
  -Dbench.work="$WORK" \
  -Dbench.results="$BENCH/results" \
  -Dbench.coordinator.runner="$RUNNER" \
  -Dbench.git.revision="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
  -Dmeshlift.keycloak.zip="$KC_ZIP" \
  -Dmeshlift.keycloak.work="$WORK/keycloak" \
  -Dmeshlift.keycloak.startup-timeout=PT15M \
  "${PROPS[@]}" \
  -cp "$BENCH/target/classes:$BENCH/target/lib/*" \
  io.meshlift.bench.ControlPlaneBench "$WHICH" 2>&1 | tee "$WORK/bench.log"
