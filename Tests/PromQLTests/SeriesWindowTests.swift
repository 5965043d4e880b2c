import Testing

@testable import PromQL

@Suite(.timeLimit(.minutes(5)))
struct SeriesWindowTests {
  @Test func aWholeSeriesIsOneWindow() {
    let series = Series(labels: Labels(["a": "1"]), timestamps: [10, 20], values: [1, 2])
    let window = SeriesWindow(series)
    #expect(window.labels == series.labels)
    #expect(Array(window.timestamps) == [10, 20])
    #expect(Array(window.values) == [1, 2])
    #expect(window.values.startIndex == 0)
  }

  @Test func aWindowKeepsTheIndicesOfItsArray() {
    let values: [Double] = [1, 2, 3, 4]
    let window = SeriesWindow(labels: .empty, timestamps: [0, 1, 2, 3][1..<3], values: values[1..<3])
    #expect(window.values.startIndex == 1)
    #expect(window.values.first == 2)
  }
}
