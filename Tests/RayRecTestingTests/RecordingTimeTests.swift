import RayRecTesting
import Testing

@Suite(.timeLimit(.minutes(5))) struct RecordingTimeTests {
  @Test func timesResolveAgainstTheRecording() {
    #expect(RecordingTime.start.resolve(start: 1000, end: 9000) == 1000)
    #expect(RecordingTime.end.resolve(start: 1000, end: 9000) == 9000)
    #expect(RecordingTime.afterStart(.seconds(2)).resolve(start: 1000, end: 9000) == 3000)
    #expect(RecordingTime.beforeEnd(.milliseconds(500)).resolve(start: 1000, end: 9000) == 8500)
    #expect(RecordingTime.beforeEnd(.minutes(1)).description == "end-1m")
  }

  @Test func windowsAreClampedToTheRecording() {
    #expect(RecordingWindow.first(.minutes(10)).resolve(start: 0, end: 60_000) == (0, 60_000))
    #expect(RecordingWindow.last(.seconds(10)).resolve(start: 0, end: 60_000) == (50_000, 60_000))
    #expect(
      RecordingWindow.between(.start, .afterStart(.seconds(1))).resolve(start: 5, end: 60_000) == (5, 1005))
  }
}
