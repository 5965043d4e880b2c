"""Prints a dashboard's PromQL expressions, one a line, ready to run over a recording.

Usage: python3 scripts/dashboard-queries.py FILE [DASHBOARD_NAME]
FILE is Ray's exprs_by_panel.tsv (../shared/samples/ray-2.60/grafana; the rows of DASHBOARD_NAME,
default default_grafana_dashboard.json) or a Grafana dashboard JSON (every target's expr).
Grafana's variables become what its "All" and a 15s scrape interval give: $__rate_interval 1m,
$__interval 15s, $__range 5m, any other $var (or ${var}) the match-all regex .*
"""
import csv, json, re, sys


def runnable(expr):
    expr = expr.replace("$__rate_interval", "1m").replace("$__interval", "15s").replace("$__range", "5m")
    expr = re.sub(r"\$\{?\w+\}?", ".*", expr)
    return " ".join(expr.split())


def targets(panels):
    for panel in panels:
        yield from (t.get("expr", "") for t in panel.get("targets", []))
        yield from targets(panel.get("panels", []))


path = sys.argv[1]
name = sys.argv[2] if len(sys.argv) > 2 else "default_grafana_dashboard.json"
if path.endswith(".tsv"):
    rows = csv.reader(open(path), delimiter="\t")
    next(rows)
    exprs = [row[-1] for row in rows if row[0] == name]
else:
    exprs = list(targets(json.load(open(path)).get("panels", [])))
for expr in exprs:
    if expr.strip():
        print(runnable(expr))
