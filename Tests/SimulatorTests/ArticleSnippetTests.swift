import Exposition
import Foundation
import Testing

@testable import Simulator

/// Issue 15, point 17: `curl localhost:8265/metrics` on `seed-healthy` shows the article's lines
/// in the article's shape (HELP and TYPE text, label sets, plain number formatting); only the
/// values (and label values such as the node id) move.
@Suite(.timeLimit(.minutes(1))) struct ArticleSnippetTests {
  /// The raylet output the article quotes.
  static let article = """
    # HELP ray_actor_restarts_total Total number of actor restarts.
    # TYPE ray_actor_restarts_total counter
    ray_actor_restarts_total{actor_name="MyActor",component="raylet",node_id="0a1b2c3d4e5f678901234567890abcdef",ray_node_ip="127.0.0.1",ray_node_port="6379"} 0
    # HELP ray_actor_task_execution_time_s Average time spent executing actor tasks in seconds.
    # TYPE ray_actor_task_execution_time_s gauge
    ray_actor_task_execution_time_s{actor_name="MyActor",component="raylet",node_id="0a1b2c3d4e5f678901234567890abcdef",ray_node_ip="127.0.0.1",ray_node_port="6379"} 0.00123
    # HELP ray_object_store_memory_usage_bytes Memory usage of the object store in bytes.
    # TYPE ray_object_store_memory_usage_bytes gauge
    ray_object_store_memory_usage_bytes{component="raylet",node_id="0a1b2c3d4e5f678901234567890abcdef",ray_node_ip="127.0.0.1",ray_node_port="6379"} 15728640

    """

  /// A line with label values and the sample value replaced by what kind they are: comments
  /// stay as they are; a value is `<integer>` or `<decimal>` (never an exponent or `.0`).
  static func shape(_ line: Substring) -> String {
    if line.hasPrefix("#") { return String(line) }
    guard let space = line.lastIndex(of: " ") else { return "?" }
    var series = ""
    var inValue = false
    var escaped = false
    for c in line[..<space] {
      if inValue {
        if escaped {
          escaped = false
        } else if c == "\\" {
          escaped = true
        } else if c == "\"" {
          inValue = false
          series += "…\""
        }
        continue
      }
      series.append(c)
      if c == "\"" { inValue = true }
    }
    let value = line[line.index(after: space)...]
    let kind: String
    if value.allSatisfy(\.isNumber) {
      kind = "<integer>"
    } else if value.contains("."), !value.contains("e"), !value.hasSuffix(".0"), Double(value) != nil {
      kind = "<decimal>"
    } else {
      kind = "<other: \(value)>"
    }
    return series + " " + kind
  }

  @Test func theHeadRayletHasTheArticlesShape() throws {
    let simulation = Simulation(scenario: try Scenarios.load("seed-healthy.scn"))
    let head = try #require(simulation.targets.firstIndex { $0.node == "head" && $0.endpoint == "raylet" })
    // Ten minutes in, the actor has run tasks, so its average is a fraction as in the article.
    let body = try #require(simulation.response(for: head, at: 600_000, accept: nil).answer?.body)
    let served = String(decoding: body, as: UTF8.self)
    #expect(
      served.split(separator: "\n").map(Self.shape) == Self.article.split(separator: "\n").map(Self.shape))
    // And it is the exposition the article's PromQL reads.
    let families = try MetricFamily.parse(body, format: .text)
    #expect(
      families.map(\.name) == [
        "ray_actor_restarts", "ray_actor_task_execution_time_s", "ray_object_store_memory_usage_bytes",
      ]
        || families.map(\.name) == [
          "ray_actor_restarts_total", "ray_actor_task_execution_time_s",
          "ray_object_store_memory_usage_bytes",
        ])
  }

  @Test(arguments: [
    (0.0, "0"), (15_728_640, "15728640"), (0.00123, "0.00123"), (-3, "-3"), (.infinity, "+Inf"),
  ])
  func numbersPrintAsTheArticlePrintsThem(_ value: Double, _ text: String) {
    #expect(BodyWriter.articleNumber(value) == text)
  }
}
