"""Dashboard loads and a load test against Prometheus and rayrec serve (run by scripts/bench-serve)."""
import atexit, concurrent.futures, gzip, csv, http.client, json, math, re, subprocess, sys, threading, time, urllib.parse

rayrec, recording, tsv, dashboard_file, work, pport, rport = sys.argv[1:8]
clients, seconds = int(sys.argv[8]), float(sys.argv[9])
processes = []


def start_server(argv, port):
    """Starts a server; (process, seconds from spawn until /-/ready answers 200)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=open(f"{work}/{port}.log", "w"))
    processes.append(proc)
    while time.perf_counter() - t0 < 600:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=1)
            conn.request("GET", "/-/ready")
            if conn.getresponse().status == 200:
                return proc, time.perf_counter() - t0
        except OSError:
            pass
        time.sleep(0.005)
    raise SystemExit(f"{argv[0]} did not get ready")


def stop_servers():
    for proc in processes:
        proc.terminate()
    for proc in processes:
        proc.wait(timeout=30)


atexit.register(stop_servers)
prom, pready = start_server(["prometheus", f"--config.file={work}/prometheus.yml", f"--storage.tsdb.path={work}/tsdb",
                             "--storage.tsdb.retention.time=100y", f"--web.listen-address=127.0.0.1:{pport}",
                             "--log.level=warn"], pport)
ours, rready = start_server([rayrec, "serve", recording, "--no-staleness", "--compat", "2", "--listen",
                             f"127.0.0.1:{rport}"], rport)
print(f"start to ready: prometheus {pready:.2f} s (on its backfilled blocks), rayrec serve {rready:.2f} s (reads the archive)")
servers = [("prometheus", f"http://127.0.0.1:{pport}", prom.pid), ("rayrec", f"http://127.0.0.1:{rport}", ours.pid)]
info = json.loads(subprocess.run([rayrec, "info", recording, "--json"], capture_output=True, check=True).stdout)
step = 15
start = math.floor(info["start_ms"] / 1000 / step) * step  # Grafana aligns the range to the step
end = math.floor(info["end_ms"] / 1000 / step) * step

dashboard = json.load(open(dashboard_file))
all_values = {}
variables = []  # (name, label, match) of label_values(...) variables, in order
for v in dashboard.get("templating", {}).get("list", []):
    if v.get("includeAll"):
        all_values[v["name"]] = v.get("allValue") or ".*"
    q = v.get("query")
    q = q.get("query", "") if isinstance(q, dict) else (q or "")
    m = re.fullmatch(r"\s*label_values\((.*),\s*(\w+)\)\s*", q)
    if v.get("type") == "query" and m:
        variables.append((v["name"], m.group(2), m.group(1)))


def interpolate(expr):
    expr = expr.replace("$__rate_interval", "1m").replace("$__interval", "15s").replace("$__range", "1h")
    return re.sub(r"\$\{?(\w+)\}?", lambda m: all_values.get(m.group(1), ".*"), expr)


panels = []
rows = csv.reader(open(tsv), delimiter="\t")
next(rows)
for row in rows:
    if row[0] == "default_grafana_dashboard.json":
        panels.append(" ".join(interpolate(row[-1]).split()))
print(f"dashboard: {len(variables)} variable queries, {len(panels)} panel queries, step {step}s, "
      f"{(end - start) // 60} minutes")

local = threading.local()


def request(base, method, path, params):
    """(seconds, HTTP status, body) of one request on this thread's keep-alive connection."""
    host = base.split("//", 1)[1]
    conns = getattr(local, "conns", None)
    if conns is None:
        conns = local.conns = {}
    body = urllib.parse.urlencode(params, doseq=True)
    for attempt in range(2):
        conn = conns.get(host) or http.client.HTTPConnection(host, timeout=120)
        conns[host] = conn
        t0 = time.perf_counter()
        try:
            # Grafana's data source asks for gzip; both servers compress.
            headers = {"Accept-Encoding": "gzip"}
            if method == "POST":
                headers["Content-Type"] = "application/x-www-form-urlencoded"
                conn.request("POST", path, body, headers)
            else:
                conn.request("GET", path + "?" + body, headers=headers)
            r = conn.getresponse()
            data = r.read()
            dt = time.perf_counter() - t0
            if r.getheader("Content-Encoding") == "gzip":
                data = gzip.decompress(data)
            return dt, r.status, data
        except (http.client.HTTPException, OSError):
            conn.close()
            conns.pop(host, None)
            if attempt:
                return time.perf_counter() - t0, 0, b""


def load(base):
    """One dashboard load: (total seconds, latencies, failures, panel answers)."""
    t0 = time.perf_counter()
    latencies, failures = [], 0
    for name, label, match in variables:
        params = {"match[]": interpolate(match), "start": start, "end": end}
        dt, status, _ = request(base, "GET", f"/api/v1/label/{label}/values", params)
        latencies.append(dt)
        failures += status != 200

    def panel(q):
        return request(base, "POST", "/api/v1/query_range", {"query": q, "start": start, "end": end, "step": step})

    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(panel, panels))
    for dt, status, _ in answers:
        latencies.append(dt)
        failures += status != 200
    return time.perf_counter() - t0, latencies, failures, [a[2] for a in answers]


def p99(values):
    values = sorted(values)
    return values[min(len(values) - 1, math.ceil(0.99 * len(values)) - 1)]


