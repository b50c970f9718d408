#!/usr/bin/env bash
# Pair-copy benchmark: Meshlift (two agents, mTLS gRPC, verify=full) vs an rsync daemon
# on 127.0.0.1. See bench/README.md for what is measured and how to read the results.
#
# Usage: bench/pair-copy/run.sh [--scale F] [--keep] [--skip-build]
#   --scale F      shrink the dataset (default 1.0 = 1 GiB file + 1000 x 1 MiB files)
#   --keep         keep bench/work/<run> (data included) after the run
#   --skip-build   do not run the maven build first
set -uo pipefail

SCALE=1.0
KEEP=0
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE="$2"; shift 2 ;;
    --scale=*) SCALE="${1#--scale=}"; shift ;;
    --keep) KEEP=1; shift ;;
    --skip-build) BUILD=0; shift ;;
    -h|--help) sed -n 2,10p "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

REPO="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="$REPO/bench"
TS="$(date -u +%Y%m%dT%H%M%SZ)"
WORK="$BENCH/work/pair-copy-$TS"
RESULTS="$BENCH/results"
mkdir -p "$WORK" "$RESULTS"
LOG="$WORK/bench.log"
KV="$WORK/results.kv"      # key=value lines, turned into JSON/MD at the end
: > "$KV"

log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$LOG" >&2; }
kv()  { echo "$1=$2" >> "$KV"; }
now() { date +%s.%N; }
fsub() { python3 -c "import sys; print('%.3f' % (float(sys.argv[1]) - float(sys.argv[2])))" "$1" "$2"; }

# ---- sizes -------------------------------------------------------------------------------
read -r BIG_MIB N_SMALL CHG_MIB CHG_FILES < <(python3 - "$SCALE" <<'EOF'
import sys
s = float(sys.argv[1])
assert 0 < s <= 1.0 + 1e-9, "scale must be in (0, 1]"
r = lambda x: int(x + 0.5)
print(max(1, r(1024 * s)), max(1, r(1000 * s)), max(1, r(10 * s)), max(1, r(10 * s)))
EOF
) || { echo "bad --scale $SCALE" >&2; exit 2; }
DATASET_BYTES=$(( (BIG_MIB + N_SMALL) * 1048576 ))
CHANGED_BYTES=$(( (CHG_MIB + CHG_FILES) * 1048576 ))
kv scale "$SCALE"; kv big_file_mib "$BIG_MIB"; kv small_files "$N_SMALL"
kv changed_big_mib "$CHG_MIB"; kv changed_small_files "$CHG_FILES"
kv dataset_bytes "$DATASET_BYTES"; kv changed_bytes "$CHANGED_BYTES"
kv timestamp "$TS"; kv host_cpus "$(nproc)"
kv loadavg_start "$(cut -d" " -f1-3 /proc/loadavg)"
kv git_rev "$(cat "$REPO/.git/HEAD" 2>/dev/null | head -c 80)"

# ---- process bookkeeping: only PIDs we started ------------------------------------------
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]:-}"; do
    [ -n "$p" ] && kill "$p" 2>/dev/null
  done
  sleep 1
  for p in "${PIDS[@]:-}"; do
    [ -n "$p" ] && kill -0 "$p" 2>/dev/null && kill -9 "$p" 2>/dev/null
  done
  if [ "$KEEP" = 0 ]; then
    rm -rf "$WORK/src" "$WORK/rsync-dst" "$WORK/ml-dst" "$WORK/src-state" "$WORK/dst-state"
  fi
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# ---- build ---------------------------------------------------------------------------------
if [ "$BUILD" = 1 ]; then
  log "building (mvn -q -o install -DskipTests -pl proto,core,agent,cli)"
  (cd "$REPO" && mvn -q -o install -DskipTests -pl proto,core,agent,cli) >>"$LOG" 2>&1 \
    || { log "build failed, see $LOG"; exit 1; }
fi
AGENT_JAR="$REPO/agent/target/quarkus-app/quarkus-run.jar"
CLI_JAR="$REPO/cli/target/meshlift-cli.jar"
[ -f "$AGENT_JAR" ] && [ -f "$CLI_JAR" ] || { log "agent/cli jars missing"; exit 1; }

