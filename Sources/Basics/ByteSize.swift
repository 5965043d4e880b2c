import Foundation

/// Byte counts as the live lines and summaries print them: `512 B`, `1.5 KiB`, `3.2 MiB`, `1.1 GiB`.
public enum ByteSize {
  /// `n` bytes in the largest binary unit it reaches, one decimal.
  public static func format(_ n: Int) -> String {
    if n >= 1 << 30 { return String(format: "%.1f GiB", Double(n) / Double(1 << 30)) }
    if n >= 1 << 20 { return String(format: "%.1f MiB", Double(n) / Double(1 << 20)) }
    if n >= 1 << 10 { return String(format: "%.1f KiB", Double(n) / Double(1 << 10)) }
    return "\(n) B"
  }
}
