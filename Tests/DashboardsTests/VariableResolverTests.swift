import PromQL
import Testing

@testable import Dashboards

@Suite(.timeLimit(.minutes(5))) struct VariableResolverTests {
  static func resolve(_ variables: [TemplateVariable], overrides: [String: [String]] = [:])
    -> VariableResolution
  {
    var resolver = VariableResolver(engine: Fixtures.engine, from: Fixtures.start, to: Fixtures.end)
    resolver.overrides = overrides
    return resolver.resolve(variables)
  }

  @Test func anEmptySelectionWithAllPicksAll() {
    let v = TemplateVariable(
      name: "state", kind: .query, query: "label_values(ray_tasks, State)", includeAll: true)
    let r = Self.resolve([v])
    #expect(r.values["state"]?.isAll == true)
    #expect(r.values["state"]?.values == ["FINISHED", "RUNNING"])
    #expect(r.options["state"] == ["FINISHED", "RUNNING"])
  }

  @Test func aStaleSelectionFallsBackToTheFirstOption() {
    let v = TemplateVariable(
      name: "i", kind: .query, query: "label_values(up, instance)", current: ["gone:9"], sort: 2)
    #expect(Self.resolve([v]).values["i"]?.values == ["b:2"])
  }

  @Test func aValidSelectionIsKept() {
    let v = TemplateVariable(
      name: "i", kind: .query, query: "label_values(up, instance)", multi: true, current: ["b:2", "a:1"])
    #expect(Self.resolve([v]).values["i"]?.values == ["b:2", "a:1"])
  }

  @Test func dependentVariablesResolveInOrder() {
    let session = TemplateVariable(
      name: "s", kind: .query, query: "label_values(ray_tasks{State=\"$state\"}, SessionName)")
    let state = TemplateVariable(name: "state", kind: .custom, query: "FINISHED, NOPE", current: ["FINISHED"])
    let r = Self.resolve([session, state])
    #expect(r.values["s"]?.values == ["s1"])
  }

  @Test func queryResultWithANamedGroupRegex() {
    let v = TemplateVariable(
      name: "s", kind: .query,
      query: "query_result(count by (SessionName)(last_over_time(ray_tasks[$__range])))",
      regex: "{SessionName=\"(?<value>.*)\".*")
    let r = Self.resolve([v])
    #expect(r.problems.isEmpty)
    #expect(r.values["s"]?.values == ["s1"])
  }

  @Test func regexFiltersAndCaptures() throws {
    let options = try VariableResolver.filter(["a:1", "b:2", "c"], regex: "/([a-b]):\\d/")
    #expect(options.map(\.value) == ["a", "b"])
    let named = try VariableResolver.filter(["x=1 y", "x=2 z"], regex: "x=(?<value>\\d) (?<text>\\w)")
    #expect(named.map(\.value) == ["1", "2"] && named.map(\.text) == ["y", "z"])
  }

  @Test func customTextboxConstantAndInterval() {
    let r = Self.resolve([
      TemplateVariable(name: "c", kind: .custom, query: "a\\,b, c : d"),
      TemplateVariable(name: "t", kind: .textbox, query: "default"),
      TemplateVariable(name: "k", kind: .constant, query: "K"),
      TemplateVariable(name: "w", kind: .interval, query: "30s,1m,5m", current: ["1m"]),
    ])
    #expect(r.options["c"] == ["a,b", "d"])
    #expect(r.values["t"]?.values == ["default"])
    #expect(r.values["k"]?.values == ["K"])
    #expect(r.values["w"]?.values == ["1m"])
  }

  @Test func overridesWinAndAllSelectsAll() {
    let v = TemplateVariable(
      name: "i", kind: .query, query: "label_values(up, instance)", includeAll: true, allValue: ".+")
    #expect(Self.resolve([v], overrides: ["i": ["b:2"]]).values["i"]?.values == ["b:2"])
    #expect(Self.resolve([v], overrides: ["i": ["All"]]).values["i"]?.allValue == ".+")
  }

  @Test func aFailingQueryIsAProblemNotACrash() {
    let v = TemplateVariable(name: "bad", kind: .query, query: "query_result(sum(")
    let r = Self.resolve([v])
    #expect(r.problems["bad"]?.contains("parse error") == true)
    #expect(r.values["bad"]?.values == [""])
  }

  @Test func sortOrders() {
    let options = ["b10", "a2", "B1"].map { (text: $0, value: $0) }
    #expect(VariableResolver.sorted(options, by: 1).map(\.value) == ["B1", "a2", "b10"])
    #expect(VariableResolver.sorted(options, by: 3).map(\.value) == ["B1", "a2", "b10"])
    #expect(VariableResolver.sorted(options, by: 6).map(\.value) == ["b10", "B1", "a2"])
  }
}
