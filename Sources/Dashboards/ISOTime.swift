import Basics

/// RFC 3339 UTC text for unix milliseconds (`2026-11-25T13:00:00.000Z`), as JavaScript's
/// `toISOString` writes it.
enum ISOTime {
  static func format(_ ms: Int64) -> String { RFC3339.format(ms, fraction: .always) }
}
