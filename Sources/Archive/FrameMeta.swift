/// Frame meta data that travels compressed in part A: content type, failure text, headers.
///
/// Two header values that change with every scrape are stored as predictions when (and only
/// when) the prediction renders the exact received text: a `Content-Length` equal to the body
/// length, and a `Date` within a few seconds of the frame time.
struct FrameMeta {
  var contentType: String
  var message: String
  var headers: [Frame.HeaderField]

  /// How a header value is stored.
  enum ValueKind: UInt8 {
    /// The value's bytes follow.
    case literal = 0
    /// The decimal body length.
    case bodyLength = 1
    /// An IMF-fixdate (`Wed, 25 Nov 2026 11:44:05 GMT`) of the frame's second plus a zigzag
    /// varint offset in seconds.
    case httpDate = 2
  }

  func encode(into writer: inout ByteWriter, bodyLength: Int, timeMs: Int64) {
    writer.string(contentType)
    writer.string(message)
    writer.varint(headers.count)
    let frameSecond = timeMs.dividedFloor(by: 1000)
    for field in headers {
      writer.string(field.name)
      if field.value == String(bodyLength) {
        writer.u8(ValueKind.bodyLength.rawValue)
      } else if let second = HTTPDate.parse(field.value), HTTPDate.format(second) == field.value,
        let offset = Optional(second &- frameSecond), (-86_400...86_400).contains(offset)
      {
        writer.u8(ValueKind.httpDate.rawValue)
        writer.zigzag(offset)
      } else {
        writer.u8(ValueKind.literal.rawValue)
        writer.string(field.value)
      }
    }
  }

  static func decode(
    from reader: inout ByteReader, bodyLength: Int, timeMs: Int64
  ) throws(ArchiveError) -> FrameMeta {
    let type = try reader.string()
    let message = try reader.string()
    let count = try reader.count(limit: reader.remaining)
    var headers: [Frame.HeaderField] = []
    headers.reserveCapacity(count)
    for _ in 0..<count {
      let name = try reader.string()
      let value: String
      switch ValueKind(rawValue: try reader.u8()) {
      case .literal?: value = try reader.string()
      case .bodyLength?: value = String(bodyLength)
      case .httpDate?: value = HTTPDate.format(timeMs.dividedFloor(by: 1000) &+ (try reader.zigzag()))
      case nil: throw reader.fail("unknown header value kind")
      }
      headers.append(Frame.HeaderField(name, value))
    }
    return FrameMeta(contentType: type, message: message, headers: headers)
  }
}

extension Int64 {
  /// Division rounding toward negative infinity.
  func dividedFloor(by divisor: Int64) -> Int64 {
    let quotient = self / divisor
    return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
  }
}
