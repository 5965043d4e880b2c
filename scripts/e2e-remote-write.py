"""Asks Prometheus (after a remote write push) and `rayrec query` the same queries (run by
scripts/e2e-remote-write)."""
import concurrent.futures, json, subprocess, sys, urllib.error, urllib.parse, urllib.request

sys.path.insert(0, "scripts")  # the script runs from the package root
from promdiff import same

rayrec, recording, queries_file, base, write_url = sys.argv[1:6]
info = json.loads(subprocess.run([rayrec, "info", recording, "--json"], capture_output=True, check=True).stdout)
start, end = info["start_ms"] / 1000, info["end_ms"] / 1000
first, last = int(start) - 60, int(end) + 360  # a minute before, six after: lookback and markers
mid = round((start + end) / 2, 3) + 0.5  # between two range steps
queries = [l.strip() for l in open(queries_file) if l.strip() and not l.startswith("#")]
# Staleness and the scrape series: what a backfill cannot carry and a push does.
queries += [
    'count({__name__=~".+"})', "count(up == 1)", "count_over_time(up[10m])", "last_over_time(up[10m])",
    "absent(up)", "scrape_series_added", "scrape_samples_post_metric_relabeling",
    'count by (__name__) ({__name__=~"ray_.+"})', "timestamp(ray_tasks)",
]
queries = list(dict.fromkeys(queries))


def prom(path, params):
    url = base + path + "?" + urllib.parse.urlencode(params)
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:
        return json.load(e)


def ours(q, args):
    # '--' before the positionals: an expression may start with '-'.
    p = subprocess.run([rayrec, "query", *args, "--compat", "2", "--json", "--", recording, q],
                       capture_output=True, text=True, timeout=120)
    if p.stdout.strip():
        return json.loads(p.stdout)
    return {"status": "error", "error": p.stderr.strip()}


def tied(answer):
    """The answer with each point's series forgotten: per time, the sorted values. topk and
    bottomk choose among equal values by the order series come from storage, which for
    Prometheus's head block is the order they were first written, and for rayrec label order."""
    if answer["status"] != "success" or answer["data"]["resultType"] not in ("vector", "matrix"):
        return answer
    points = {}
    for s in answer["data"]["result"]:
        for t, v in ([s["value"]] if "value" in s else s["values"]):
            points.setdefault(t, []).append(v)
    return {t: sorted(vs, key=float) for t, vs in points.items()}


def compare(q, p, o):
    if ("topk" in q or "bottomk" in q) and p["status"] == o["status"] == "success":
        return None if tied(p) == tied(o) else "values per time differ"
    return same(p, o)


def check(q, instant=True):
    problems = []
    o = ours(q, ["--start", str(first), "--end", str(last), "--step", "10s"])
    p = prom("/api/v1/query_range", {"query": q, "start": first, "end": last, "step": 10})
    if p["status"] == "success" or o["status"] == "success":
        d = compare(q, p, o)
        if d: problems.append(f"range: {d}")
    if instant:
        d = compare(q, prom("/api/v1/query", {"query": q, "time": mid}), ours(q, ["--time", str(mid)]))
        if d: problems.append(f"@{mid}: {d}")
    return q, problems


passed = failed = 0
with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
    # Range queries cover instants at every step; an instant between two steps for a quarter of
    # the queries checks the lookback from an off-grid time (each rayrec query loads the archive).
    for q, problems in pool.map(lambda iq: check(iq[1], instant=iq[0] % 4 == 0), enumerate(queries)):
        if problems:
            failed += 1
            print(f"FAIL {q}\n  " + "\n  ".join(problems[:3]))
        else:
            passed += 1
metadata = prom("/api/v1/metadata", {})
print(f"note: Prometheus 2.42 keeps {len(metadata.get('data', {}))} metadata entries from remote write "
      "(its receiver drops metadata)")
# The same push again: every sample is one Prometheus holds already, so it keeps one copy.
again = subprocess.run([rayrec, "export", recording, "--remote-write", write_url, "--compat", "2"],
                       capture_output=True, text=True, timeout=300)
if again.returncode != 0:
    failed += 1
    print(f"FAIL pushing the recording twice: exit {again.returncode}: {again.stderr.strip()[:300]}")
else:
    for q in queries[:10] + queries[-9:]:
        q, problems = check(q, instant=False)
        if problems:
            failed += 1
            print(f"FAIL after the second push: {q}\n  " + "\n  ".join(problems[:3]))
            break
    else:
        passed += 1
print(f"e2e-remote-write: {len(queries)} queries; {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
