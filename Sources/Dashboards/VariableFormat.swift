import Basics
import Foundation

/// A Grafana variable format (`${var:csv}`); an unknown name falls back to `glob`, as in Grafana.
public enum VariableFormat: String, Hashable, Sendable, CaseIterable {
  case glob, raw, regex, pipe, distributed, csv, html, json, lucene, text, date, join, sqlstring
  case percentEncode = "percentencode"
  case uriEncode = "uriencode"
  case singleQuote = "singlequote"
  case doubleQuote = "doublequote"
  case queryParam = "queryparam"

  /// The format named `id` (case-sensitive, as Grafana's registry is); glob when unknown.
  public init(id: String) { self = VariableFormat(rawValue: id) ?? .glob }

  /// Formats the variable's value(s).
  public func apply(_ variable: VariableValue, arguments: [String] = []) -> String {
    let values = variable.values
    let single = values.first ?? ""
    switch self {
    case .raw, .text:
      return variable.isArray ? values.joined(separator: ",") : single
    case .glob:
      return variable.isArray && values.count > 1
        ? "{" + values.joined(separator: ",") + "}" : values.joined(separator: ",")
    case .regex:
      let escaped = values.map(VariableFormat.escapeRegex)
      if !variable.isArray || escaped.count == 1 { return escaped.first ?? "" }
      return "(" + escaped.joined(separator: "|") + ")"
    case .pipe: return values.joined(separator: "|")
    case .csv: return values.joined(separator: ",")
    case .join: return values.joined(separator: arguments.first ?? ",")
    case .distributed:
      return values.enumerated().map { $0.offset == 0 ? $0.element : "\(variable.name)=\($0.element)" }
        .joined(separator: ",")
    case .html: return VariableFormat.escapeHTML(values.joined(separator: ", "))
    case .json:
      guard variable.isArray else { return single }
      return "[" + values.map(JSONString.quote).joined(separator: ",") + "]"
    case .lucene:
      guard variable.isArray else { return VariableFormat.luceneEscape(single) }
      if values.isEmpty { return "__empty__" }
      return "(" + values.map { "\"" + VariableFormat.luceneEscape($0) + "\"" }.joined(separator: " OR ")
        + ")"
    case .singleQuote:
      return values.map { "'" + $0.replacingOccurrences(of: "'", with: "\\'") + "'" }.joined(separator: ",")
    case .doubleQuote:
      return values.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }.joined(
        separator: ",")
    case .sqlstring:
      return values.map {
        "'" + $0.replacingOccurrences(of: "'", with: "''").replacingOccurrences(of: "\"", with: "\\\"") + "'"
      }.joined(separator: ",")
    case .percentEncode:
      let text = variable.isArray ? "{" + values.joined(separator: ",") + "}" : single
      return VariableFormat.percentEncode(text, keep: "-_.~")
    case .uriEncode:
      let text = variable.isArray ? "{" + values.joined(separator: ",") + "}" : single
      return VariableFormat.percentEncode(text, keep: "-_.~;,/?:@&=+$#")
    case .queryParam:
      if variable.isAll { return "var-\(variable.name)=$__all" }
      return values.map { "var-\(variable.name)=" + VariableFormat.percentEncode($0, keep: "-_.~") }
        .joined(separator: "&")
    case .date:
      guard let ms = Int64(single) else { return "NaN" }
      switch arguments.first ?? "iso" {
      case "ms": return single
      case "seconds": return String(Int64((Double(ms) / 1000).rounded()))
      default: return ISOTime.format(ms)
      }
    }
  }

  /// Grafana's `escapeRegex`: every regex metacharacter and `/` gets a backslash.
  public static func escapeRegex(_ value: String) -> String {
    var out = ""
    for c in value.unicodeScalars {
      if "\\^$*+?.()|[]{}/".unicodeScalars.contains(c) { out += "\\" }
      out.unicodeScalars.append(c)
    }
    return out
  }

  static func escapeHTML(_ value: String) -> String {
    value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "'", with: "&#39;")
      .replacingOccurrences(of: "\"", with: "&quot;")
  }

  static func luceneEscape(_ value: String) -> String {
    if Double(value) != nil { return value }
    var out = ""
    for c in value.unicodeScalars {
      if "!*+-=<>&|()[]{}^~?:\\/\" \t\n".unicodeScalars.contains(c) { out += "\\" }
      out.unicodeScalars.append(c)
    }
    return out
  }

  /// Percent-encodes UTF-8 bytes except ASCII letters, digits and `keep`.
  public static func percentEncode(_ value: String, keep: String) -> String {
    let kept = Set(keep.utf8)
    var out = ""
    for b in value.utf8 {
      let isAlnum = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
      if isAlnum || kept.contains(b) {
        out.unicodeScalars.append(Unicode.Scalar(b))
      } else {
        let hex = String(b, radix: 16, uppercase: true)
        out += "%" + (hex.count == 1 ? "0" : "") + hex
      }
    }
    return out
  }
}
