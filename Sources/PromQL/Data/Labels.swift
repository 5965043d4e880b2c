import Basics
import Foundation

/// One label: a name and a value.
public struct Label: Hashable, Sendable {
  /// The name.
  public var name: String
  /// The value.
  public var value: String

  /// Creates the value from its parts.
  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}

/// A label set: name/value pairs sorted by name (byte order), names unique.
///
/// Equality and hashing compare bytes, as Prometheus does (Swift's `String ==` would treat
/// canonically equivalent Unicode as equal); a precomputed fingerprint makes unequal sets cheap to
/// tell apart and hashing O(1).
public struct Labels: Hashable, Sendable, RandomAccessCollection, CustomStringConvertible {
  /// The pairs, sorted by name.
  public let pairs: [Label]
  /// A 64-bit FNV-1a hash of all names and values.
  public let fingerprint: UInt64

  /// The empty label set.
  public static let empty = Labels(sortedUnique: [])

  /// Labels from name/value pairs in any order; for a repeated name the last value wins.
  public init(_ pairs: [(name: String, value: String)]) {
    var byName: [String: String] = [:]
    for (name, value) in pairs { byName[name] = value }
    self.init(byName)
  }

  /// Labels from a dictionary.
  public init(_ dictionary: [String: String]) {
    let sorted = dictionary.map { Label(name: $0.key, value: $0.value) }
      .sorted { Labels.precedes($0.name, $1.name) }
    self.init(sortedUnique: sorted)
  }

  /// Labels from pairs already sorted by name with unique names (not checked).
  public init(sortedUnique pairs: [Label]) {
    self.pairs = pairs
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ string: String, _ separator: UInt64) {
      var string = string
      string.withUTF8 { bytes in
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
      }
      hash = (hash ^ separator) &* 0x100_0000_01b3
    }
    for label in pairs {
      mix(label.name, 0xFF)
      mix(label.value, 0xFE)
    }
    fingerprint = hash
  }

  static func precedes(_ lhs: String, _ rhs: String) -> Bool {
    var lhs = lhs
    var rhs = rhs
    return lhs.withUTF8 { left in
      rhs.withUTF8 { right in
        let common = Swift.min(left.count, right.count)
        if common > 0 {
          let order = memcmp(left.baseAddress!, right.baseAddress!, common)
          if order != 0 { return order < 0 }
        }
        return left.count < right.count
      }
    }
  }

  /// Byte equality (not Unicode canonical equivalence, which `String ==` tests).
  static func sameBytes(_ lhs: String, _ rhs: String) -> Bool {
    var lhs = lhs
    var rhs = rhs
    return lhs.withUTF8 { left in
      rhs.withUTF8 { right in
        left.count == right.count
          && (left.count == 0 || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
      }
    }
  }

  /// Index of the first pair.
  public var startIndex: Int { pairs.startIndex }
  /// Index past the last pair.
  public var endIndex: Int { pairs.endIndex }
  /// The pair at `position`.
  public subscript(position: Int) -> Label { pairs[position] }

  /// The value of label `name`, or nil.
  public subscript(name: String) -> String? {
    var low = 0
    var high = pairs.count
    while low < high {
      let middle = (low + high) / 2
      let candidate = pairs[middle].name
      if Labels.sameBytes(candidate, name) { return pairs[middle].value }
      if Labels.precedes(candidate, name) { low = middle + 1 } else { high = middle }
    }
    return nil
  }

  /// The value of `__name__`, if any.
  public var metricName: String? { self[LabelMatcher.metricNameLabel] }

  /// These labels without the named ones.
  public func removing(_ names: Set<String>) -> Labels {
    Labels(sortedUnique: pairs.filter { !names.contains($0.name) })
  }

  /// Only the named labels.
  public func keeping(_ names: Set<String>) -> Labels {
    Labels(sortedUnique: pairs.filter { names.contains($0.name) })
  }

  /// These labels with `name` set to `value` (removed when `value` is empty, as in Prometheus).
  public func setting(_ name: String, to value: String) -> Labels {
    var result = pairs.filter { !Labels.sameBytes($0.name, name) }
    if !value.isEmpty {
      let index = result.firstIndex { Labels.precedes(name, $0.name) } ?? result.count
      result.insert(Label(name: name, value: value), at: index)
    }
    return Labels(sortedUnique: result)
  }

  /// `{__name__="up", job="a"}`, as Prometheus prints a label set.
  public var description: String {
    "{"
      + pairs.map {
        (LabelMatcher.isLegacyName($0.name) ? $0.name : GoQuote.quote($0.name)) + "="
          + GoQuote.quote($0.value)
      }
      .joined(separator: ", ") + "}"
  }

  public static func == (lhs: Labels, rhs: Labels) -> Bool {
    guard lhs.fingerprint == rhs.fingerprint, lhs.pairs.count == rhs.pairs.count else { return false }
    // A range query meets the same label set at every step, usually as the same array.
    if lhs.pairs.sharesBuffer(with: rhs.pairs) { return true }
    for (left, right) in zip(lhs.pairs, rhs.pairs) {
      guard sameBytes(left.name, right.name), sameBytes(left.value, right.value) else { return false }
    }
    return true
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(fingerprint)
  }

  /// Orders label sets as Prometheus sorts series: pair by pair, names then values, in byte order.
  public static func precedes(_ lhs: Labels, _ rhs: Labels) -> Bool {
    for (left, right) in zip(lhs.pairs, rhs.pairs) {
      if !sameBytes(left.name, right.name) { return precedes(left.name, right.name) }
      if !sameBytes(left.value, right.value) { return precedes(left.value, right.value) }
    }
    return lhs.pairs.count < rhs.pairs.count
  }
}
