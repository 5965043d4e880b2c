import Basics

extension ScenarioParser {
  /// `did you mean 'X'? ` for a word close to one of `candidates` (``Suggestion``), or nothing;
  /// it opens the parenthesis of a message.
  static func didYouMean(_ word: String, _ candidates: [String]) -> String {
    Suggestion.closest(to: word, among: candidates).map { "did you mean '\($0)'? " } ?? ""
  }
}
