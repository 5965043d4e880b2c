// libFuzzer entry point for the PromQL parser and engine. Compiled into the PromQL module by
// scripts/fuzz promql (not part of the SwiftPM build).

/// A small data set: three series of a counter and a gauge, with a stale marker and a gap, so
/// selectors, ranges and functions have something to work on.
private let storage: InMemoryStorage = {
  func series(_ labels: [String: String], _ values: [Double]) -> Series {
    Series(labels: Labels(labels), timestamps: values.indices.map { Int64($0) * 15_000 }, values: values)
  }
  return InMemoryStorage([
    series(["__name__": "x", "job": "a", "le": "1"], [0, 1, 2, 3, 5, 8, 13, 21]),
    series(["__name__": "x", "job": "b", "le": "+Inf"], [4, 3, 9, 1, StaleMarker.value, 2, 2, 2]),
    series(["__name__": "up", "job": "a", "code": "500"], [1, 0, 1, 1, .nan, 1, 0, 1]),
  ])
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPromQL(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let query = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let bytes = query.utf8.count
  for options in [ParserOptions(), ParserOptions.all] {
    let expr: Expr
    do {
      expr = try Parser.parse(query, options: options)
    } catch {
      // An error points into the query (the end of input counts) and says something.
      let p = error.position
      if p.start < 0 || p.end < p.start || p.end > bytes {
        fatalError("error position \(p.start)..<\(p.end) outside a \(bytes)-byte query: \(error)")
      }
      if error.line < 1 || error.column < 1 || error.message.isEmpty { fatalError("bad error \(error)") }
      // Messages quote tokens cut short, never the whole of a long input.
      if error.message.utf8.count > 400 + min(bytes, 4096) / 2 { fatalError("long message: \(error)") }
      continue
    }
    // Printing is canonical: what it writes parses back, and prints the same again.
    let printed = expr.description
    let reparsed: Expr
    do {
      reparsed = try Parser.parse(printed, options: options)
    } catch {
      fatalError(
        "printed form does not parse: \(query.debugDescription) -> \(printed.debugDescription): \(error)")
    }
    if reparsed.description != printed {
      fatalError(
        "printing is not stable: \(printed.debugDescription) -> \(reparsed.description.debugDescription)")
    }
    evaluate(expr)
  }
  return 0
}

/// Runs the expression with a deadline and a sample budget: a query that would run or grow without
/// bound ends with an error instead, so a hang or a blow-up here is a bug in the limits.
private func evaluate(_ expr: Expr) {
  var engine = Engine(storage: storage)
  engine.deadline = ContinuousClock.now + .seconds(2)
  engine.maxSamples = 200_000
  _ = try? engine.instantQuery(expr, at: 60_000)
  engine.deadline = ContinuousClock.now + .seconds(2)
  _ = try? engine.rangeQuery(expr, start: 0, end: 120_000, step: 15_000)
}
