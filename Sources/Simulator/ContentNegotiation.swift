public import Exposition

/// Chooses the body format from an `Accept` header the way Ray's exporter (prometheus_client)
/// does: OpenMetrics as soon as any listed media type is `application/openmetrics-text`,
/// whatever its `q`; text 0.0.4 otherwise (protobuf is not offered, as in Ray).
public enum ContentNegotiation {
  /// The format to answer in for an `Accept` header (nil: no header).
  public static func format(accept: String?) -> ExpositionFormat {
    guard let accept else { return .text }
    for item in accept.split(separator: ",") {
      let media = item.split(separator: ";", maxSplits: 1).first ?? ""
      if media.trimmingCharacters(" \t").lowercased() == "application/openmetrics-text" {
        return .openMetrics
      }
    }
    return .text
  }

  /// The `Content-Type` Ray sends for a format.
  public static func contentType(_ format: ExpositionFormat) -> String {
    switch format {
    case .text: "text/plain; version=0.0.4; charset=utf-8"
    case .openMetrics: "application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=underscores"
    }
  }
}

extension Substring {
  func trimmingCharacters(_ set: String) -> Substring {
    var s = self
    while let c = s.first, set.contains(c) { s = s.dropFirst() }
    while let c = s.last, set.contains(c) { s = s.dropLast() }
    return s
  }
}
