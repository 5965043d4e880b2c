/// "Did you mean ...?" for a mistyped name: a command, an option, a scenario directive, an alert.
public enum Suggestion {
  /// The candidate closest to `word`: one it starts (a unique prefix), or one within a small edit
  /// distance (a swapped pair of letters counts once; at most 1 or 2 edits by length unless
  /// `maxDistance` says otherwise); nil when nothing is close.
  public static func closest(
    to word: String, among candidates: [String], ignoringCase: Bool = false, maxDistance: Int? = nil
  ) -> String? {
    guard !word.isEmpty else { return nil }
    let fold: (String) -> String = ignoringCase ? { $0.lowercased() } : { $0 }
    let key = fold(word)
    let prefixed = candidates.filter { fold($0).hasPrefix(key) }
    if word.count >= 2, prefixed.count == 1 { return prefixed[0] }
    let limit = maxDistance ?? max(1, min(2, word.count / 3))
    var best: (String, Int)?
    for candidate in candidates {
      let d = distance(key, fold(candidate))
      if d <= limit, d < (best?.1 ?? .max) { best = (candidate, d) }
    }
    return best?.0
  }

  /// `; did you mean 'X'?` or nothing.
  public static func hint(_ word: String, among candidates: [String], prefix: String = "") -> String {
    closest(to: word, among: candidates).map { "; did you mean '\(prefix)\($0)'?" } ?? ""
  }

  /// Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps.
  public static func distance(_ a: String, _ b: String) -> Int {
    let x = Array(a)
    let y = Array(b)
    if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
    var rows = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
    for i in 0...x.count { rows[i][0] = i }
    for j in 0...y.count { rows[0][j] = j }
    for i in 1...x.count {
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        var d = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
        if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d = min(d, rows[i - 2][j - 2] + 1) }
        rows[i][j] = d
      }
    }
    return rows[x.count][y.count]
  }
}
