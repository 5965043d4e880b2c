/// Fast paths over long stretches of ordinary characters, so big scalars and comments cost one tight
/// loop per run instead of the general per-character machinery.
extension Scanner {
  /// What ends a run.
  enum RunKind {
    /// Plain scalar text in block context: blanks, breaks, `:`.
    case plainBlock
    /// Plain scalar text in flow context: also `,[]{}`.
    case plainFlow
    /// Single-quoted text: blanks, breaks, `'`.
    case singleQuoted
    /// Double-quoted text: blanks, breaks, `"`, `\`.
    case doubleQuoted
    /// The rest of a line (block scalar content, comments).
    case line
  }

  /// Appends the characters from the mark up to the first that ends a `kind` run, and moves past them.
  mutating func copyRun(_ kind: RunKind, into out: inout [UInt8]) {
    let start = mark.index
    let (end, columns) = runEnd(kind)
    if end > start { out.append(contentsOf: bytes[start..<end]) }
    mark.index = end
    mark.column &+= columns
  }

  /// Moves past the characters from the mark up to the first that ends a `kind` run.
  mutating func skipRun(_ kind: RunKind) {
    let (end, columns) = runEnd(kind)
    mark.index = end
    mark.column &+= columns
  }

  /// Where the run starting at the mark ends, and how many characters it holds. Bytes 0xC2 and 0xE2
  /// end every run, as they may start NEL, LS or PS breaks.
  private func runEnd(_ kind: RunKind) -> (Int, Int) {
    let start = mark.index
    var columns = 0
    let end: Int = bytes.withUnsafeBufferPointer { buffer in
      var i = start
      let count = buffer.count
      switch kind {
      case .plainBlock:
        while i < count {
          let c = buffer[i]
          if c <= 0x20 || c == 0x3A || c == 0xC2 || c == 0xE2 { break }
          if c & 0xC0 != 0x80 { columns &+= 1 }
          i &+= 1
        }
      case .plainFlow:
        while i < count {
          let c = buffer[i]
          if c <= 0x20 || c == 0x3A || c == 0xC2 || c == 0xE2 || c == 0x2C || c == 0x5B || c == 0x5D
            || c == 0x7B || c == 0x7D
          {
            break
          }
          if c & 0xC0 != 0x80 { columns &+= 1 }
          i &+= 1
        }
      case .singleQuoted:
        while i < count {
          let c = buffer[i]
          if c <= 0x20 || c == 0x27 || c == 0xC2 || c == 0xE2 { break }
          if c & 0xC0 != 0x80 { columns &+= 1 }
          i &+= 1
        }
      case .doubleQuoted:
        while i < count {
          let c = buffer[i]
          if c <= 0x20 || c == 0x22 || c == 0x5C || c == 0xC2 || c == 0xE2 { break }
          if c & 0xC0 != 0x80 { columns &+= 1 }
          i &+= 1
        }
      case .line:
        while i < count {
          let c = buffer[i]
          if c == 0x0A || c == 0x0D || c == 0xC2 || c == 0xE2 { break }
          if c & 0xC0 != 0x80 { columns &+= 1 }
          i &+= 1
        }
      }
      return i
    }
    return (end, columns)
  }
}
