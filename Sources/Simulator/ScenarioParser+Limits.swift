/// The totals a whole scenario implies, known only once every line is read.
extension ScenarioParser {
  /// Scrapes (targets × duration / interval) and model steps (nodes × duration / resolution),
  /// reported at the `duration` line since that is what usually makes them large.
  func checkWork(_ scenario: Scenario) throws(ScenarioError) {
    let endpoints = scenario.profile.endpoints
    let perNode = endpoints.filter { !$0.headOnly }.count
    let targets = Int64(scenario.nodes.count * perNode + endpoints.count - perNode)
    let nodes = Int64(scenario.nodes.count)
    let scrapesPerTarget = scenario.durationMs / scenario.intervalMs + 1
    let steps = scenario.durationMs / scenario.resolutionMs + 1
    let (scrapes, scrapesOverflow) = targets.multipliedReportingOverflow(by: scrapesPerTarget)
    let (modelSteps, stepsOverflow) = nodes.multipliedReportingOverflow(by: steps)
    let g = ScenarioLimits.grouped as (Int64) -> String
    if scrapesOverflow || scrapes > ScenarioLimits.maxScrapes {
      throw place(
        "too much to simulate: \(g(targets)) targets × \(g(scrapesPerTarget)) scrapes "
          + "(duration / interval) is \(scrapesOverflow ? "beyond \(g(.max))" : g(scrapes)) scrapes "
          + "(limit \(g(ScenarioLimits.maxScrapes)) per scenario)")
    }
    if stepsOverflow || modelSteps > ScenarioLimits.maxModelSteps {
      throw place(
        "too much to simulate: \(g(nodes)) nodes × \(g(steps)) model steps "
          + "(duration / resolution) is \(stepsOverflow ? "beyond \(g(.max))" : g(modelSteps)) steps "
          + "(limit \(g(ScenarioLimits.maxModelSteps)) per scenario)")
    }
  }

  private func place(_ message: String) -> ScenarioError {
    ScenarioError(file: file, line: durationPlace.line, column: durationPlace.column, message: message)
  }
}
