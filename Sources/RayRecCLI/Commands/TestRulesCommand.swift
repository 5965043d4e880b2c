import Dashboards
import Foundation
import Rules

/// `rayrec test rules`: promtool's rule unit tests.
enum TestRulesCommand {
  static let spec = CommandSpec(
    name: "test", abstract: "Run rule unit tests.", subcommands: [rules])

  static let rules = CommandSpec(
    name: "rules",
    abstract: "Run rule unit tests, like 'promtool test rules'.",
    discussion: """
      Runs promtool's test file format: rule_files (globs), evaluation_interval, group_eval_order,
      tests with interval, input_series (the expanding notation), alert_rule_test, promql_expr_test,
      external_labels, external_url, name, start_timestamp and fuzzy_compare. Beyond promtool, a
      test group may take series from a recording with input_recording: {path, labels, from, to}
      (the recording's start, or from, at the test's time 0), alone or beside input_series. Prints
      'Unit Testing:  FILE' and SUCCESS or FAILED with promtool's messages; exit 1 when a test failed.
      --diff adds, after each failing alert test, what differs: alerts only expected (-) or only
      firing (+), and each annotation that differs.
      --compat 2 behaves as promtool 2.42 (its fields, its engine, interval defaulting to 0).
      """,
    options: [
      .option("compat", value: "2|3", help: "Prometheus version semantics (default 3)."),
      .option("run", value: "REGEX", repeatable: true, help: "Only test groups whose name matches."),
      .option("junit", value: "FILE", help: "Also write a JUnit XML report to FILE."),
      .flag("ignore-unknown-fields", help: "Accept fields rule files do not know."),
      .flag("diff", help: "After each failing alert test, a readable diff of expected and firing alerts."),
      .force,
    ] + QueryLimitOptions.options,
    positionals: [PositionalSpec("file", help: "The test files.", variadic: true)],
    action: { args, console in try run(args, &console) })

  static func run(_ args: ParsedArguments, _ console: inout Console) throws -> Int32 {
    var options = RuleTestRunner.Options()
    options.prometheus2 = try RulesCommand.compat(args)
    options.ignoreUnknownFields = args.flag("ignore-unknown-fields")
    options.diff = args.flag("diff")
    let limits = try QueryLimitOptions(args)
    options.queryTimeout = limits.timeout
    options.maxSamples = limits.maxSamples
    let patterns = args.all("run")
    if !patterns.isEmpty {
      let joined = patterns.joined(separator: "|")
      guard (try? Regex(joined)) != nil else {
        throw UsageError(message: "--run: invalid regular expression '\(joined)'", path: args.path)
      }
      options.run = joined
    }
    guard !args.positionals.isEmpty else { throw UsageError(message: "no test file given", path: args.path) }
    let runner = RuleTestRunner(options: options)
    var failed = false
    var suites: [JUnitReport.Suite] = []
    for path in args.positionals {
      console.print("Unit Testing:  \(path)")
      let result = runner.run(path: path)
      for warning in result.warnings { console.error(warning) }
      if result.passed {
        console.print("  SUCCESS")
      } else {
        console.error("  FAILED:")
        for error in result.errors {
          console.error(error)
          console.print("")
        }
        failed = true
      }
      console.print("")
      var cases = result.groups.map { group in
        JUnitReport.Case(
          name: group.name,
          outcome: group.errors.isEmpty
            ? .passed : .failure(message: "test failed", detail: group.errors.joined(separator: "\n")))
      }
      if cases.isEmpty && !result.passed {
        cases = [
          .init(
            name: path,
            outcome: .error(message: "could not run", detail: result.errors.joined(separator: "\n")))
        ]
      }
      suites.append(JUnitReport.Suite(name: path, file: path, cases: cases))
    }
    if let junit = args.value("junit") {
      let xml = JUnitReport(suites: suites, name: "rayrec test rules").xml
      try CheckDashboardCommand.writeJUnit(xml, to: junit, force: args.flag("force"))
    }
    return failed ? 1 : 0
  }
}
