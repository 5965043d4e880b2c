import Testing

@testable import PromQL

@Suite(.timeLimit(.minutes(5)))
struct FunctionDefinitionTests {
  static let storage = InMemoryStorage([
    Series(
      labels: Labels(["__name__": "x", "le": "1"]), timestamps: [0, 30_000, 60_000], values: [1, 2, 4])
  ])

  /// A call of `function` with an argument of each type its signature asks for.
  static func call(_ function: PromQLFunction) -> String {
    let arguments = function.argumentTypes.map { type -> String in
      switch type {
      case .matrix: return "x[1m]"
      case .scalar: return "0.5"
      case .string: return "\"le\""
      default: return "{le=\"1\"}"
      }
    }
    return "\(function.name)(\(arguments.joined(separator: ", ")))"
  }

  @Test func theParserKnowsExactlyTheFunctionsTheTableDefines() {
    #expect(Set(PromQLFunction.all.keys) == Set(FunctionDefinition.prometheus3.map(\.name)))
    #expect(FunctionDefinition.prometheus3.count == PromQLFunction.all.count)
    #expect(FunctionDefinition.byName["holt_winters"]?.signature == PromQLFunction.holtWinters)
  }

  @Test(arguments: FunctionDefinition.prometheus3.map(\.signature))
  func everyFunctionEvaluatesOrSaysItIsUnsupported(_ function: PromQLFunction) throws {
    let text = Self.call(function)
    let expr = try Parser.parse(text, options: .all)
    do {
      _ = try Engine(storage: Self.storage).instantQuery(expr, at: 60_000)
      #expect(!function.nativeHistogramsOnly || function.name == "histogram_fraction", "\(text)")
    } catch {
      // Only functions of native histograms (or ones Prometheus marks as needing start
      // timestamps) are missing; anything else may fail on these arguments, but not as unknown.
      if error.description.contains("is not supported by this evaluator") {
        #expect(function.nativeHistogramsOnly || function.name == "start_timestamp", "\(text)")
      }
    }
  }
}