if ! command -v rsync >/dev/null; then
  log "installing rsync"; apt-get install -y rsync >>"$LOG" 2>&1 || { log "rsync install failed"; exit 1; }
fi
kv rsync_version "$(rsync --version | head -1 | sed 's/  */ /g')"
kv java_version "$(java -version 2>&1 | head -1 | tr -d '"')"

# ---- dataset ------------------------------------------------------------------------------
SRCROOT="$WORK/src"; SRC="$SRCROOT/ds"
mkdir -p "$SRC/small"
log "generating dataset: ${BIG_MIB} MiB file + ${N_SMALL} x 1 MiB files (scale $SCALE)"
t0=$(now)
head -c $((BIG_MIB * 1048576)) /dev/urandom > "$SRC/big.bin"
for i in $(seq -w 1 "$N_SMALL"); do head -c 1048576 /dev/urandom > "$SRC/small/f$i.bin"; done
sync
log "dataset ready in $(fsub "$(now)" "$t0") s ($(du -sb "$SRC" | cut -f1) bytes)"

apply_change() {
  # 10 MiB (scaled) overwritten in place in the big file at a fixed offset (middle, MiB aligned),
  # plus 10 (scaled) small files rewritten with new random content.
  local off=$(( BIG_MIB / 2 ))
  [ $((off + CHG_MIB)) -gt "$BIG_MIB" ] && off=0
  dd if=/dev/urandom of="$SRC/big.bin" bs=1M seek="$off" count="$CHG_MIB" conv=notrunc status=none
  local files; files=$(ls "$SRC/small" | head -n "$CHG_FILES")
  for f in $files; do head -c 1048576 /dev/urandom > "$SRC/small/$f"; done
  sync
  kv change_offset_mib "$off"
}

# ---- rsync daemon -------------------------------------------------------------------------
RPORT=$(free_port)
cat > "$WORK/rsyncd.conf" <<EOF
pid file = $WORK/rsyncd.pid
port = $RPORT
address = 127.0.0.1
use chroot = no
uid = root
gid = root
log file = $WORK/rsyncd.log
[mod]
  path = $SRCROOT
  read only = yes
EOF
rsync --daemon --no-detach --config="$WORK/rsyncd.conf" &
RSYNCD_PID=$!
PIDS+=("$RSYNCD_PID")
for _ in $(seq 50); do rsync "rsync://127.0.0.1:$RPORT/" >/dev/null 2>&1 && break; sleep 0.1; done
log "rsync daemon pid $RSYNCD_PID port $RPORT"
RDST="$WORK/rsync-dst/ds"; mkdir -p "$RDST"

proc_cpu() {  # utime+stime+cutime+cstime of a pid, in seconds
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print ($12 + $13 + $14 + $15) / hz }' "/proc/$1/stat"
}

run_rsync() {  # $1 = run name
  local name=$1 out="$WORK/rsync-$1.out" t0 t1 c0 c1 rc
  c0=$(proc_cpu "$RSYNCD_PID")
  local TIMEFORMAT='%U %S'
  t0=$(now)
  { time { rsync -a --stats "rsync://127.0.0.1:$RPORT/mod/ds/" "$RDST/" > "$out" 2>&1 && sync; } ; } 2> "$WORK/rsync-$name.time"
  rc=$?
  t1=$(now)
  c1=$(proc_cpu "$RSYNCD_PID")
  local sent recv lit cli_cpu
  sent=$(awk -F': ' '/^Total bytes sent/ {gsub(/,/,"",$2); print $2+0}' "$out")
  recv=$(awk -F': ' '/^Total bytes received/ {gsub(/,/,"",$2); print $2+0}' "$out")
  lit=$(awk -F': ' '/^Literal data/ {sub(/ bytes.*$/,"",$2); gsub(/,/,"",$2); print $2+0}' "$out")
  cli_cpu=$(awk '{print $1 + $2}' "$WORK/rsync-$name.time" | tail -1)
  kv "rsync.$name.rc" "$rc"
  kv "rsync.$name.seconds" "$(fsub "$t1" "$t0")"
  kv "rsync.$name.bytes_from_server" "${recv:-0}"
  kv "rsync.$name.bytes_to_server" "${sent:-0}"
  kv "rsync.$name.literal_bytes" "${lit:-0}"
  kv "rsync.$name.cpu_seconds" "$(python3 -c "print('%.2f' % ($c1 - $c0 + ${cli_cpu:-0}))")"
  log "rsync $name: rc=$rc $(fsub "$t1" "$t0") s, from server ${recv:-?} B, literal ${lit:-?} B"
}

