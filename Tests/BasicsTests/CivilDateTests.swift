import Basics
import Testing

@Suite(.timeLimit(.minutes(5))) struct CivilDateTests {
  @Test func knownDatesConvertBothWays() {
    let cases: [(Int64, CivilDate)] = [
      (0, CivilDate(year: 1970, month: 1, day: 1)), (-1, CivilDate(year: 1969, month: 12, day: 31)),
      (11_016, CivilDate(year: 2000, month: 2, day: 29)), (20_782, CivilDate(year: 2026, month: 11, day: 25)),
    ]
    for (days, date) in cases {
      #expect(CivilDate(daysSinceEpoch: days) == date)
      #expect(date.daysSinceEpoch == days)
    }
  }

  @Test func everyDayOfFourCenturiesRoundTrips() {
    #expect((Int64(-73_000)...73_000).allSatisfy { CivilDate(daysSinceEpoch: $0).daysSinceEpoch == $0 })
  }

  @Test func millisecondsBeforeTheEpochBelongToTheDayBefore() {
    #expect(CivilDate.days(ofMilliseconds: -1) == -1)
    #expect(CivilDate.days(ofMilliseconds: 86_399_999) == 0)
  }
}
