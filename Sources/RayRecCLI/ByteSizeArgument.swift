/// A size in bytes as Prometheus writes `body_size_limit` (its `units.Base2Bytes`): a number
/// with a unit, `B`, `KB`, `MB`, `GB`, `TB`, `PB` or `EB`, each a power of 1024, also spelt
/// `KiB`, `MiB` …; fractions and sums are allowed (`1.5MB`, `1GB512MB`); `0` alone means none.
/// `kB` (SI) is refused, as Prometheus refuses it.
enum ByteSizeArgument {
  /// The byte multiple of each unit.
  static let units: [String: Double] = {
    var units: [String: Double] = ["B": 1]
    var scale = 1.0
    for prefix in ["K", "M", "G", "T", "P", "E"] {
      scale *= 1024
      units[prefix + "B"] = scale
      units[prefix + "iB"] = scale
    }
    return units
  }()

  /// What a usage error says the value must look like.
  static let expected =
    "expected a size such as 64MiB or 10MB (units B, KB, MB, GB, TB, PB, EB, powers of 1024; KiB … too),"
    + " or 0 for no limit; less than 8EiB"

  /// The size in bytes; nil when `text` is no size or not below 2^63 bytes.
  static func bytes(_ text: String) -> Int? {
    if text == "0" { return 0 }
    var rest = Substring(text)
    var total = 0.0
    guard !rest.isEmpty else { return nil }
    while !rest.isEmpty {
      let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
      guard !number.isEmpty, number.filter({ $0 == "." }).count <= 1, number != ".",
        let value = Double(number.hasPrefix(".") ? "0" + number : number)
      else { return nil }
      rest = rest.dropFirst(number.count)
      let unit = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
      guard let scale = units[String(unit)] else { return nil }
      rest = rest.dropFirst(unit.count)
      total += value * scale
    }
    // A fraction of a byte is no size: rounding it to 0 would silently mean "no limit".
    guard total < 0x1p63, total == 0 || total >= 1 else { return nil }
    return Int(total)
  }
}