# ---- rsync over ssh: only if an sshd is already there --------------------------------------
if command -v sshd >/dev/null 2>&1 && ss -ltn 2>/dev/null | grep -q ':22 '; then
  kv rsync_ssh "sshd listening on :22 but not benchmarked (needs key setup; out of scope)"
else
  kv rsync_ssh "not available (no sshd listening)"
fi

# ---- meshlift agents ----------------------------------------------------------------------
MESH="$WORK/mesh"
java -jar "$CLI_JAR" certs init --dir "$MESH" src dst >>"$LOG" 2>&1 || { log "certs init failed"; exit 1; }
SPORT=$(free_port); SHTTP=$(free_port); DPORT=$(free_port); DHTTP=$(free_port)
MLDSTROOT="$WORK/ml-dst"; mkdir -p "$MLDSTROOT" "$WORK/src-state" "$WORK/dst-state"

start_agent() {  # id datadir statedir peerport httpport
  # Each agent needs its own management (metrics) port on this host.
  LANG=C.UTF-8 java -Dquarkus.management.port="$(free_port)" -Xmx256m -Dagent.id="$1" -Dagent.volumes.data="$2" -Dagent.state-dir="$3" \
    -Dagent.tls.cert="$MESH/$1/agent.crt" -Dagent.tls.key="$MESH/$1/agent.key" -Dagent.tls.ca="$MESH/ca.crt" \
    -Dagent.peer.port="$4" -Dagent.peer.authorization=mesh -Dquarkus.http.port="$5" -jar "$AGENT_JAR" > "$WORK/agent-$1.log" 2>&1 &
  echo $!
}
SRC_PID=$(start_agent src "$SRCROOT" "$WORK/src-state" "$SPORT" "$SHTTP"); PIDS+=("$SRC_PID")
DST_PID=$(start_agent dst "$MLDSTROOT" "$WORK/dst-state" "$DPORT" "$DHTTP"); PIDS+=("$DST_PID")
for port in "$SHTTP" "$DHTTP"; do
  ok=0
  for _ in $(seq 120); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/health/ready")" = 200 ] && { ok=1; break; }
    sleep 0.5
  done
  [ $ok = 1 ] || { log "agent on http $port not ready, see $WORK/agent-*.log"; exit 1; }
done
log "agents ready: src pid $SRC_PID (peer $SPORT, http $SHTTP), dst pid $DST_PID (peer $DPORT, http $DHTTP)"

heap_sampler() {  # pid outfile: one jstat process streaming every 250 ms; prints its pid
  jstat -gc "$1" 250 > "$2" 2>/dev/null &
  echo $!
}
peak_heap_mib() {  # jstat -gc file -> peak used heap (S0U+S1U+EU+OU) in MiB
  awk 'NR==1 { for (i=1;i<=NF;i++) col[$i]=i; next }
       $1 ~ /^[0-9.]+$/ { u=$col["S0U"]+$col["S1U"]+$col["EU"]+$col["OU"]; if (u>m) m=u }
       END { printf "%.1f", m/1024 }' "$1"
}

