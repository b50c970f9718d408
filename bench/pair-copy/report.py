#!/usr/bin/env python3
"""Turn the key=value file written by run.sh into a table, JSON and Markdown results."""
import json
import sys
from pathlib import Path

kv_path, results_dir, ts, work = sys.argv[1], Path(sys.argv[2]), sys.argv[3], sys.argv[4]
raw = {}
for line in Path(kv_path).read_text().splitlines():
    if "=" in line:
        k, v = line.split("=", 1)
        raw[k] = v


def num(key, default=None):
    try:
        return float(raw[key])
    except (KeyError, ValueError):
        return default


RUNS = ["cold", "nochange", "changed"]
GB = 1e9
MIB = 1048576
dataset = num("dataset_bytes", 0)
changed = num("changed_bytes", 0)

rows = []
for r in RUNS:
    ml_t, rs_t = num(f"meshlift.{r}.seconds"), num(f"rsync.{r}.seconds")
    ml_ok = raw.get(f"meshlift.{r}.state") == "SUCCEEDED"
    rs_ok = raw.get(f"rsync.{r}.rc") == "0"
    ratio = ml_t / rs_t if (ml_ok and rs_ok and rs_t) else None
    fetched = num(f"meshlift.{r}.bytesFetched", 0)
    cpu = num(f"meshlift.{r}.cpu_seconds")
    rs_cpu = num(f"rsync.{r}.cpu_seconds")
    heap = max(num(f"meshlift.{r}.peak_heap_src_mib", 0), num(f"meshlift.{r}.peak_heap_dst_mib", 0))
    rows.append({
        "run": r,
        "meshlift_state": raw.get(f"meshlift.{r}.state"),
        "meshlift_error": raw.get(f"meshlift.{r}.error") or None,
        "meshlift_seconds": ml_t,
        "rsync_rc": raw.get(f"rsync.{r}.rc"),
        "rsync_seconds": rs_t,
        "ratio_meshlift_over_rsync": ratio,
        "meshlift_bytes_fetched": fetched,
        "meshlift_bytes_served_by_src": num(f"meshlift.{r}.bytes_served_by_src"),
        "meshlift_chunks_fetched": num(f"meshlift.{r}.chunksFetched"),
        "meshlift_chunks_reused": num(f"meshlift.{r}.chunksReused"),
        "meshlift_files_done": num(f"meshlift.{r}.filesDone"),
        "meshlift_files_unchanged": num(f"meshlift.{r}.filesUnchanged"),
        "meshlift_files_failed": num(f"meshlift.{r}.filesFailed"),
        "meshlift_incidents": num(f"meshlift.{r}.incidentCount"),
        "rsync_bytes_from_server": num(f"rsync.{r}.bytes_from_server"),
        "rsync_bytes_to_server": num(f"rsync.{r}.bytes_to_server"),
        "rsync_literal_bytes": num(f"rsync.{r}.literal_bytes"),
        "meshlift_cpu_seconds_both_agents": cpu,
        "meshlift_cpu_s_per_gb_dataset": cpu / (dataset / GB) if cpu is not None and dataset else None,
        "meshlift_cpu_s_per_gb_fetched": cpu / (fetched / GB) if cpu is not None and fetched >= MIB else None,
        "rsync_cpu_seconds_client_and_daemon": rs_cpu,
        "rsync_cpu_s_per_gb_dataset": rs_cpu / (dataset / GB) if rs_cpu is not None and dataset else None,
        "meshlift_peak_heap_used_mib": heap,
        "meshlift_peak_heap_src_mib": num(f"meshlift.{r}.peak_heap_src_mib"),
        "meshlift_peak_heap_dst_mib": num(f"meshlift.{r}.peak_heap_dst_mib"),
        "meshlift_vmhwm_src_mib": (num(f"meshlift.{r}.vmhwm_src_kib", 0) / 1024),
        "meshlift_vmhwm_dst_mib": (num(f"meshlift.{r}.vmhwm_dst_kib", 0) / 1024),
    })
by = {row["run"]: row for row in rows}


def target(name, value, limit, fmt):
    if value is None:
        return {"target": name, "limit": limit, "value": None, "status": "NOT MET (no valid measurement)"}
    return {"target": name, "limit": limit, "value": round(value, 3),
            "status": "met" if value <= limit else "NOT MET", "shown": fmt % value}


peak_heap = max((row["meshlift_peak_heap_used_mib"] or 0) for row in rows)
ch = by["changed"]
wire_over_changed = (ch["meshlift_bytes_fetched"] / changed) if (changed and ch["meshlift_state"] == "SUCCEEDED") else None
targets = [
    target("cold copy ratio <= 1.0", by["cold"]["ratio_meshlift_over_rsync"], 1.0, "%.2f"),
    target("no-change ratio <= 1.0", by["nochange"]["ratio_meshlift_over_rsync"], 1.0, "%.2f"),
    target("changed ratio <= 0.5", ch["ratio_meshlift_over_rsync"], 0.5, "%.2f"),
    target("changed: bytes fetched <= 1.5 x bytes changed", wire_over_changed, 1.5, "%.2fx"),
    target("agent peak used heap <= 256 MiB", peak_heap if peak_heap else None, 256, "%.1f MiB"),
]


