import Basics

/// Writes JSON text into a byte buffer: the API's answers are built directly as bytes.
struct JSONWriter {
  private(set) var bytes: [UInt8] = []
  /// Whether the next value in the current object or array needs a comma first.
  private var needsComma = false

  init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

  mutating func beginObject() {
    separate()
    bytes.append(UInt8(ascii: "{"))
    needsComma = false
  }

  mutating func endObject() {
    bytes.append(UInt8(ascii: "}"))
    needsComma = true
  }

  mutating func beginArray() {
    separate()
    bytes.append(UInt8(ascii: "["))
    needsComma = false
  }

  mutating func endArray() {
    bytes.append(UInt8(ascii: "]"))
    needsComma = true
  }

  /// An object key; the value follows.
  mutating func key(_ name: String) {
    separate()
    JSONString.append(name, to: &bytes, htmlSafe: true)
    bytes.append(UInt8(ascii: ":"))
    needsComma = false
  }

  mutating func string(_ value: String) {
    separate()
    JSONString.append(value, to: &bytes, htmlSafe: true)
    needsComma = true
  }

  mutating func int(_ value: Int64) {
    separate()
    bytes += String(value).utf8
    needsComma = true
  }

  mutating func int(_ value: Int) { int(Int64(value)) }

  /// A number as Go's `encoding/json` writes a float64 (integers without a fraction).
  mutating func double(_ value: Double) {
    separate()
    if !value.isFinite {
      bytes += "null".utf8
    } else if value.rounded() == value, value.magnitude < 1e15 {
      bytes += String(Int64(value)).utf8
    } else {
      bytes += "\(value)".utf8
    }
    needsComma = true
  }

  mutating func bool(_ value: Bool) {
    separate()
    bytes += (value ? "true" : "false").utf8
    needsComma = true
  }

  mutating func null() {
    separate()
    bytes += "null".utf8
    needsComma = true
  }

  /// Already-serialised JSON, inserted as one value.
  mutating func raw(_ json: some Sequence<UInt8>) {
    separate()
    bytes += json
    needsComma = true
  }

  /// `{"k":"v",...}` from pairs in the given order.
  mutating func stringMap(_ pairs: [(String, String)]) {
    beginObject()
    for (name, value) in pairs {
      key(name)
      string(value)
    }
    endObject()
  }

  mutating func stringArray(_ values: [String]) {
    beginArray()
    for value in values { string(value) }
    endArray()
  }

  private mutating func separate() {
    if needsComma { bytes.append(UInt8(ascii: ",")) }
  }

}