run_meshlift() {  # $1 = run name
  local name=$1 id="run-$1-$TS" t0 t1 st body state c0 c1 s0 s1 j1 j2
  s0=$(curl -s "http://127.0.0.1:$SHTTP/admin/v1/served" | jq -r .bytes)
  c0=$( python3 -c "print($(proc_cpu "$SRC_PID") + $(proc_cpu "$DST_PID"))")
  j1=$(heap_sampler "$SRC_PID" "$WORK/heap-src-$name.txt"); PIDS+=("$j1")
  j2=$(heap_sampler "$DST_PID" "$WORK/heap-dst-$name.txt"); PIDS+=("$j2")
  sleep 0.5
  body=$(printf '{"id":"%s","source":{"agent":"src","host":"127.0.0.1","port":%s,"volume":"data","path":"ds"},"destination":{"volume":"data","path":"ds"},"verify":"full"}' "$id" "$SPORT")
  t0=$(now)
  st=$(curl -s -o "$WORK/ml-$name.post.json" -w '%{http_code}' -XPOST "http://127.0.0.1:$DHTTP/admin/v1/pulls" \
       -H 'content-type: application/json' -d "$body")
  state=POST_FAILED_$st
  if [ "$st" = 202 ] || [ "$st" = 200 ]; then
    while :; do
      curl -s "http://127.0.0.1:$DHTTP/admin/v1/pulls/$id" > "$WORK/ml-$name.json"
      state=$(jq -r .state "$WORK/ml-$name.json" 2>/dev/null)
      case "$state" in SUCCEEDED|FAILED|CANCELLED|CANCELED) break ;; esac
      sleep 0.1
    done
  else
    cp "$WORK/ml-$name.post.json" "$WORK/ml-$name.json"
  fi
  sync
  t1=$(now)
  sleep 0.5
  kill "$j1" "$j2" 2>/dev/null; wait "$j1" "$j2" 2>/dev/null
  c1=$( python3 -c "print($(proc_cpu "$SRC_PID") + $(proc_cpu "$DST_PID"))")
  s1=$(curl -s "http://127.0.0.1:$SHTTP/admin/v1/served" | jq -r .bytes)
  local f="$WORK/ml-$name.json"
  kv "meshlift.$name.state" "$state"
  kv "meshlift.$name.seconds" "$(fsub "$t1" "$t0")"
  for k in bytesFetched chunksFetched chunksReused bytesReused filesDone filesUnchanged filesFailed bytesListed incidentCount; do
    kv "meshlift.$name.$k" "$(jq -r ".$k // 0" "$f" 2>/dev/null)"
  done
  kv "meshlift.$name.error" "$(jq -r '.error // .detail // .title // empty' "$f" 2>/dev/null | tr '\n' ' ' | sed 's/ *$//' | head -c 400)"
  kv "meshlift.$name.bytes_served_by_src" "$(( ${s1:-0} - ${s0:-0} ))"
  kv "meshlift.$name.cpu_seconds" "$(python3 -c "print('%.2f' % ($c1 - $c0))")"
  kv "meshlift.$name.peak_heap_src_mib" "$(peak_heap_mib "$WORK/heap-src-$name.txt")"
  kv "meshlift.$name.peak_heap_dst_mib" "$(peak_heap_mib "$WORK/heap-dst-$name.txt")"
  kv "meshlift.$name.vmhwm_src_kib" "$(awk '/VmHWM/ {print $2}' /proc/$SRC_PID/status)"
  kv "meshlift.$name.vmhwm_dst_kib" "$(awk '/VmHWM/ {print $2}' /proc/$DST_PID/status)"
  log "meshlift $name: $state in $(fsub "$t1" "$t0") s, fetched $(jq -r .bytesFetched "$f" 2>/dev/null) B"
}

verify_tree() {  # $1 = dest dir, $2 = label
  if diff -rq "$SRC" "$1" > "$WORK/verify-$2.txt" 2>&1; then kv "verify.$2" identical
  else kv "verify.$2" "DIFFERENT ($(wc -l < "$WORK/verify-$2.txt") entries, see verify-$2.txt)"; fi
}

# ---- the runs: rsync then meshlift for each phase; both read a warm source page cache ------
for phase in cold nochange; do
  log "== phase $phase"
  run_rsync "$phase"
  run_meshlift "$phase"
done
log "== applying change (${CHG_MIB} MiB in big file + ${CHG_FILES} small files)"
apply_change
log "== phase changed"
run_rsync changed
run_meshlift changed
log "verifying destination trees (not timed)"
verify_tree "$RDST" rsync
verify_tree "$MLDSTROOT/ds" meshlift
kv loadavg_end "$(cut -d" " -f1-3 /proc/loadavg)"
# ---- report ---------------------------------------------------------------------------------
python3 "$BENCH/pair-copy/report.py" "$KV" "$RESULTS" "$TS" "$WORK"
rc=$?
log "work dir: $WORK (data removed unless --keep)"
exit $rc
