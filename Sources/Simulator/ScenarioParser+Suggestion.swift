extension ScenarioParser {
  /// `did you mean 'X'? ` for a word within one or two edits (a swapped pair counts once) of
  /// one of `candidates`, or nothing; it opens the parenthesis of a message.
  static func didYouMean(_ word: String, _ candidates: [String]) -> String {
    let limit = max(1, min(2, word.count / 3))
    var best: (String, Int)?
    for candidate in candidates {
      let d = editDistance(Array(word), Array(candidate))
      if d <= limit, d < (best?.1 ?? .max) { best = (candidate, d) }
    }
    return best.map { "did you mean '\($0.0)'? " } ?? ""
  }

  /// Optimal string alignment distance.
  private static func editDistance(_ x: [Character], _ y: [Character]) -> Int {
    if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
    var rows = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
    for i in 0...x.count { rows[i][0] = i }
    for j in 0...y.count { rows[0][j] = j }
    for i in 1...x.count {
      for j in 1...y.count {
        var d = min(
          rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d = min(d, rows[i - 2][j - 2] + 1) }
        rows[i][j] = d
      }
    }
    return rows[x.count][y.count]
  }
}
