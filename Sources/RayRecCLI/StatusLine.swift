import Glibc

/// A live status line on standard error: redrawn in place, cut to the terminal's width so it
/// never wraps (a wrapped line cannot be redrawn and leaves a stale copy per update).
enum LiveLine {
  /// Columns of the terminal on standard error (80 when it cannot be asked).
  static func width() -> Int {
    var size = winsize()
    guard ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
  }

  /// `line` cut to fit `width` columns, leaving the last one free (some terminals wrap when a
  /// line fills it), with `…` where it was cut.
  static func fit(_ line: String, width: Int) -> String {
    let room = max(1, width - 1)
    guard line.count > room else { return line }
    return String(line.prefix(max(0, room - 1))) + "…"
  }

  /// Redraws the line in place.
  static func draw(_ line: String) {
    let text = "\r\u{1B}[K" + fit(line, width: width())
    _ = text.withCString { write(2, $0, strlen($0)) }
  }

  /// Clears the line.
  static func clear() { _ = "\r\u{1B}[K".withCString { write(2, $0, strlen($0)) } }
}
