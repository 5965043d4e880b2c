import Testing

@testable import Exposition

@Test func formatsHaveStableNames() { #expect(ExpositionFormat.openMetrics.rawValue == "openmetrics") }
