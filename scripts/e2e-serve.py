"""Compares `rayrec serve` with a real Prometheus on the same samples (run by scripts/e2e-serve)."""
import datetime, gzip, json, os, subprocess, sys, urllib.error, urllib.parse, urllib.request

rayrec, recording, prom_url, ours_url, grafana_file = sys.argv[1:6]
info = json.loads(subprocess.run([rayrec, "info", recording, "--json"], capture_output=True, check=True).stdout)
start, end = info["start_ms"] / 1000, info["end_ms"] / 1000
mid = round((start + end) / 2, 3)
s0 = int(start) + 1  # whole seconds inside the recording, as Grafana sends them
e0 = int(end)


def rfc3339(seconds):
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def fetch(base, method, path, params, raw=None):
    """(HTTP status, parsed JSON or text) of one request."""
    body = None
    url = base + path
    if raw is not None:
        url += raw
    elif method == "GET" and params:
        url += "?" + urllib.parse.urlencode(params, doseq=True)
    elif params:
        body = urllib.parse.urlencode(params, doseq=True).encode()
    req = urllib.request.Request(url, data=body, method=method, headers={"Accept-Encoding": "gzip"})
    if body is not None:
        req.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            status, data, enc = r.status, r.read(), r.headers.get("Content-Encoding")
    except urllib.error.HTTPError as e:
        status, data, enc = e.code, e.read(), e.headers.get("Content-Encoding")
    if enc == "gzip":
        data = gzip.decompress(data)
    try:
        return status, json.loads(data)
    except ValueError:
        return status, data.decode(errors="replace")


def canon(x):
    """Order-insensitive form: lists sorted, numbers in strings to 12 significant digits."""
    if isinstance(x, dict):
        return {k: canon(v) for k, v in x.items()}
    if isinstance(x, list):
        items = [canon(v) for v in x]
        # A sample point [time, "value"] keeps its order; everything else is a set.
        if len(items) == 2 and isinstance(items[0], (int, float)) and isinstance(items[1], str):
            return items
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(x, float):
        return float("%.12g" % x)
    if isinstance(x, str):
        try:
            f = float(x)
            if f == f and f not in (float("inf"), float("-inf")):
                return "%.12g" % f
        except ValueError:
            pass
    return x


EXPORT_LACKS = {"scrape_samples_post_metric_relabeling", "scrape_series_added"}


def compare(mode, p, o):
    (ps, pj), (os_, oj) = p, o
    if ps != os_:
        return f"HTTP {ps} vs ours {os_}: {str(pj)[:160]} | {str(oj)[:160]}"
    if mode == "status":
        return None
    if mode == "text":
        return None if pj == oj else f"{pj!r} vs ours {oj!r}"
    if not isinstance(pj, dict) or not isinstance(oj, dict):
        return f"not JSON: {str(pj)[:100]} | {str(oj)[:100]}"
    if pj.get("status") != oj.get("status"):
        return f"status {pj.get('status')} vs {oj.get('status')}"
    if pj.get("status") == "error":
        if (pj.get("errorType"), pj.get("error")) != (oj.get("errorType"), oj.get("error")):
            return f"{pj.get('errorType')}: {pj.get('error')} | ours {oj.get('errorType')}: {oj.get('error')}"
        return None
    pd, od = pj.get("data"), oj.get("data")
    if mode == "shape":
        return None if type(pd) == type(od) else f"data {type(pd).__name__} vs {type(od).__name__}"
    if mode == "keys":
        if type(pd) != type(od) or (isinstance(pd, dict) and set(pd) != set(od)):
            return f"keys {sorted(pd) if isinstance(pd, dict) else pd} vs {sorted(od) if isinstance(od, dict) else od}"
        return None
    if isinstance(pd, list) and isinstance(od, list) and all(isinstance(v, str) for v in pd + od):
        # `rayrec export` writes up, scrape_duration_seconds and scrape_samples_scraped only, so the
        # backfilled Prometheus lacks these two scrape series that rayrec serves (as a live one has).
        od = [v for v in od if v not in EXPORT_LACKS or v in pd]
        a, b = sorted(set(pd) - set(od)), sorted(set(od) - set(pd))
        if a or b or len(pd) != len(od):
            return f"{len(pd)} vs ours {len(od)} values; only Prometheus: {a[:5]}; only ours: {b[:5]}"
        return None
    if canon(pd) != canon(od):
        return f"data differ: {json.dumps(pd)[:200]} | ours {json.dumps(od)[:200]}"
    return None


R = []  # (what, mode, method, path, params, raw)


def add(what, mode, method, path, params=None, raw=None):
    R.append((what, mode, method, path, params or {}, raw))


