import Basics
import Foundation

/// One sample of an instant-vector query result, as Prometheus hands it to templates.
public struct TemplateSample: Sendable, Equatable {
  /// The series labels, including `__name__`.
  public var labels: [String: String]
  /// The sample value.
  public var value: Double

  /// Makes a sample.
  public init(labels: [String: String], value: Double) {
    self.labels = labels
    self.value = value
  }

  /// The template view: a `*template.sample` record with `.Labels` and `.Value`.
  public var templateValue: TemplateValue {
    .record(
      TemplateRecord(
        typeName: PrometheusFunctions.sampleType,
        fields: [
          .init(name: "Labels", value: .stringMap(labels)), .init(name: "Value", value: .float(value)),
        ]))
  }
}

/// Runs a PromQL instant query for the `query` template function.
public typealias TemplateQuery = @Sendable (String) throws -> [TemplateSample]

/// The template functions Prometheus adds to Go's builtins (template/template.go).
public enum PrometheusFunctions {
  static let sampleType = "*template.sample"
  static let resultType = "template.queryResult"

  /// The function names, for `promtool check rules`-style parsing.
  public static var names: [String] {
    functions(query: nil, externalURL: "", timestamp: 0).keys.sorted()
  }

  private static func function(
    _ parameters: [TemplateParameterType], variadic: TemplateParameterType? = nil,
    _ body: @escaping TemplateFunction.Body
  ) -> TemplateFunction {
    TemplateFunction(parameters: parameters, variadic: variadic, body: body)
  }

  private static func string(_ body: @escaping @Sendable (String) -> String) -> TemplateFunction {
    function([.string]) { args in
      guard case .string(let text) = args[0] else { return .null }
      return .string(body(text))
    }
  }

  private static func number(
    _ body: @escaping @Sendable (Double) throws(TemplateFunctionError) -> TemplateValue
  )
    -> TemplateFunction
  {
    function([.any]) { args throws(TemplateFunctionError) in try body(try Humanize.toFloat(args[0])) }
  }

  private static func field(_ value: TemplateValue, _ name: String) throws(TemplateFunctionError)
    -> TemplateValue
  {
    guard case .record(let record) = value, let field = record[name] else {
      throw TemplateFunctionError("runtime error: invalid memory address or nil pointer dereference")
    }
    return field
  }

  private static func label(_ sample: TemplateValue, _ name: String) throws(TemplateFunctionError) -> String {
    guard case .stringMap(let labels) = try field(sample, "Labels") else { return "" }
    return labels[name] ?? ""
  }

