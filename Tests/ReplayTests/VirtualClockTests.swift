import Testing

@testable import Replay

@Suite(.timeLimit(.minutes(5))) struct VirtualClockTests {
  let clock = VirtualClock(fromMs: 1000, toMs: 11_000, speed: ReplaySpeed(factor: 10) ?? .normal)

  @Test func recordedTimeRunsSpeedTimesFasterFromTheWindowStart() {
    #expect(clock.position(elapsedNanos: 0).timeMs == 1000)
    #expect(clock.position(elapsedNanos: 100_000_000).timeMs == 2000)
    #expect(clock.position(elapsedNanos: 999_000_000).timeMs == 10_990)
    #expect(!clock.position(elapsedNanos: 999_000_000).finished)
  }

  @Test func theClockFinishesAtTheWindowEndUnlessLooping() {
    #expect(clock.position(elapsedNanos: 1_000_000_000).finished)
    #expect(clock.position(elapsedNanos: 5_000_000_000).timeMs == 11_000)
    let looping = VirtualClock(fromMs: 1000, toMs: 11_000, speed: clock.speed, loops: true)
    let later = looping.position(elapsedNanos: 2_050_000_000)
    #expect(later.timeMs == 1500)
    #expect(later.loop == 2)
    #expect(!later.finished)
  }

  @Test func deadlinesAreTheInverseOfPositions() {
    for time: Int64 in [1000, 1001, 4321, 10_999] {
      let nanos = clock.elapsedNanos(reaching: time)
      #expect(clock.position(elapsedNanos: nanos).timeMs == time)
      if nanos > 0 { #expect(clock.position(elapsedNanos: nanos - 1).timeMs < time) }
    }
    #expect(clock.elapsedNanos(reaching: 2000, loop: 1) == 1_100_000_000)
  }

  @Test func slowSpeedsStretchTime() throws {
    let slow = VirtualClock(fromMs: 0, toMs: 100, speed: try #require(ReplaySpeed("0.5x")))
    #expect(slow.position(elapsedNanos: 100_000_000).timeMs == 50)
    #expect(slow.progress(slow.position(elapsedNanos: 100_000_000)) == 0.5)
  }

  @Test func anEmptyWindowIsWidenedToOneMillisecond() {
    let empty = VirtualClock(fromMs: 5, toMs: 5, speed: .normal)
    #expect(empty.lengthMs == 1)
  }
}
