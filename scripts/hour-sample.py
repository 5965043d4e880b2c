"""Builds "one hour of the real Ray head node" from the 5-minute sample: a dump directory
(`rayrec import` reads it) holding the sample's scrapes 12 times over, each copy shifted by the
sample's span plus one interval so the copies do not overlap. The files are symlinks.

Usage: python3 scripts/hour-sample.py SRC DST   (SRC: ../shared/samples/ray-2.60/scrapes)
"""
import os, sys

src, dst = sys.argv[1], sys.argv[2]
for target in os.listdir(src):
    files = sorted(f for f in os.listdir(os.path.join(src, target)) if f.endswith(".prom"))
    times = [int(f[:-5]) for f in files]
    if not times: continue
    # One more interval past the last scrape, so the copies do not overlap.
    span = times[-1] - times[0] + (times[1] - times[0] if len(times) > 1 else 15000)
    os.makedirs(os.path.join(dst, target))
    for k in range(12):
        for t in times:
            for ext in (".prom", ".headers"):
                p = os.path.join(src, target, f"{t}{ext}")
                if os.path.exists(p):
                    os.symlink(p, os.path.join(dst, target, f"{t + k * span}{ext}"))
