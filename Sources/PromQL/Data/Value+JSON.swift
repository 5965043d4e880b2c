import Basics

extension Value {
  /// The body Prometheus's HTTP API returns for a query with this result, e.g.
  /// `{"status":"success","data":{"resultType":"vector","result":[...]}}`, so tools can diff
  /// rayrec's answers with a real server's. `time` (Unix ms) stamps scalar, string and vector
  /// results as the API does.
  public func prometheusAPIJSON(at time: Int64) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(256)
    out += Array(#"{"status":"success","data":{"resultType":""#.utf8)
    switch self {
    case .scalar(let value):
      out += Array(#"scalar","result":"#.utf8)
      Value.appendPoint(time, value, to: &out)
    case .string(let value):
      out += Array(#"string","result":"#.utf8)
      Value.appendPoint(time, value, to: &out)
    case .vector(let samples):
      out += Array(#"vector","result":["#.utf8)
      for (index, sample) in samples.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        out += Array(#"{"metric":"#.utf8)
        Value.appendLabels(sample.labels, to: &out)
        out += Array(#","value":"#.utf8)
        Value.appendPoint(time, sample.value, to: &out)
        out.append(UInt8(ascii: "}"))
      }
      out.append(UInt8(ascii: "]"))
    case .matrix(let series):
      out += Array(#"matrix","result":["#.utf8)
      for (index, entry) in series.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        out += Array(#"{"metric":"#.utf8)
        Value.appendLabels(entry.labels, to: &out)
        out += Array(#","values":["#.utf8)
        for (pointIndex, (timestamp, value)) in zip(entry.timestamps, entry.values).enumerated() {
          if pointIndex > 0 { out.append(UInt8(ascii: ",")) }
          Value.appendPoint(timestamp, value, to: &out)
        }
        out += Array("]}".utf8)
      }
      out.append(UInt8(ascii: "]"))
    }
    out += Array("}}".utf8)
    return String(decoding: out, as: UTF8.self)
  }

  /// A sample value as the API writes it: shortest decimal form, exponent form below 1e-6 and from
  /// 1e21 on (`1e+21`), `NaN`, `+Inf`, `-Inf`.
  static func formatValue(_ value: Double) -> String {
    let magnitude = abs(value)
    if value.isFinite, magnitude != 0, magnitude < 1e-6 || magnitude >= 1e21 { return goFormatFloatE(value) }
    return goFormatFloatF(value)
  }

  /// `[<unix seconds>,"<value>"]`; seconds get three decimals unless they are whole, as in
  /// Prometheus (`1.500`, `2`).
  static func appendPoint(_ milliseconds: Int64, _ value: String, to out: inout [UInt8]) {
    appendTime(milliseconds, to: &out)
    JSONString.append(value, to: &out)
    out.append(UInt8(ascii: "]"))
  }

  /// A sample point; a range result has many, so the common whole values skip the float printer.
  static func appendPoint(_ milliseconds: Int64, _ value: Double, to out: inout [UInt8]) {
    appendTime(milliseconds, to: &out)
    out.append(UInt8(ascii: "\""))
    if value.magnitude < 1e15, value.rounded(.towardZero) == value, !(value == 0 && value.sign == .minus) {
      if value < 0 { out.append(UInt8(ascii: "-")) }
      appendDecimal(UInt64(value.magnitude), to: &out)
    } else {
      out += formatValue(value).utf8
    }
    out += [UInt8(ascii: "\""), UInt8(ascii: "]")]
  }

  /// `[<seconds>,` of a point.
  static func appendTime(_ milliseconds: Int64, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "["))
    if milliseconds < 0 { out.append(UInt8(ascii: "-")) }
    let magnitude = milliseconds.magnitude
    appendDecimal(magnitude / 1000, to: &out)
    let fraction = magnitude % 1000
    if fraction != 0 {
      out.append(UInt8(ascii: "."))
      out.append(UInt8(ascii: "0") + UInt8(fraction / 100))
      out.append(UInt8(ascii: "0") + UInt8(fraction / 10 % 10))
      out.append(UInt8(ascii: "0") + UInt8(fraction % 10))
    }
    out.append(UInt8(ascii: ","))
  }

  static func appendDecimal(_ number: UInt64, to out: inout [UInt8]) {
    if number >= 10 { appendDecimal(number / 10, to: &out) }
    out.append(UInt8(ascii: "0") + UInt8(number % 10))
  }

  static func appendLabels(_ labels: Labels, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "{"))
    for (index, label) in labels.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      JSONString.append(label.name, to: &out)
      out.append(UInt8(ascii: ":"))
      JSONString.append(label.value, to: &out)
    }
    out.append(UInt8(ascii: "}"))
  }

}
