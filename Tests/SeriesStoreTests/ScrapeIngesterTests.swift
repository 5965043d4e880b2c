import PromQL
import Testing

@testable import SeriesStore

/// The ingester tries each sample against the previous scrape's order before hashing it; whatever
/// path a sample takes, it must land in the series the labels name.
@Suite(.timeLimit(.minutes(5)))
struct ScrapeIngesterTests {
  static func values(_ store: SeriesStore, _ name: String, _ extra: [LabelMatcher] = []) -> [Double] {
    SeriesStoreTests.points(store, name, extra).flatMap(\.values)
  }

  static func store(_ scrapes: [String]) throws -> SeriesStore {
    var options = SeriesStoreOptions()
    options.staleness = false
    return try SeriesStoreTests.store(
      scrapes.enumerated().map { (1, Int64($0.offset) * 5000, $0.element) }, options: options)
  }

  @Test func seriesThatMoveComeAndGoKeepTheirIdentity() throws {
    let store = try Self.store([
      "a 1\nb 1\nc 1\n", "c 2\na 2\nd 2\nb 2\n", "a 3\nb 3\nc 3\n", "b 4\nc 4\n", "d 5\nc 5\nb 5\na 5\n",
    ])
    #expect(Self.values(store, "a") == [1, 2, 3, 5])
    #expect(Self.values(store, "b") == [1, 2, 3, 4, 5])
    #expect(Self.values(store, "c") == [1, 2, 3, 4, 5])
    #expect(Self.values(store, "d") == [2, 5])
  }

  @Test func theSameLineUnderAnotherTypeIsAnotherSeries() throws {
    // As a histogram the bound is normalised to 1.0; as a summary or untyped it stays as written.
    let store = try Self.store([
      "# TYPE h histogram\nh_bucket{le=\"1\"} 5\n", "# TYPE h summary\nh_bucket{le=\"1\"} 6\n",
      "h_bucket{le=\"1\"} 7\n", "# TYPE h histogram\nh_bucket{le=\"1\"} 8\n",
    ])
    #expect(Self.values(store, "h_bucket", [LabelMatcher(equal: "le", "1.0")]) == [5, 8])
    #expect(Self.values(store, "h_bucket", [LabelMatcher(equal: "le", "1")]) == [6, 7])
  }

  @Test func aScrapeThatFailsHalfwayLeavesTheNextOneRight() throws {
    let store = try Self.store(["a 1\nb 1\nc 1\n", "a 2\nb 2\nc{ 2\n", "b 3\na 3\nc 3\n", "a 4\nb 4\nc 4\n"])
    #expect(Self.values(store, "a") == [1, 3, 4])
    #expect(Self.values(store, "b") == [1, 3, 4])
    #expect(Self.values(store, "c") == [1, 3, 4])
  }
}
