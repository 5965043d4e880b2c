"""A small Ray workload that exercises what the dashboards show: tasks (some failing on purpose),
an actor that crashes and restarts, object-store pressure with spilling, and worker-killing tasks.
Run against a running head node: python ray-workload.py ADDRESS SECONDS"""
import os
import sys
import time

import ray

address, seconds = sys.argv[1], float(sys.argv[2])
ray.init(address=address, logging_level="ERROR")
deadline = time.time() + seconds


@ray.remote
def work(i):
    time.sleep(0.05)
    if i % 4 == 0:
        raise ValueError(f"task {i} fails on purpose")
    return i


@ray.remote
def die():
    os._exit(1)


@ray.remote(max_restarts=-1, max_task_retries=0)
class Fragile:
    def __init__(self):
        self.calls = 0

    def poke(self):
        self.calls += 1
        if self.calls % 3 == 0:
            os._exit(1)
        return self.calls


actor = Fragile.remote()
held = []
round_ = 0
while time.time() < deadline:
    round_ += 1
    refs = [work.remote(i) for i in range(40)]
    for r in refs:
        try:
            ray.get(r)
        except Exception:
            pass
    for _ in range(3):
        try:
            ray.get(actor.poke.remote(), timeout=30)
        except Exception:
            time.sleep(0.5)
    # About 50 MB a round, held so the store fills and spills, released now and then.
    held.append(ray.put(os.urandom(50 * 1024 * 1024)))
    if len(held) > 8:
        held = held[-2:]
    if round_ % 5 == 0:
        try:
            ray.get(die.remote())
        except Exception:
            pass
    time.sleep(1)
print(f"workload: {round_} rounds")