queries = ["up", "count(up)", "sum(up) by (instance)", "scrape_samples_scraped", "sum(ray_tasks) by (State)",
           "topk(3, ray_tasks)", "quantile(0.9, ray_tasks)", 'ray_tasks{State=~"FIN.*|FAILED"}',
           "sum by (Method) (rate(ray_grpc_server_req_finished_total[1m]))", "time()", '"a string"',
           "histogram_quantile(0.9, sum by (le) (rate(ray_operation_run_time_ms_bucket[1m])))"]
for q in queries:
    add(f"instant {q}", "exact", "GET", "/api/v1/query", {"query": q, "time": mid})
for q in queries[:6]:
    add(f"instant POST {q}", "exact", "POST", "/api/v1/query", {"query": q, "time": e0})
for q in queries[:9]:
    add(f"range {q}", "exact", "GET", "/api/v1/query_range", {"query": q, "start": s0, "end": e0, "step": 15})
add("range, POST, step as a duration", "exact", "POST", "/api/v1/query_range",
    {"query": "sum(ray_tasks)", "start": s0, "end": e0, "step": "30s"})
add("range, RFC 3339 times", "exact", "GET", "/api/v1/query_range",
    {"query": "count(up)", "start": rfc3339(s0), "end": rfc3339(e0) .replace("Z", "+00:00"), "step": "1m"})
add("range of a scalar", "exact", "GET", "/api/v1/query_range", {"query": "1+1", "start": s0, "end": e0, "step": 20})
# Errors.
add("parse error", "exact", "GET", "/api/v1/query", {"query": "sum(", "time": mid})
add("parse error, range", "exact", "GET", "/api/v1/query_range", {"query": "up{", "start": s0, "end": e0, "step": 15})
add("bad time", "exact", "GET", "/api/v1/query", {"query": "up", "time": "yesterday"})
add("empty start", "exact", "GET", "/api/v1/query_range", {"query": "up", "start": "", "end": e0, "step": 15})
add("end before start", "exact", "GET", "/api/v1/query_range", {"query": "up", "start": e0, "end": s0, "step": 15})
add("zero step", "exact", "GET", "/api/v1/query_range", {"query": "up", "start": s0, "end": e0, "step": 0})
add("bad step", "exact", "GET", "/api/v1/query_range", {"query": "up", "start": s0, "end": e0, "step": "fast"})
add("11,000 points", "exact", "GET", "/api/v1/query_range", {"query": "up", "start": 0, "end": 11001, "step": 1})
add("range vector in a range query", "exact", "GET", "/api/v1/query_range",
    {"query": "up[5m]", "start": s0, "end": e0, "step": 15})
add("bad timeout", "exact", "GET", "/api/v1/query", {"query": "up", "time": mid, "timeout": "soon"})
add("type error", "exact", "GET", "/api/v1/query", {"query": 'rate(up)', "time": mid})
add("series without match[]", "exact", "GET", "/api/v1/series", {})
add("series, bad selector", "exact", "GET", "/api/v1/series", {"match[]": "up{"})
add("bad label name", "exact", "GET", "/api/v1/label/0bad/values", {})
add("rules, bad type", "keys", "GET", "/api/v1/rules", {"type": "bogus"})
# Series, labels, values.
add("series up", "exact", "GET", "/api/v1/series", {"match[]": "up"})
add("series, two selectors", "exact", "POST", "/api/v1/series",
    {"match[]": ["up", 'ray_tasks{State="RUNNING"}'], "start": s0 - 60, "end": e0 + 60})
add("labels", "exact", "GET", "/api/v1/labels", {})
add("labels, POST with match[]", "exact", "POST", "/api/v1/labels", {"match[]": "ray_tasks"})
add("values of job", "exact", "GET", "/api/v1/label/job/values", {})
add("values of __name__, empty start and end", "exact", "GET", "/api/v1/label/__name__/values", {"start": "", "end": ""})
add("values with two selectors", "exact", "GET", "/api/v1/label/instance/values", {"match[]": ["up", "ray_tasks"]})
add("values of an absent label", "exact", "GET", "/api/v1/label/nothing_here/values", {})
# Other query endpoints.
add("format_query", "exact", "GET", "/api/v1/format_query", {"query": "sum(rate(x[5m]))by(job)"})
add("format_query POST", "exact", "POST", "/api/v1/format_query", {"query": "a  +  on(b)  c"})
add("exemplars", "exact", "GET", "/api/v1/query_exemplars", {"query": "up", "start": s0, "end": e0})
add("exemplars without a selector", "status", "GET", "/api/v1/query_exemplars", {"query": "1"})
# Routing.
add("POST to a GET-only endpoint", "status", "POST", "/api/v1/label/job/values", {"x": "1"})
add("POST to targets", "status", "POST", "/api/v1/targets", {"x": "1"})
add("unknown API path", "status", "GET", "/api/v1/nothing", {})
add("healthy", "text", "GET", "/-/healthy", {})
add("ready", "text", "GET", "/-/ready", {})
# Endpoints a backfilled Prometheus has nothing for: status and keys.
for path in ["targets", "rules", "alerts", "status/config", "status/runtimeinfo", "status/buildinfo", "status/tsdb"]:
    add(path, "keys", "GET", "/api/v1/" + path, {})
