import RemoteWrite
import Testing

@testable import RayRecCLI

@Suite(.timeLimit(.minutes(1))) struct PushProgressLineTests {
  @Test func theLineShowsHowFarThePushIsAndTheTimeLeft() {
    var progress = SendProgress()
    progress.samplesDelivered = 523_000
    progress.bodyBytes = 5 << 20
    progress.requestsDelivered = 262
    progress.retries = 2
    progress.fraction = 0.25
    progress.elapsed = .milliseconds(1500)
    #expect(
      PushProgressLine.render(progress)
        == "remote write 25% | 523000 samples | 5.0 MiB sent | 262 requests, 2 retries | 1.5s, ETA 4.5s")
  }

  @Test func beforeAnythingIsDoneThereIsNoTimeLeftToShow() {
    #expect(
      PushProgressLine.render(SendProgress())
        == "remote write 0% | 0 samples | 0 B sent | 0 requests, 0 retries | 0s, ETA -")
  }
}
