import Archive
import Simulator
import TestSupport
import Testing

@testable import Recorder

/// `--shard I/N` splits targets exactly as Prometheus's `hashmod` relabel action does.
@Suite(.timeLimit(.minutes(2)))
struct ShardTests {
  @Test(arguments: [("0/1", 0, 1), ("0/4", 0, 4), ("3/4", 3, 4), ("17/100", 17, 100)])
  func shardsAreWrittenIOverN(_ text: String, _ index: UInt64, _ count: UInt64) throws {
    let shard = try Shard.parse(text)
    #expect(shard.index == index && shard.count == count)
    #expect(shard.description == text)
  }

  @Test(arguments: [
    ("4/4", "I must be less than N (the shards of 4 are 0/4 to 3/4)"),
    ("0/0", "N must be at least 1"),
    ("1", "expected I/N"), ("", "expected I/N"), ("1/", "expected I/N"), ("/4", "expected I/N"),
    ("-1/4", "expected I/N"), ("+1/4", "expected I/N"), (" 1/4", "expected I/N"), ("1/4/2", "expected I/N"),
    ("a/b", "expected I/N"), ("1/99999999999999999999", "expected I/N"),
  ])
  func anythingButIOverNWithIBelowNIsRefusedSayingWhy(_ text: String, _ why: String) {
    #expect {
      try Shard.parse(text)
    } throws: { error in
      guard case .invalidShard(let given, let message) = error as? RecorderError else { return false }
      return given == text && message.hasPrefix(why)
    }
  }

  /// The values Prometheus's hashmod gives, computed independently with Python:
  /// `struct.unpack(">Q", hashlib.md5(address.encode()).digest()[8:])[0]`, then `% 4`.
  @Test(arguments: [
    ("127.0.0.1:8080", 12_398_641_385_235_045_098 as UInt64, 2 as UInt64),
    ("127.0.0.1:44217", 6_384_257_867_298_885_673, 1),
    ("127.0.0.1:44227", 14_165_387_135_058_463_013, 1),
    ("127.0.0.6:8080", 6_435_654_512_851_543_176, 0),
    ("10.0.0.1:9100", 5_548_061_184_049_187_645, 1),
    ("node-1.example.com:8080", 7_645_962_197_635_452_202, 2),
    ("[::1]:9090", 18_003_078_353_716_740_875, 3),
  ])
  func hashmodIsTheLastEightBytesOfTheMD5BigEndianModuloN(
    _ address: String, _ tail: UInt64, _ modFour: UInt64
  ) {
    // Modulo 2^64 - 1 keeps every 64-bit value below it whole: the exact bytes and their order.
    #expect(Shard.hashmod(address, modulus: .max) == tail)
    #expect(Shard.hashmod(address, modulus: 4) == modFour)
    #expect(Shard.hashmod(address, modulus: 1) == 0)
  }

  @Test func fourShardsPartitionTheTwoHundredTargetsOfAClusterAsPrometheusWould() throws {
    let simulation = Simulation(scenario: try Scenario.parse(ShardedCluster.scenario, file: "sharded.scn"))
    #expect(simulation.targets.count == ShardedCluster.targetCount)
    var recorder = ScenarioRecorder(simulation: simulation, recorderVersion: "test")
    var taken: [[String]] = []
    for index: UInt64 in 0..<4 {
      recorder.shard = try Shard(index: index, count: 4)
      taken.append(recorder.recordedTargets.map(\.instance))
      #expect(recorder.archiveTargets.map(\.instance) == taken.last)
    }
    // Python over the same 200 addresses: [hashmod(a, 4) for a in addresses].count(i).
    #expect(taken.map(\.count) == [51, 56, 44, 49])
    // The addresses are distinct, so equal sorted lists mean each is in exactly one shard.
    let all = simulation.targets.map(\.instance)
    #expect(Set(all).count == all.count)
    #expect(taken.flatMap { $0 }.sorted() == all.sorted())
    #expect(taken[2].contains("127.0.0.1:8080") && taken[1].contains("127.0.0.1:44217"))
    #expect(taken[0].contains("127.0.0.6:8080"))
  }
}
