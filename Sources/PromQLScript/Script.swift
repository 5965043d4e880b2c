import Basics
import Foundation
import PromQL

/// A parsed promqltest script: its commands in file order, each with its line number.
public struct Script: Equatable, Sendable {
  /// The name errors and results are reported under.
  public var file: String
  public var commands: [ScriptCommand]

  /// Creates the value from its parts.
  public init(file: String, commands: [ScriptCommand]) {
    self.file = file
    self.commands = commands
  }

  /// Reads a script. A blank or `#` comment line ends a command's block.
  public static func parse(_ text: String, file: String) throws(ScriptError) -> Script {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      let trimmed = $0.trimmingCharacters(in: .whitespacesAndNewlines)
      return trimmed.hasPrefix("#") ? "" : trimmed
    }
    var reader = ScriptReader(file: file, lines: lines)
    return Script(file: file, commands: try reader.commands())
  }
}

/// Walks the lines of one script.
struct ScriptReader {
  let file: String
  let lines: [String]
  var index = 0
  /// Values of the script's `load` and expected series so far (bounded by
  /// ``SeriesDescription/maxValuesPerScript``).
  var expandedValues = 0

  func error(_ message: String, line: Int? = nil) -> ScriptError {
    ScriptError(file: file, line: line ?? index + 1, message: message)
  }

  mutating func commands() throws(ScriptError) -> [ScriptCommand] {
    var result: [ScriptCommand] = []
    while index < lines.count {
      let line = lines[index]
      var rest = Substring(line)
      guard let word = ScriptReader.word(&rest) else {
        index += 1
        continue
      }
      let command = word.lowercased()
      if command == "clear" {
        result.append(.clear(line: index + 1))
        index += 1
      } else if command.hasPrefix("load") {
        result.append(.load(try load(command: command, rest: rest)))
      } else if command.hasPrefix("eval") {
        result.append(.eval(try eval(command: command, rest: rest)))
      } else {
        throw error("invalid command \(ScriptQuote.double(word))")
      }
    }
    return result
  }

  /// The next word (split on blanks), removed from `text`.
  static func word(_ text: inout Substring) -> Substring? {
    text = text.drop { $0 == " " || $0 == "\t" }
    guard !text.isEmpty else { return nil }
    let word = text.prefix { $0 != " " && $0 != "\t" }
    text = text.dropFirst(word.count)
    return word
  }

  func duration(_ text: Substring?, _ what: String) throws(ScriptError) -> Int64 {
    guard let text else { throw error("missing \(what)") }
    switch PromDuration.parse(String(text)) {
    case .success(let nanoseconds): return nanoseconds / 1_000_000
    case .failure(let failure): throw error("invalid \(what) \(ScriptQuote.double(text)): \(failure.message)")
    }
  }

  /// The lines after the current one, up to the next blank line; moves past them.
  mutating func block() -> [(line: Int, text: String)] {
    var result: [(line: Int, text: String)] = []
    index += 1
    while index < lines.count, !lines[index].isEmpty {
      result.append((index + 1, lines[index]))
      index += 1
    }
    return result
  }

  mutating func load(command: String, rest: Substring) throws(ScriptError) -> LoadCommand {
    guard command == "load" || command == "load_with_nhcb" else {
      throw error("invalid command \(ScriptQuote.double(command))")
    }
    var rest = rest
    let interval = try duration(ScriptReader.word(&rest), "load interval")
    guard interval > 0 else { throw error("the load interval must be positive") }
    var load = LoadCommand(
      line: index + 1, interval: interval, withNHCB: command == "load_with_nhcb", series: [])
    // Where each label set sits in `load.series`: a later line for the same series replaces the
    // earlier one and moves to the end. Searching the array for it made loading quadratic (40,000
    // series took 37 s); superseded entries are dropped once at the end instead.
    var latest: [Labels: Int] = [:]
    var superseded = false
    for (line, text) in block() {
      do {
        // `metric@st ...` gives start timestamps, which the engine does not keep: only the series is noted.
        let metric = SeriesDescription.splitMetric(text).0
        if metric.hasSuffix("@st") {
          load.startTimestampSeries.append(try SeriesDescription.parseMetric(String(metric.dropLast(3))))
          continue
        }
        let series = try SeriesDescription.parse(
          text, budget: SeriesDescription.maxValuesPerScript - expandedValues)
        expandedValues += series.values.count
        if latest.updateValue(load.series.count, forKey: series.labels) != nil { superseded = true }
        load.series.append(series)
      } catch {
        throw self.error(error.message, line: line)
      }
    }
    if superseded {
      load.series = load.series.enumerated().filter { latest[$0.element.labels] == $0.offset }.map(\.element)
    }
    return load
  }
}