def f(v, fmt="%.2f"):
    return "n/a" if v is None else fmt % v


def mib(v):
    return "n/a" if v is None else "%.1f MiB" % (v / MIB)


title = {"cold": "cold copy", "nochange": "no-change re-run", "changed": "changed re-run"}
lines = []
lines.append(f"# Pair-copy benchmark {ts}")
lines.append("")
lines.append(f"Dataset: {int(num('big_file_mib', 0))} MiB file + {int(num('small_files', 0))} x 1 MiB files "
             f"= {mib(dataset)} (scale {raw.get('scale')}); change: {int(num('changed_big_mib', 0))} MiB in place in the big file "
             f"+ {int(num('changed_small_files', 0))} small files rewritten = {mib(changed)}.")
lines.append(f"Host CPUs: {raw.get('host_cpus')}, load average at start {raw.get('loadavg_start')}, at end {raw.get('loadavg_end')}. {raw.get('java_version')}. {raw.get('rsync_version')}.")
lines.append(f"rsync over ssh: {raw.get('rsync_ssh')}.")
lines.append("")
lines.append("| run | meshlift s | rsync s | ratio ml/rsync | meshlift fetched | rsync from server (literal) | ml CPU s (s/GB dataset) | rsync CPU s | ml peak heap |")
lines.append("|---|---|---|---|---|---|---|---|---|")
for row in rows:
    st = "" if row["meshlift_state"] == "SUCCEEDED" else f" **{row['meshlift_state']}**"
    rst = "" if row["rsync_rc"] == "0" else f" **rc={row['rsync_rc']}**"
    lines.append(
        f"| {title[row['run']]} | {f(row['meshlift_seconds'])}{st} | {f(row['rsync_seconds'])}{rst} | "
        f"{f(row['ratio_meshlift_over_rsync'])} | {mib(row['meshlift_bytes_fetched'])} | "
        f"{mib(row['rsync_bytes_from_server'])} ({mib(row['rsync_literal_bytes'])}) | "
        f"{f(row['meshlift_cpu_seconds_both_agents'])} ({f(row['meshlift_cpu_s_per_gb_dataset'])}) | "
        f"{f(row['rsync_cpu_seconds_client_and_daemon'])} | {f(row['meshlift_peak_heap_used_mib'], '%.1f')} MiB |")
lines.append("")
lines.append(f"Changed run: bytes changed {mib(changed)}, meshlift fetched {mib(ch['meshlift_bytes_fetched'])} "
             f"({f(wire_over_changed, '%.2fx')} of changed), rsync literal data {mib(ch['rsync_literal_bytes'])}, "
             f"rsync bytes from server {mib(ch['rsync_bytes_from_server'])}.")
lines.append("")
lines.append("| target | value | status |")
lines.append("|---|---|---|")
for t in targets:
    lines.append(f"| {t['target']} | {t.get('shown', 'n/a')} | {t['status']} |")
lines.append("")
lines.append("Details per run (chunks, files, served bytes, RSS high-water mark):")
lines.append("")
for row in rows:
    lines.append(f"- {title[row['run']]}: state={row['meshlift_state']}, chunksFetched={f(row['meshlift_chunks_fetched'], '%d')}, "
                 f"chunksReused={f(row['meshlift_chunks_reused'], '%d')}, filesDone={f(row['meshlift_files_done'], '%d')}, "
                 f"filesUnchanged={f(row['meshlift_files_unchanged'], '%d')}, filesFailed={f(row['meshlift_files_failed'], '%d')}, "
                 f"incidents={f(row['meshlift_incidents'], '%d')}, served by src={mib(row['meshlift_bytes_served_by_src'])}, "
                 f"heap src/dst={f(row['meshlift_peak_heap_src_mib'], '%.1f')}/{f(row['meshlift_peak_heap_dst_mib'], '%.1f')} MiB, "
                 f"VmHWM src/dst={f(row['meshlift_vmhwm_src_mib'], '%.0f')}/{f(row['meshlift_vmhwm_dst_mib'], '%.0f')} MiB"
                 + (f", error: {row['meshlift_error']}" if row["meshlift_error"] else ""))
lines.append(f"- destination check after the changed run: rsync={raw.get('verify.rsync')}, meshlift={raw.get('verify.meshlift')}")
lines.append("")
lines.append("Single run on a shared, noisy machine; treat ratios as indicative. See bench/README.md.")
md = "\n".join(lines) + "\n"

doc = {"timestamp": ts, "parameters": {k: raw[k] for k in raw if "." not in k},
       "runs": rows, "targets": targets,
       "verify": {"rsync": raw.get("verify.rsync"), "meshlift": raw.get("verify.meshlift")},
       "raw": raw, "work_dir": work}
results_dir.mkdir(parents=True, exist_ok=True)
(results_dir / f"pair-copy-{ts}.json").write_text(json.dumps(doc, indent=2) + "\n")
(results_dir / f"pair-copy-{ts}.md").write_text(md)
(results_dir / "pair-copy-latest.md").write_text(md)
print(md)
print(f"wrote {results_dir}/pair-copy-{ts}.json, .md and pair-copy-latest.md")
