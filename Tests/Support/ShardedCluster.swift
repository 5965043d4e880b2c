/// A simulated Ray 2.60 cluster of exactly 200 scrape targets (the head's agent, autoscaler and
/// dashboard, and 197 workers' agents on 127.0.0.2 to 127.0.0.198), for tests that split its
/// recording among several `--shard` recorders. Two minutes at 10 s, with an actor crash loop, a
/// node leaving and an endpoint down, so frames differ from one another and some fail.
public enum ShardedCluster {
  /// The number of targets the scenario has.
  public static let targetCount = 200

  /// The scenario text.
  public static let scenario = """
    scenario "200 targets, recorded in shards"
    cluster sharded
    profile ray-2.60
    seed 7
    start 2026-11-25T12:00:00Z
    duration 2m
    interval 10s

    node head 127.0.0.1 head cpus=16 memory=64GiB object-store=16GiB
    nodes worker 197 127.0.0.2+ cpus=16 memory=64GiB object-store=16GiB

    actor Serve on worker1 count=4 task-time=20ms calls=50/s
    task etl rate=300/s duration=3s failures=0.5%

    at 30s actor Serve crash-loop every 20s for 1m
    at 40s node worker50 leave for 30s
    at 50s fault worker7 down for 20s

    """
}
