/// A proleptic Gregorian date, converted to and from days since 1970-01-01 with Howard Hinnant's
/// algorithms. PromQL's time functions, Grafana's `$__from` text, RFC 3339 and HTTP dates and Go's
/// time formatting in templates all use it.
public struct CivilDate: Hashable, Sendable {
  /// The year (proleptic Gregorian; may be zero or negative).
  public var year: Int64
  /// 1 to 12.
  public var month: Int64
  /// 1 to 31.
  public var day: Int64

  /// The date with these fields (not checked: see ``daysIn(month:year:)``).
  public init(year: Int64, month: Int64, day: Int64) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// The date `days` days after 1970-01-01 (negative: before).
  public init(daysSinceEpoch days: Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    day = doy - (153 * mp + 2) / 5 + 1
    month = mp < 10 ? mp + 3 : mp - 9
    year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  }

  /// Days from 1970-01-01 to this date.
  public var daysSinceEpoch: Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// Days since the epoch of a unix time in milliseconds (rounding toward the past).
  public static func days(ofMilliseconds ms: Int64) -> Int64 {
    ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
  }

  /// The number of days in `month` (1 to 12) of `year`.
  public static func daysIn(month: Int64, year: Int64) -> Int64 {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Whether `year` has a February 29th.
  public static func isLeap(_ year: Int64) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  /// 0 for Sunday to 6 for Saturday (1970-01-01 was a Thursday).
  public var weekday: Int {
    let days = daysSinceEpoch
    return Int(((days + 4) % 7 + 7) % 7)
  }
}
