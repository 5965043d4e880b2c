import Foundation
import Testing

@testable import RayRecCLI

@Suite(.timeLimit(.minutes(5))) struct QueryCommandTests {
  static func archive() throws -> (String, [String]) {
    let (dir, _) = try ArchiveCommandsTests.makeDump()
    let archive = ArchiveCommandsTests.temp("q.rayrec")
    _ = RayRecTests.run(["import", dir, "-o", archive, "--job", "ray"])
    return (archive, [dir, archive])
  }

  @Test func instantQueriesPrintATableAndPrometheusJSON() throws {
    let (archive, cleanup) = try Self.archive()
    defer { for p in cleanup { try? FileManager.default.removeItem(atPath: p) } }
    let (code, out, err) = RayRecTests.run(["query", archive, "sum by (State) (ray_tasks)", "--time", "+20s"])
    #expect(code == 0, "\(err)")
    #expect(out.contains("{State=\"RUNNING\"}  5.5"))
    #expect(out.contains("{State=\"FINISHED\"}  20.5"))
    let (_, json, _) = RayRecTests.run([
      "query", archive, "ray_tasks_total", "--time", "+20s", "--json", "--label", "ray_io_cluster=ci",
    ])
    #expect(
      json == """
        {"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"ray_tasks_total","instance":"127.0.0.1:44217","job":"ray","ray_io_cluster":"ci"},"value":[1795608020,"30"]},{"metric":{"__name__":"ray_tasks_total","instance":"127.0.0.1:8080","job":"ray","ray_io_cluster":"ci"},"value":[1795608020,"40"]}]}}

        """)
  }

  @Test func rangeQueriesReturnAMatrix() throws {
    let (archive, cleanup) = try Self.archive()
    defer { for p in cleanup { try? FileManager.default.removeItem(atPath: p) } }
    let (code, json, err) = RayRecTests.run([
      "query", archive, "up{instance=\"127.0.0.1:8080\"}", "--start", "+30s", "--end", "+40s", "--step", "5s",
      "--json",
    ])
    #expect(code == 0, "\(err)")
    // The scrape at +35s was refused: up is 0 there.
    #expect(json.contains("\"values\":[[1795608030,\"1\"],[1795608035,\"0\"],[1795608040,\"1\"]]"))
  }

  @Test func badPromQLIsADataErrorWithAPosition() throws {
    let (archive, cleanup) = try Self.archive()
    defer { for p in cleanup { try? FileManager.default.removeItem(atPath: p) } }
    let (code, _, err) = RayRecTests.run(["query", archive, "sum(rate(x[5m])"])
    #expect(code == 1)
    #expect(err.hasPrefix("1:"))
    #expect(err.contains("parse error"))
  }
}
