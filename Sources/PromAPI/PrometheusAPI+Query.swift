import PromQL

/// `/api/v1/query`, `/api/v1/query_range`.
extension PrometheusAPI {
  func query(_ call: Call) -> Outcome {
    do throws(APIError) {
      let time = try APITime.parameter(call.form, "time", default: recording.endMs)
      let deadline = try deadline(call)
      let expr: Expr
      do {
        expr = try Parser.parse(call.form.value("query"), options: parserOptions)
      } catch {
        throw APIError.invalidParameter("query", error.description)
      }
      let started = ContinuousClock.now
      let value = try evaluate(deadline) { engine throws(EvaluationError) in
        try engine.instantQuery(expr, at: time)
      }
      return .data(
        data(value.prometheusAPIJSON(at: time), stats: call.form.value("stats"), since: started, call))
    } catch {
      return .failure(error)
    }
  }

  func queryRange(_ call: Call) -> Outcome {
    do throws(APIError) {
      let start = try APITime.required(call.form, "start")
      let end = try APITime.required(call.form, "end")
      guard end >= start else {
        throw APIError.invalidParameter("end", "end timestamp must not be before start time")
      }
      let stepNanoseconds = try APITime.duration(call.form, "step")
      guard stepNanoseconds > 0 else {
        throw APIError.invalidParameter(
          "step", "zero or negative query resolution step widths are not accepted. Try a positive integer")
      }
      let (span, overflow) = (end &- start).multipliedReportingOverflow(by: 1_000_000)
      guard !overflow, span / stepNanoseconds <= 11_000 else {
        throw APIError(
          .badData,
          "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)"
        )
      }
      let deadline = try deadline(call)
      let expr: Expr
      do {
        expr = try Parser.parse(call.form.value("query"), options: parserOptions)
      } catch {
        throw APIError(.badData, error.description)
      }
      guard expr.type == .vector || expr.type == .scalar else {
        throw APIError(
          .badData,
          "invalid expression type \"\(expr.type.documentedName)\" for range query, must be Scalar or instant Vector"
        )
      }
      let step = max(1, stepNanoseconds / 1_000_000)
      let started = ContinuousClock.now
      let series = try evaluate(deadline) { engine throws(EvaluationError) in
        try engine.rangeQuery(expr, start: start, end: end, step: step)
      }
      return .data(
        data(
          Value.matrix(series).prometheusAPIJSON(at: end), stats: call.form.value("stats"), since: started,
          call))
    } catch {
      return .failure(error)
    }
  }

  var parserOptions: ParserOptions {
    var options = ParserOptions()
    options.prometheus2Functions = recording.options.prometheus2
    return options
  }

  /// The instant the query must end by: the configured timeout or the request's `timeout`,
  /// whichever is sooner, from when the request arrived.
  func deadline(_ call: Call) throws(APIError) -> ContinuousClock.Instant {
    var timeout = configuration.queryTimeout
    if !call.form.value("timeout").isEmpty {
      let nanoseconds = try APITime.duration(call.form, "timeout")
      timeout = min(timeout, .nanoseconds(max(0, nanoseconds)))
    }
    return call.receivedAt.advanced(by: timeout)
  }

  /// Runs `body` on an engine with the limits set, turning engine errors into API errors.
  func evaluate<T>(
    _ deadline: ContinuousClock.Instant, _ body: (Engine) throws(EvaluationError) -> T
  ) throws(APIError) -> T {
    var engine = Engine(storage: recording.storage)
    engine.prometheus2Semantics = recording.options.prometheus2
    engine.deadline = deadline
    engine.maxSamples = configuration.maxSamples
    if ContinuousClock.now >= deadline { throw APIError(.timeout, EvaluationError.queryTimeout.message) }
    do {
      return try body(engine)
    } catch {
      if error == .queryTimeout { throw APIError(.timeout, error.message) }
      throw APIError(.execution, error.message)
    }
  }

  /// The `data` member of a query answer: the engine's API JSON without its envelope, plus
  /// `stats` when asked for.
  func data(_ document: String, stats: String, since started: ContinuousClock.Instant, _ call: Call)
    -> [UInt8]
  {
    // The document is {"status":"success","data":{...}}: keep the inner object.
    var bytes = Array(document.utf8.dropFirst(#"{"status":"success","data":"#.utf8.count).dropLast())
    guard !stats.isEmpty, bytes.last == UInt8(ascii: "}") else { return bytes }
    bytes.removeLast()
    let seconds = { (duration: Duration) -> Double in
      Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
    let eval = seconds(ContinuousClock.now - started)
    let queued = seconds(started - call.receivedAt)
    var out = JSONWriter()
    out.beginObject()
    out.key("timings")
    out.beginObject()
    for (name, value) in [
      ("evalTotalTime", eval), ("resultSortTime", 0), ("queryPreparationTime", 0), ("innerEvalTime", eval),
      ("execQueueTime", queued), ("execTotalTime", eval + queued),
    ] {
      out.key(name)
      out.raw(String(value).utf8)
    }
    out.endObject()
    out.key("samples")
    out.beginObject()
    out.key("totalQueryableSamples")
    out.int(0)
    out.key("peakSamples")
    out.int(0)
    out.endObject()
    out.endObject()
    bytes += #","stats":"#.utf8
    bytes += out.bytes
    bytes.append(UInt8(ascii: "}"))
    return bytes
  }
}
