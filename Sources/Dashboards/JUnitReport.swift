/// A JUnit XML report of dashboard checks: one test suite per dashboard, one test case per
/// panel; no data is a failure unless allowed (then skipped), a query error is an error.
public struct JUnitReport: Sendable {
  /// One checked dashboard.
  public struct Suite: Sendable {
    public var name: String
    public var file: String
    public var cases: [Case]

    /// Creates the value from its parts.
    public init(name: String, file: String, cases: [Case]) {
      self.name = name
      self.file = file
      self.cases = cases
    }
  }

  /// One panel's verdict.
  public struct Case: Sendable {
    public enum Outcome: Sendable, Equatable {
      case passed
      case failure(message: String, detail: String)
      case error(message: String, detail: String)
      case skipped(message: String)
    }
    public var name: String
    public var outcome: Outcome

    /// Creates the value from its parts.
    public init(name: String, outcome: Outcome) {
      self.name = name
      self.outcome = outcome
    }
  }

  /// The suites.
  public var suites: [Suite]
  /// The name of the whole report.
  public var name: String

  /// The suite of a dashboard file that could not be read: one error case with the message, so
  /// a CI report shows the broken file instead of silently lacking it.
  public static func unreadable(_ error: DashboardError) -> Suite {
    Suite(
      name: error.path, file: error.path,
      cases: [
        Case(name: "dashboard JSON", outcome: .error(message: error.description, detail: error.description))
      ])
  }

  /// Creates the value from its parts.
  public init(suites: [Suite], name: String = "rayrec check dashboard") {
    self.suites = suites
    self.name = name
  }

  /// The XML document (no timings, so the output is reproducible).
  public var xml: String {
    func count(_ cases: [Case], _ predicate: (Case.Outcome) -> Bool) -> Int {
      cases.filter { predicate($0.outcome) }.count
    }
    func isFailure(_ o: Case.Outcome) -> Bool { if case .failure = o { return true } else { return false } }
    func isError(_ o: Case.Outcome) -> Bool { if case .error = o { return true } else { return false } }
    func isSkipped(_ o: Case.Outcome) -> Bool { if case .skipped = o { return true } else { return false } }
    let all = suites.flatMap(\.cases)
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out +=
      "<testsuites name=\"\(JUnitReport.escape(name))\" tests=\"\(all.count)\" failures=\"\(count(all, isFailure))\" errors=\"\(count(all, isError))\" skipped=\"\(count(all, isSkipped))\">\n"
    for suite in suites {
      let c = suite.cases
      out +=
        "  <testsuite name=\"\(JUnitReport.escape(suite.name))\" file=\"\(JUnitReport.escape(suite.file))\" tests=\"\(c.count)\" failures=\"\(count(c, isFailure))\" errors=\"\(count(c, isError))\" skipped=\"\(count(c, isSkipped))\">\n"
      for testCase in c {
        let head =
          "    <testcase classname=\"\(JUnitReport.escape(suite.name))\" name=\"\(JUnitReport.escape(testCase.name))\""
        switch testCase.outcome {
        case .passed:
          out += head + "/>\n"
        case .failure(let message, let detail):
          out += head + ">\n      <failure message=\"\(JUnitReport.escape(message))\" type=\"NoData\">"
          out += JUnitReport.escape(detail) + "</failure>\n    </testcase>\n"
        case .error(let message, let detail):
          out += head + ">\n      <error message=\"\(JUnitReport.escape(message))\" type=\"QueryError\">"
          out += JUnitReport.escape(detail) + "</error>\n    </testcase>\n"
        case .skipped(let message):
          out += head + ">\n      <skipped message=\"\(JUnitReport.escape(message))\"/>\n    </testcase>\n"
        }
      }
      out += "  </testsuite>\n"
    }
    return out + "</testsuites>\n"
  }

  /// XML attribute and text escaping; control characters XML 1.0 forbids become spaces.
  public static func escape(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\n": out += "&#10;"
      case "\t": out += "&#9;"
      case _ where scalar.value < 0x20: out += " "
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
