import PromQL

/// Go's `time.Duration.String()` of a whole number of milliseconds: `0s`, `1m30s`, `1h0m0s`, `1.5s`.
func goDurationString(milliseconds: Int64) -> String {
  if milliseconds == 0 { return "0s" }
  let negative = milliseconds < 0
  var rest = milliseconds.magnitude
  if rest < 1_000 { return (negative ? "-" : "") + "\(rest)ms" }
  let millis = rest % 1_000
  rest /= 1_000
  var seconds = "\(rest % 60)"
  if millis != 0 {
    var fraction = String(millis)
    while fraction.count < 3 { fraction = "0" + fraction }
    while fraction.hasSuffix("0") { fraction.removeLast() }
    seconds += "." + fraction
  }
  rest /= 60
  var out = seconds + "s"
  if rest > 0 {
    out = "\(rest % 60)m" + out
    rest /= 60
    if rest > 0 { out = "\(rest)h" + out }
  }
  return (negative ? "-" : "") + out
}