def rss(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM"):
            return int(line.split()[1]) // 1024
    return 0


def canon(body):
    try:
        d = json.loads(body)
    except ValueError:
        return None
    if d.get("status") != "success":
        return ("error", d.get("errorType"))
    return sorted((json.dumps(s["metric"], sort_keys=True), [(t, "%.9g" % float(v)) for t, v in s["values"]])
                  for s in d["data"]["result"])


results = {}
for name, base, pid in servers:
    load(base)  # warm-up (Prometheus's page cache, rayrec's first allocation)
    passes = [load(base) for _ in range(3)]
    results[name] = passes
    total = min(p[0] for p in passes)
    lat = [x for p in passes for x in p[1]]
    failed = sum(p[2] for p in passes)
    print(f"{name}: dashboard load {total:.3f} s (best of 3), p99 request {p99(lat) * 1000:.1f} ms, "
          f"p50 {sorted(lat)[len(lat) // 2] * 1000:.1f} ms, {failed} failed, peak RSS {rss(pid)} MB")


def curl_load(base, tag):
    """One dashboard load sent by curl (C, no interpreter lock): the variable requests in order,
    then every panel 6 in parallel on reused connections, as Grafana's Go proxy sends them.
    (total seconds, per-request seconds, failures, panel answers)."""
    def config(name, requests):
        path = f"{work}/curl-{tag}-{name}.cfg"
        with open(path, "w") as f:
            for i, (method, url, body, out) in enumerate(requests):
                if i:
                    f.write("next\n")
                f.write(f'url = "{url}"\ncompressed\nsilent\noutput = "{out}"\n')
                f.write('write-out = "%{http_code} %{time_total}\\n"\n')
                if method == "POST":
                    f.write(f'data = "{body}"\n')
        return path
    var_requests = [("GET", f"{base}/api/v1/label/{label}/values?" + urllib.parse.urlencode(
        {"match[]": interpolate(match), "start": start, "end": end}), None, "/dev/null")
        for _, label, match in variables]
    panel_requests = [("POST", f"{base}/api/v1/query_range", urllib.parse.urlencode(
        {"query": q, "start": start, "end": end, "step": step}), f"{work}/curl-{tag}-{i}.json")
        for i, q in enumerate(panels)]
    lines = []
    t0 = time.perf_counter()
    if var_requests:
        lines += subprocess.run(["curl", "-K", config("vars", var_requests)], capture_output=True,
                                text=True).stdout.split()
    lines += subprocess.run(["curl", "--parallel", "--parallel-max", "6", "-K", config("panels", panel_requests)],
                            capture_output=True, text=True).stdout.split()
    total = time.perf_counter() - t0
    codes, times = lines[0::2], [float(x) for x in lines[1::2]]
    answers = []
    for _, _, _, out in panel_requests:
        try:
            answers.append(open(out, "rb").read())
        except OSError:
            answers.append(b"")
    failures = sum(c != "200" for c in codes) + (len(var_requests) + len(panel_requests) - len(codes))
    return total, times, failures, answers


curl_results = {}
for name, base, pid in servers:
    curl_load(base, name)  # warm-up
    curl_results[name] = [curl_load(base, name) for _ in range(5)]
    passes = curl_results[name]
    lat = [x for p in passes for x in p[1]]
    print(f"{name} (curl client): dashboard load {min(p[0] for p in passes):.3f} s (best of 5), "
          f"p99 request {p99(lat) * 1000:.1f} ms, {sum(p[2] for p in passes)} failed")

(pname, _, _), (oname, _, _) = servers
theirs, ours = results[pname][0][3], results[oname][0][3]
same = sum(canon(a) == canon(b) for a, b in zip(theirs, ours))
print(f"agreement: {same}/{len(panels)} panel answers equal (values to 9 significant digits)")
pt, ot = min(p[0] for p in results[pname]), min(p[0] for p in results[oname])
plat = p99([x for p in results[pname] for x in p[1]])
olat = p99([x for p in results[oname] for x in p[1]])
print(f"ratio rayrec/prometheus (python client): dashboard load {ot / pt:.2f}, p99 latency {olat / plat:.2f}")
same = sum(canon(a) == canon(b) for a, b in zip(curl_results[pname][0][3], curl_results[oname][0][3]))
print(f"agreement (curl client): {same}/{len(panels)} panel answers equal")
pt, ot = min(p[0] for p in curl_results[pname]), min(p[0] for p in curl_results[oname])
plat = p99([x for p in curl_results[pname] for x in p[1]])
olat = p99([x for p in curl_results[oname] for x in p[1]])
print(f"ratio rayrec/prometheus (curl client): dashboard load {ot / pt:.2f}, p99 latency {olat / plat:.2f}")

# Load test against rayrec serve.
name, base, pid = servers[1]
stop_at = time.perf_counter() + seconds
counts = [0] * clients
errors = [0] * clients
lats = [[] for _ in range(clients)]


def client(i):
    k = i
    while time.perf_counter() < stop_at:
        q = panels[k % len(panels)]
        k += 1
        dt, status, _ = request(base, "POST", "/api/v1/query_range",
                                {"query": q, "start": end - 900, "end": end, "step": step})
        counts[i] += 1
        lats[i].append(dt)
        errors[i] += status != 200


threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
t0 = time.perf_counter()
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.perf_counter() - t0
total = sum(counts)
all_lat = [x for l in lats for x in l]
print(f"load: {clients} clients for {elapsed:.1f} s against {name}: {total} requests ({total / elapsed:.0f} req/s), "
      f"{sum(errors)} errors, p99 {p99(all_lat) * 1000:.0f} ms, peak RSS {rss(pid)} MB")
sys.exit(1 if sum(errors) else 0)
