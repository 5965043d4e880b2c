import Basics

/// IMF-fixdate (RFC 9110 §5.6.7), e.g. `Wed, 25 Nov 2026 11:44:05 GMT`, to and from unix seconds.
public enum HTTPDate {
  static let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
  static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

  /// Formats unix seconds; years outside 0...9999 give an empty string (never equal to a header).
  public static func format(_ seconds: Int64) -> String {
    let day = seconds.dividedFloor(by: 86_400)
    let secondOfDay = seconds - day * 86_400
    let date = CivilDate(daysSinceEpoch: day)
    let (year, month, dayOfMonth) = (date.year, date.month, date.day)
    guard (0...9999).contains(year) else { return "" }
    let weekday = Int(((day % 7) + 7) % 7)
    func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
    var yearText = String(year)
    while yearText.count < 4 { yearText = "0" + yearText }
    return "\(days[weekday]), \(two(dayOfMonth)) \(months[Int(month) - 1]) \(yearText) "
      + "\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) GMT"
  }

  /// Parses the fixed layout into unix seconds; nil for anything else (the caller compares
  /// `format` with the text).
  public static func parse(_ text: String) -> Int64? {
    let bytes = Array(text.utf8)
    guard bytes.count == 29, bytes[3] == UInt8(ascii: ","), bytes[25...] == Array(" GMT".utf8)[...] else {
      return nil
    }
    func number(_ range: Range<Int>) -> Int64? {
      var value: Int64 = 0
      for byte in bytes[range] {
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        value = value * 10 + Int64(byte - UInt8(ascii: "0"))
      }
      return value
    }
    let monthName = String(decoding: bytes[8..<11], as: UTF8.self)
    guard let monthIndex = months.firstIndex(of: monthName), let day = number(5..<7),
      let year = number(12..<16), let hour = number(17..<19), let minute = number(20..<22),
      let second = number(23..<25)
    else { return nil }
    let days = CivilDate(year: year, month: Int64(monthIndex + 1), day: day).daysSinceEpoch
    return days * 86_400 + hour * 3600 + minute * 60 + second
  }
}
