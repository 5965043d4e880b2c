import Basics

/// Go's `time.Time` (always UTC here) and `time.Duration` printing, and the few methods alert
/// templates call on them (`(now | toTime).Format "2006"`, `(1800 | toDuration).String`).
enum GoTime {
  static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
  ]
  static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

  /// The civil UTC fields of an instant.
  struct Civil {
    var year: Int64, month: Int, day: Int, hour: Int, minute: Int, second: Int, nanosecond: Int
    var weekday: Int, yearDay: Int
  }

  static func civil(_ nanoseconds: Int64) -> Civil {
    let (seconds, nanos) = floorDivide(nanoseconds, 1_000_000_000)
    let (days, secondOfDay) = floorDivide(seconds, 86_400)
    let date = CivilDate(daysSinceEpoch: days)
    let (year, month, day) = (date.year, Int(date.month), Int(date.day))
    let cumulative = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
    let yearDay = cumulative[month - 1] + day + (CivilDate.isLeap(year) && month > 2 ? 1 : 0)
    let weekday = Int(floorDivide(days + 4, 7).remainder)
    return Civil(
      year: year, month: month, day: day, hour: Int(secondOfDay / 3600), minute: Int(secondOfDay % 3600 / 60),
      second: Int(secondOfDay % 60), nanosecond: Int(nanos), weekday: weekday, yearDay: yearDay)
  }

  static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
    var quotient = value / divisor
    var remainder = value % divisor
    if remainder < 0 {
      quotient -= 1
      remainder += divisor
    }
    return (quotient, remainder)
  }

  /// `String()` of a time or duration value.
  static func string(of value: TemplateValue) -> String {
    switch value {
    case .time(let nanoseconds): format(nanoseconds, layout: "2006-01-02 15:04:05.999999999 -0700 MST")
    case .duration(let nanoseconds): GoDuration.string(nanoseconds: nanoseconds)
    default: ""
    }
  }

  private static func padded(_ value: Int64, _ width: Int, _ fill: Character = "0") -> String {
    let digits = String(value.magnitude)
    let body = String(repeating: fill, count: max(0, width - digits.count)) + digits
    return value < 0 ? "-" + body : body
  }

  /// Go's `Time.Format` for a UTC time, with the standard layout elements.
  static func format(_ nanoseconds: Int64, layout: String) -> String {
    let time = civil(nanoseconds)
    let chars = Array(layout)
    var result = ""
    var index = 0
    func has(_ text: String) -> Bool {
      let needle = Array(text)
      return index + needle.count <= chars.count && Array(chars[index..<(index + needle.count)]) == needle
    }
    // Longest elements first, as Go's layout scanner prefers them.
    let elements: [(String, () -> String)] = [
      ("January", { monthNames[time.month - 1] }), ("Jan", { String(monthNames[time.month - 1].prefix(3)) }),
      ("Monday", { dayNames[time.weekday] }), ("Mon", { String(dayNames[time.weekday].prefix(3)) }),
      ("MST", { "UTC" }), ("2006", { padded(time.year, 4) }), ("002", { padded(Int64(time.yearDay), 3) }),
      ("__2", { padded(Int64(time.yearDay), 3, " ") }), ("01", { padded(Int64(time.month), 2) }),
      ("02", { padded(Int64(time.day), 2) }), ("03", { padded(Int64(hour12(time.hour)), 2) }),
      ("04", { padded(Int64(time.minute), 2) }), ("05", { padded(Int64(time.second), 2) }),
      ("06", { padded(time.year % 100, 2) }), ("15", { padded(Int64(time.hour), 2) }),
      ("1", { String(time.month) }),
      ("_2", { padded(Int64(time.day), 2, " ") }), ("2", { String(time.day) }),
      ("3", { String(hour12(time.hour)) }), ("4", { String(time.minute) }), ("5", { String(time.second) }),
      ("PM", { time.hour >= 12 ? "PM" : "AM" }), ("pm", { time.hour >= 12 ? "pm" : "am" }),
      ("-07:00:00", { "+00:00:00" }), ("-070000", { "+000000" }), ("-07:00", { "+00:00" }),
      ("-0700", { "+0000" }), ("-07", { "+00" }), ("Z07:00:00", { "Z" }), ("Z070000", { "Z" }),
      ("Z07:00", { "Z" }), ("Z0700", { "Z" }), ("Z07", { "Z" }),
    ]
    outer: while index < chars.count {
      let character = chars[index]
      if character == "." || character == ",", index + 1 < chars.count,
        chars[index + 1] == "0" || chars[index + 1] == "9"
      {
        let digit = chars[index + 1]
        var end = index + 1
        while end < chars.count && chars[end] == digit { end += 1 }
        if end == chars.count || !chars[end].isNumber {
          var fraction = padded(Int64(time.nanosecond), 9)
          fraction = String(fraction.prefix(end - index - 1))
          if digit == "9" {
            while fraction.hasSuffix("0") { fraction.removeLast() }
            result += fraction.isEmpty ? "" : String(character) + fraction
          } else {
            result += String(character) + fraction
          }
          index = end
          continue
        }
      }
      for (element, render) in elements where has(element) {
        result += render()
        index += element.count
        continue outer
      }
      result.append(character)
      index += 1
    }
    return result
  }

  private static func hour12(_ hour: Int) -> Int {
    let value = hour % 12
    return value == 0 ? 12 : value
  }

  /// Calls a method of a time or duration; nil when the value has no such method.
  static func method(_ name: String, on value: TemplateValue, args: [TemplateValue])
    -> Result<TemplateValue, TemplateFunctionError>?
  {
    switch value {
    case .time(let nanoseconds):
      let (seconds, _) = floorDivide(nanoseconds, 1_000_000_000)
      let time = civil(nanoseconds)
      switch (name, args.first) {
      case ("Format", .string(let layout)?): return .success(.string(format(nanoseconds, layout: layout)))
      case ("Add", .duration(let delta)?):
        return .success(.time(nanoseconds: nanoseconds &+ delta))
      case ("Sub", .time(let other)?): return .success(.duration(nanoseconds: nanoseconds &- other))
      case ("String", nil): return .success(.string(string(of: value)))
      case ("Unix", nil): return .success(.int(Int(seconds)))
      case ("UnixMilli", nil): return .success(.int(Int(floorDivide(nanoseconds, 1_000_000).quotient)))
      case ("UnixMicro", nil): return .success(.int(Int(floorDivide(nanoseconds, 1000).quotient)))
      case ("UnixNano", nil): return .success(.int(Int(nanoseconds)))
      case ("UTC", nil), ("Local", nil): return .success(value)
      case ("Year", nil): return .success(.int(Int(time.year)))
      case ("Day", nil): return .success(.int(time.day))
      case ("Hour", nil): return .success(.int(time.hour))
      case ("Minute", nil): return .success(.int(time.minute))
      case ("Second", nil): return .success(.int(time.second))
      case ("Nanosecond", nil): return .success(.int(time.nanosecond))
      case ("YearDay", nil): return .success(.int(time.yearDay))
      case ("Month", nil): return .success(.string(monthNames[time.month - 1]))
      case ("Weekday", nil): return .success(.string(dayNames[time.weekday]))
      default: return nil
      }
    case .duration(let nanoseconds):
      switch (name, args.isEmpty) {
      case ("String", true): return .success(.string(GoDuration.string(nanoseconds: nanoseconds)))
      case ("Seconds", true): return .success(.float(Double(nanoseconds) / 1e9))
      case ("Minutes", true): return .success(.float(Double(nanoseconds) / 6e10))
      case ("Hours", true): return .success(.float(Double(nanoseconds) / 3.6e12))
      case ("Milliseconds", true): return .success(.int(Int(nanoseconds / 1_000_000)))
      case ("Microseconds", true): return .success(.int(Int(nanoseconds / 1000)))
      case ("Nanoseconds", true): return .success(.int(Int(nanoseconds)))
      default: return nil
      }
    default:
      return nil
    }
  }
}
