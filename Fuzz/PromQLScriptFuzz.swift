// libFuzzer entry point for promqltest scripts (reading and running them). Compiled into the
// PromQLScript module by scripts/fuzz promqltest (not part of the SwiftPM build), with PromQL
// linked as a library.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPromQLScript(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
  let script: Script
  do {
    script = try Script.parse(text, file: "fuzz.test")
  } catch {
    // The error names a line of the script and quotes no long token whole: a message may quote
    // two tokens (the script's and PromQL's), each at most 100 characters of up to 10 bytes
    // once Go-escaped (`\U0010ffff`), so about 2,000 bytes plus its words.
    if error.file != "fuzz.test" || error.line < 1 || error.line > max(lines, 1) {
      fatalError("error outside the script: \(error) (\(lines) lines)")
    }
    if error.message.isEmpty || error.message.utf8.count > 2500 { fatalError("bad message: \(error)") }
    return 0
  }
  let values = script.commands.reduce(0) { total, command in
    guard case .load(let load) = command else { return total }
    return total + load.series.reduce(0) { $0 + $1.values.count }
  }
  if values > SeriesDescription.maxValuesPerScript { fatalError("loaded \(values) values") }
  // Each query stops at the runner's limits, tightened here so a slow query shows as a bug in
  // them rather than as a fuzzer timeout.
  for prometheus2 in [false, true] {
    var runner = ScriptRunner(prometheus2: prometheus2)
    runner.maxSamples = 200_000
    runner.timeout = .seconds(1)
    let results = runner.run(script)
    let evals = script.commands.filter { if case .eval = $0 { true } else { false } }.count
    if results.count != evals { fatalError("\(evals) evals gave \(results.count) results") }
  }
  return 0
}
