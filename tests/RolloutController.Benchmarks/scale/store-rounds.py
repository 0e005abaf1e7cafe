#!/usr/bin/env python3
"""Rounds per rollout in a window, from the controller's own store (the measurements it recorded), so the scale
benchmark can tell which rollouts were measured when queries are batched (a batched query names every flag that shares
its template, so the stand-in Prometheus cannot tell whose round asked for it).

Usage: store-rounds.py FLAGS_FILE FROM TO INTERVAL_S (sqlite DB_FILE | postgres PSQL_ARGS...)
Prints KEY=VALUE lines: store_never_measured, store_not_every_interval (a stretch longer than 1.05 intervals without a round), store_rounds_per_rollout_min/median,
store_longest_gap_p99_s / _max_s (the longest time a rollout went without a round, window edges included)."""
import datetime
import sqlite3
import statistics
import subprocess
import sys


def parse(text):
    text = text.strip().replace(" ", "T")
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    return datetime.datetime.fromisoformat(text).timestamp()


def main():
    flags_file, start, end, interval = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
    flags = [f.strip() for f in open(flags_file) if f.strip()]
    kind = sys.argv[5]
    sql = "SELECT DISTINCT flag_key, measured_at FROM measurements"
    rows = []
    if kind == "sqlite":
        with sqlite3.connect(f"file:{sys.argv[6]}?mode=ro", uri=True) as db:
            rows = [(f, parse(t)) for f, t in db.execute(sql)]
    else:
        out = subprocess.run(["psql", "-At", "-F", "\t", "-c", sql.replace("measured_at", "to_char(measured_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"), *sys.argv[6:]],
                             check=True, capture_output=True, text=True).stdout
        rows = [(line.split("\t")[0], parse(line.split("\t")[1])) for line in out.splitlines() if "\t" in line]
    rounds = {f: [] for f in flags}
    for flag, at in rows:
        if flag in rounds and start <= at <= end:
            rounds[flag].append(at)
    never = sum(1 for f in flags if not rounds[f])
    gaps = []
    for f in flags:
        edges = [start] + sorted(rounds[f]) + [end]
        gaps.append(max(b - a for a, b in zip(edges, edges[1:])))
    # Measured every interval: no stretch of the window longer than an interval (5% slack for timing) without a round.
    not_every = sum(1 for g in gaps if g > interval * 1.05)
    counts = sorted(len(rounds[f]) for f in flags)
    gaps.sort()
    print(f"store_never_measured={never}")
    print(f"store_not_every_interval={not_every}")
    print(f"store_rounds_per_rollout_min={counts[0] if counts else 0}")
    print(f"store_rounds_per_rollout_median={statistics.median(counts) if counts else 0}")
    print(f"store_longest_gap_p99_s={gaps[int(0.99 * (len(gaps) - 1))]:.3f}" if gaps else "store_longest_gap_p99_s=")
    print(f"store_longest_gap_max_s={gaps[-1]:.3f}" if gaps else "store_longest_gap_max_s=")


if __name__ == "__main__":
    main()
