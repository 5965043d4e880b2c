import PromQL
import Testing

@testable import Dashboards

@Suite(.timeLimit(.minutes(5))) struct JUnitReportTests {
  @Test func writesTheGoldenReport() {
    let report = JUnitReport(suites: [
      JUnitReport.Suite(
        name: "Ray <overview>", file: "d.json",
        cases: [
          JUnitReport.Case(name: "Cluster / Up", outcome: .passed),
          JUnitReport.Case(
            name: "GPU",
            outcome: .failure(
              message: "no data: metric x is not in the recording", detail: "metric x is not in the recording"
            )),
          JUnitReport.Case(
            name: "Broken", outcome: .error(message: "1:7: parse error: \"x\"", detail: "a\nb")),
          JUnitReport.Case(
            name: "TPU", outcome: .skipped(message: "no data, allowed by --allow-empty glob 'TPU*'")),
        ])
    ])
    #expect(
      report.xml == """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="rayrec check dashboard" tests="4" failures="1" errors="1" skipped="1">
          <testsuite name="Ray &lt;overview&gt;" file="d.json" tests="4" failures="1" errors="1" skipped="1">
            <testcase classname="Ray &lt;overview&gt;" name="Cluster / Up"/>
            <testcase classname="Ray &lt;overview&gt;" name="GPU">
              <failure message="no data: metric x is not in the recording" type="NoData">metric x is not in the recording</failure>
            </testcase>
            <testcase classname="Ray &lt;overview&gt;" name="Broken">
              <error message="1:7: parse error: &quot;x&quot;" type="QueryError">a&#10;b</error>
            </testcase>
            <testcase classname="Ray &lt;overview&gt;" name="TPU">
              <skipped message="no data, allowed by --allow-empty glob &apos;TPU*&apos;"/>
            </testcase>
          </testsuite>
        </testsuites>

        """)
  }
}
