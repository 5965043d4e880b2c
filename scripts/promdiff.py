"""Compares Prometheus HTTP API answers (what `rayrec query --json` prints is the same shape).

Used by scripts/diff-prometheus and scripts/e2e-remote-write: same status, same result type,
same series (by labels), same timestamps, values within relative 1e-9 (NaN equals NaN).
"""
import json, math


def num(s):
    return float(s.replace("+Inf", "inf").replace("-Inf", "-inf"))


def close(a, b):
    x, y = num(a), num(b)
    if math.isnan(x) or math.isnan(y): return math.isnan(x) and math.isnan(y)
    if x == y: return True
    return abs(x - y) <= 1e-9 * max(abs(x), abs(y))


def same(p, o):
    """None when the two answers agree, else what differs first."""
    if p["status"] != o["status"]:
        return f"status {p['status']} vs ours {o['status']}: {p.get('error') or o.get('error')}"
    if p["status"] != "success": return None
    pd, od = p["data"], o["data"]
    if pd["resultType"] != od["resultType"]: return f"type {pd['resultType']} vs {od['resultType']}"
    if pd["resultType"] in ("scalar", "string"):
        return None if close(pd["result"][1], od["result"][1]) or pd["result"][1] == od["result"][1] else f"{pd['result']} vs {od['result']}"
    key = lambda s: json.dumps(s["metric"], sort_keys=True)
    pm = {key(s): s for s in pd["result"]}
    om = {key(s): s for s in od["result"]}
    if set(pm) != set(om):
        a, b = sorted(set(pm) - set(om))[:2], sorted(set(om) - set(pm))[:2]
        return f"series differ: {len(pm)} vs {len(om)}; only prometheus {a}; only ours {b}"
    for k in pm:
        pv = [pm[k]["value"]] if "value" in pm[k] else pm[k]["values"]
        ov = [om[k]["value"]] if "value" in om[k] else om[k]["values"]
        if len(pv) != len(ov): return f"{k}: {len(pv)} points vs {len(ov)}"
        for (pt, pval), (ot, oval) in zip(pv, ov):
            if abs(pt - ot) > 1e-6 or not close(pval, oval):
                return f"{k} at {pt}: {pval} vs ours {oval} at {ot}"
    return None
