import PromQLScript

/// `rayrec promql-test`: runs Prometheus's promqltest scripts against the engine.
enum PromQLTestCommand {
  static let spec = CommandSpec(
    name: "promql-test",
    abstract: "Run promqltest scripts (load/eval/clear) against the PromQL engine.",
    discussion: """
      Runs Prometheus's test-script format (promql/promqltest/testdata/*.test): load blocks, eval
      instant and range, expect fail/ordered/string/range vector, eval_fail, eval_ordered, clear.
      Every failure is printed as FILE:LINE, the expression, what was expected and what came back.
      As in Prometheus, each passing instant eval is also checked with its selectors pinned by @ at
      other times and as a range query around its time. Evals that need native histograms are
      skipped (the text formats cannot carry them), and so are evals needing a feature the engine
      lacks (warn/info annotations, start timestamps): both are counted apart, on the lines before
      the last one, 'N passed, M failed, K skipped'. Exit status 1 when an eval failed or a script
      could not be read or parsed; skipped evals do not fail the run. --compat 2 uses Prometheus 2
      semantics (left-closed windows, 2.x function names), for the scripts of Prometheus 2.x.
      """,
    options: [
      .option("compat", value: "2|3", help: "Prometheus version semantics (default 3)."),
      .flag("verbose", help: "Also list per-file counts and every skipped eval with its reason."),
    ] + QueryLimitOptions.options,
    positionals: [PositionalSpec("file", help: "The .test scripts.", variadic: true)],
    action: { args, console in try run(args, &console) })

  static func run(_ args: ParsedArguments, _ console: inout Console) throws -> Int32 {
    let compat = args.value("compat") ?? "3"
    guard compat == "2" || compat == "3" else {
      throw UsageError(message: "--compat is 2 or 3", path: args.path)
    }
    guard !args.positionals.isEmpty else { throw UsageError(message: "no script given", path: args.path) }
    let verbose = args.flag("verbose")
    let limits = try QueryLimitOptions(args)
    var runner = ScriptRunner(prometheus2: compat == "2")
    runner.timeout = limits.timeout
    runner.maxSamples = limits.maxSamples
    var total = EvalTally()
    var badScripts = 0
    var reasons: [String: Int] = [:]
    var perFile: [String] = []
    for path in args.positionals {
      let script: Script
      do {
        script = try Script.parse(String(decoding: try FileInput.read(path), as: UTF8.self), file: path)
      } catch let error as DataError {
        console.error(error.description)
        badScripts += 1
        continue
      } catch let error as ScriptError {
        console.error(error.description)
        badScripts += 1
        continue
      }
      let results = runner.run(script)
      for result in results {
        switch result.outcome {
        case .failed(let detail):
          console.print("\(result.location): \(result.expression)")
          console.print(
            detail.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
              .joined(separator: "\n"))
        case .unsupported(let reason):
          reasons[reason, default: 0] += 1
          if verbose { console.print("\(result.location): unsupported (\(reason)): \(result.expression)") }
        case .nativeHistograms, .passed: break
        }
      }
      let tally = EvalTally(results)
      perFile.append(
        "\(path): \(tally.summary) (native histograms \(tally.nativeHistograms), unsupported \(tally.unsupported))"
      )
      total = total + tally
    }
    if verbose { for line in perFile { console.print(line) } }
    for (reason, count) in reasons.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
      console.print("unsupported: \(count) \(reason)")
    }
    var breakdown = "skipped: \(total.nativeHistograms) native histograms, \(total.unsupported) unsupported"
    if let rate = total.passRate {
      let percent = (rate * 10).rounded(.down) / 10
      breakdown +=
        "; without native histograms \(total.passed)/\(total.withoutNativeHistograms) passed (\(percent)%)"
    }
    console.print(breakdown)
    if badScripts > 0 { console.print("\(badScripts) script(s) could not be read or parsed") }
    console.print(total.summary)
    return total.failed > 0 || badScripts > 0 ? 1 : 0
  }
}