  /// The function table for one expansion: `query` calls the hook, `now` is the evaluation time
  /// (Unix seconds, truncated to milliseconds as Prometheus's `model.Time` is), and
  /// `externalURL`/`pathPrefix` describe the `--web.external-url`.
  public static func functions(query: TemplateQuery?, externalURL: String, timestamp: Double)
    -> [String: TemplateFunction]
  {
    let milliseconds = goInt64(timestamp * 1000)
    let path = URLComponents(string: externalURL)?.path ?? ""
    return [
      "query": function([.string]) { args throws(TemplateFunctionError) in
        guard case .string(let expression) = args[0] else { return .null }
        guard let query else { throw TemplateFunctionError("no query function configured") }
        do {
          return .list(try query(expression).map(\.templateValue))
        } catch {
          throw TemplateFunctionError("\(error)")
        }
      },
      "first": function([.list(resultType)]) { args throws(TemplateFunctionError) in
        guard case .list(let items) = args[0], let first = items.first else {
          throw TemplateFunctionError("first() called on vector with no elements")
        }
        return first
      },
      "label": function([.string, .record(sampleType)]) { args throws(TemplateFunctionError) in
        guard case .string(let name) = args[0] else { return .null }
        return .string(try label(args[1], name))
      },
      "value": function([.record(sampleType)]) { args throws(TemplateFunctionError) in
        try field(args[0], "Value")
      },
      "strvalue": function([.record(sampleType)]) { args throws(TemplateFunctionError) in
        .string(try label(args[0], "__value__"))
      },
      "args": function([], variadic: .any) { args in
        var entries: [String: TemplateValue] = [:]
        for (index, arg) in args.enumerated() { entries["arg\(index)"] = arg }
        return .map(entries)
      },
      "reReplaceAll": function([.string, .string, .string]) { args throws(TemplateFunctionError) in
        guard case .string(let pattern) = args[0], case .string(let replacement) = args[1],
          case .string(let text) = args[2]
        else { return .null }
        do throws(TemplateFunctionError) {
          return .string(try GoRegexp.compile(pattern).replaceAll(text, with: replacement))
        } catch {
          let quoted = goCanBackquote(pattern) ? "`\(pattern)`" : GoQuote.quote(pattern)
          throw TemplateFunctionError("regexp: Compile(\(quoted)): \(error.message)")
        }
      },
      "match": function([.string, .string]) { args throws(TemplateFunctionError) in
        guard case .string(let pattern) = args[0], case .string(let text) = args[1] else { return .null }
        return .bool(try GoRegexp.compile(pattern).matches(text))
      },
      "safeHtml": string { $0 },
      "title": string(TextCase.title),
      "toUpper": string(TextCase.upper),
      "toLower": string(TextCase.lower),
      "graphLink": string { "/graph?g0.expr=\(GoEscape.queryEscape($0))&g0.tab=0" },
      "tableLink": string { "/graph?g0.expr=\(GoEscape.queryEscape($0))&g0.tab=1" },
      "sortByLabel": function([.string, .list(resultType)]) { args in
        guard case .string(let name) = args[0], case .list(let items) = args[1] else { return args[1] }
        let keyed = items.map { (key: (try? label($0, name)) ?? "", item: $0) }
        // Swift's sort is not stable; sort by (label, original position) to keep Go's sort.Stable.
        let sorted = keyed.enumerated().sorted { lhs, rhs in
          lhs.element.key == rhs.element.key
            ? lhs.offset < rhs.offset : goLess(lhs.element.key, rhs.element.key)
        }
        return .list(sorted.map(\.element.item))
      },
      "stripPort": string(HostPort.stripPort),
      "stripDomain": string(HostPort.stripDomain),
      "humanize": number { .string(Humanize.humanize($0)) },
      "humanize1024": number { .string(Humanize.humanize1024($0)) },
      "humanizeDuration": number { .string(Humanize.duration($0)) },
      "humanizePercentage": number { .string(Humanize.percentage($0)) },
      "humanizeTimestamp": number { value throws(TemplateFunctionError) in
        .string(try Humanize.timestamp(value))
      },
      "toTime": number { value throws(TemplateFunctionError) in
        if !value.isFinite { throw TemplateFunctionError("value is NaN or Inf") }
        return try Humanize.time(value)
      },
      "toDuration": number { .duration(nanoseconds: goInt64($0 * 1e9)) },
      "now": function([]) { _ in .float(Double(milliseconds) / 1000) },
      "pathPrefix": function([]) { _ in .string(path) },
      "externalURL": function([]) { _ in .string(externalURL) },
      "parseDuration": function([.string]) { args throws(TemplateFunctionError) in
        guard case .string(let text) = args[0] else { return .null }
        return .float(try Humanize.parseDuration(text))
      },
      "urlQueryEscape": string(GoEscape.queryEscape),
    ]
  }
}

/// Go's per-rune case mappings (`strings.ToUpper`, `strings.ToLower`, `strings.Title`), which
/// never change the number of runes (so `ß` stays `ß`, unlike Swift's `uppercased()`).
enum TextCase {
  private static func map(_ text: String, _ mapping: (Unicode.Scalar.Properties) -> String) -> String {
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      let mapped = mapping(scalar.properties).unicodeScalars
      if mapped.count == 1, let single = mapped.first {
        result.append(single)
      } else {
        result.append(scalar)
      }
    }
    return String(result)
  }

  @Sendable static func upper(_ text: String) -> String { map(text) { $0.uppercaseMapping } }
  @Sendable static func lower(_ text: String) -> String { map(text) { $0.lowercaseMapping } }

  /// `strings.Title` (Prometheus 2.x): the first letter of each word in title case; words are
  /// separated by anything but ASCII letters/digits/underscore and Unicode letters/digits.
  @Sendable static func title(_ text: String) -> String {
    var previous: Unicode.Scalar = " "
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if isSeparator(previous) {
        let mapped = scalar.properties.titlecaseMapping.unicodeScalars
        result.append(mapped.count == 1 ? mapped.first ?? scalar : scalar)
      } else {
        result.append(scalar)
      }
      previous = scalar
    }
    return String(result)
  }

  private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII {
      return !(scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
    }
    let category = scalar.properties.generalCategory
    if category.isLetter || category == .decimalNumber { return false }
    return scalar.properties.isWhitespace
  }
}