for path in ["metadata", "status/flags"]:
    add(path, "shape", "GET", "/api/v1/" + path, {})

times = {"${start}": str(s0), "${end}": str(e0), "${mid}": str(int(mid))}
for g in json.load(open(grafana_file))["requests"]:
    params = {}
    for k, v in g["params"].items():
        for key, t in times.items():
            v = v.replace(key, t)
        params[k] = v
    add("grafana: " + g["what"], g["compare"], g["method"], g["path"], params)

# With GOLDEN_OUT set, Prometheus's answers to the Grafana list are written there (the Swift test
# GrafanaRequestsTests compares rayrec's answers with them without a Prometheus at hand).
golden_out = os.environ.get("GOLDEN_OUT")
if golden_out:
    golden = {}
    for what, mode, method, path, params, raw in R:
        if what.startswith("grafana: ") and mode == "exact":
            golden[what[len("grafana: "):]] = fetch(prom_url, method, path, params, raw)[1]
    with open(golden_out, "w") as f:
        json.dump({"about": "Prometheus 2.42's answers to scripts/grafana-requests.json over "
                   "recordings/ray-2.60-workload.rayrec (backfilled), written by GOLDEN_OUT=... scripts/e2e-serve",
                   "answers": golden}, f, indent=1, sort_keys=True)
        f.write("\n")

passed = failed = 0
for what, mode, method, path, params, raw in R:
    d = compare(mode, fetch(prom_url, method, path, params, raw), fetch(ours_url, method, path, params, raw))
    if d:
        failed += 1
        print(f"FAIL {what} ({method} {path})\n  {d}")
    else:
        passed += 1


def promtool(base, args):
    p = subprocess.run(["promtool", "query", *args[:1], base, *args[1:]], capture_output=True, text=True, timeout=60)
    return p.returncode, sorted(p.stdout.splitlines()), p.stderr.strip()[:200]


tools = [
    ["instant", "--time", str(mid), "sum(ray_tasks) by (State)"],
    ["instant", "--time", str(e0), "up"],
    ["instant", "--time", str(mid), "count(scrape_duration_seconds)"],
    ["range", "--start", str(s0), "--end", str(e0), "--step", "30s", "sum(up)"],
    ["range", "--start", str(s0), "--end", str(e0), "--step", "15s", "sum by (State) (ray_tasks)"],
    ["series", "--match", "up", "--start", str(s0), "--end", str(e0)],
    ["series", "--match", 'ray_tasks{State="FINISHED"}'],
    ["labels", "job"],
    ["labels", "--match", "ray_tasks", "State"],
]
for args in tools:
    p, o = promtool(prom_url, args), promtool(ours_url, args)
    if p != o:
        failed += 1
        print(f"FAIL promtool query {' '.join(args)}\n  {p[1][:3]} {p[2]} | ours {o[1][:3]} {o[2]}")
    elif not p[1] or p[0] != 0:
        failed += 1
        print(f"FAIL promtool query {' '.join(args)}: no output ({p[2]})")
    else:
        passed += 1
# rayrec alone: a query past its timeout answers 503 within the timeout plus one second, and
# malformed requests get errors while serving goes on.
import socket, time
heavy = {"query": "sum(count_over_time({__name__=~\".+\"}[30d:1m]))", "time": e0, "timeout": "1s"}
t0 = time.perf_counter()
status, answer = fetch(ours_url, "GET", "/api/v1/query", heavy)
elapsed = time.perf_counter() - t0
if status == 503 and isinstance(answer, dict) and answer.get("errorType") == "timeout" and elapsed < 2.0:
    passed += 1
else:
    failed += 1
    print(f"FAIL timeout: HTTP {status} after {elapsed:.2f} s: {str(answer)[:160]}")
host, port = ours_url.split("//")[1].split(":")
bad = [b"BLAH\r\n\r\n", b"GET /api/v1/query?query=%zz HTTP/1.1\r\nHost: x\r\n\r\n", b"\x00\xff\r\n\r\n",
       b"GET /" + b"a" * 300000 + b" HTTP/1.1\r\n\r\n"]
answers = []
for raw in bad:
    with socket.create_connection((host, int(port)), timeout=10) as s:
        try:
            s.sendall(raw)
            answers.append(s.recv(64).split(b" ")[1])
        except OSError as e:
            answers.append(str(e).encode())
status, answer = fetch(ours_url, "GET", "/api/v1/query", {"query": "up", "time": e0})
if status == 200 and all(a in (b"400", b"414") for a in answers[:2] + answers[3:]):
    passed += 1
else:
    failed += 1
    print(f"FAIL malformed requests: {answers}, then HTTP {status}")
print(f"e2e-serve: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
