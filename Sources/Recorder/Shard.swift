import Digest

/// Shard `index` of `count`: the targets a recorder of several takes, split exactly as
/// Prometheus splits them with this relabel rule, so a fleet of recorders and a fleet of
/// Prometheus servers sharded the same way scrape the same targets:
///
/// ```yaml
/// - source_labels: [__address__]
///   modulus: COUNT
///   target_label: __tmp_hash
///   action: hashmod
/// - source_labels: [__tmp_hash]
///   regex: INDEX
///   action: keep
/// ```
///
/// `__address__` is the target's `host:port` as listed (a `--target`'s, a file_sd entry's, a
/// scenario node's address and port), the same text the `instance` label shows.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
  /// Which shard, from 0 to `count - 1`.
  public let index: UInt64
  /// How many shards the targets are split into (Prometheus's `modulus`), at least 1.
  public let count: UInt64

  /// The shard; `index` must be below `count`.
  public init(index: UInt64, count: UInt64) throws(RecorderError) {
    try Self.check(index: index, count: count, text: "\(index)/\(count)")
    self.init(checked: index, count)
  }

  private init(checked index: UInt64, _ count: UInt64) {
    self.index = index
    self.count = count
  }

  /// Parses `I/N`, both whole decimal numbers (`0/4` is the first of four shards).
  public static func parse(_ text: String) throws(RecorderError) -> Shard {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    func number(_ part: Substring) -> UInt64? {
      // Digits only: UInt64("+1") would take a sign, and " 1" is a typo worth naming.
      guard !part.isEmpty, part.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
      return UInt64(part)
    }
    guard parts.count == 2, let index = number(parts[0]), let count = number(parts[1]) else {
      throw .invalidShard(
        text, "expected I/N with whole numbers 0 <= I < N, e.g. 0/4 (the first of 4 shards)")
    }
    // Checked against the text as given, so the error quotes what the user wrote.
    try check(index: index, count: count, text: text)
    return Shard(checked: index, count)
  }

  private static func check(index: UInt64, count: UInt64, text: String) throws(RecorderError) {
    guard count >= 1 else { throw .invalidShard(text, "N must be at least 1") }
    guard index < count else {
      throw .invalidShard(
        text, "I must be less than N (the shards of \(count) are 0/\(count) to \(count - 1)/\(count))")
    }
  }

  /// Prometheus's `hashmod`: the last 8 bytes of the MD5 of `value`, as a big-endian integer,
  /// modulo `modulus` (model/relabel/relabel.go).
  public static func hashmod(_ value: String, modulus: UInt64) -> UInt64 {
    let digest = MD5.hash(Array(value.utf8))
    let tail = digest[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    return tail % modulus
  }

  /// Whether the target at `address` (`host:port`) belongs to this shard.
  public func contains(address: String) -> Bool {
    Self.hashmod(address, modulus: count) == index
  }

  /// `I/N`.
  public var description: String { "\(index)/\(count)" }

  /// Why a shard holds nothing, for an error or warning: how many addresses there were and, for
  /// a few of them, the shard each falls in, so the user sees the split is not a bug.
  public func emptyReason(addresses: [String]) -> String {
    guard !addresses.isEmpty else { return "shard \(self): no targets are listed at all" }
    let shown = addresses.prefix(4).map { "\($0) is in \(Self.hashmod($0, modulus: count))/\(count)" }
    let more = addresses.count > shown.count ? ", ..." : ""
    let none =
      addresses.count == 1 ? "does not take the one target" : "takes none of the \(addresses.count) targets"
    return
      "shard \(self) (Prometheus's hashmod of host:port) \(none) (\(shown.joined(separator: ", "))\(more))"
  }
}
