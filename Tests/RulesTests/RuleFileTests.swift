import Testing

@testable import Rules

@Suite(.timeLimit(.minutes(1)))
struct RuleFileTests {
  @Test func readsGroupsAndRulesWithTheirFields() throws {
    let file = try RuleFile.parse(
      """
      groups:
        - name: ray
          interval: 30s
          limit: 10
          rules:
            - record: job:up:sum
              expr: sum by (job) (up)
              labels:
                team: infra
            - alert: Down
              expr: up == 0
              for: 5m
              keep_firing_for: 1m
              labels: {severity: page}
              annotations:
                summary: "{{ $labels.instance }} is down"
      """, path: "r.yml")
    #expect(file.groups.count == 1)
    let group = file.groups[0]
    #expect(group.name == "ray" && group.interval == 30_000 && group.limit == 10)
    #expect(group.rules.map(\.name) == ["job:up:sum", "Down"])
    #expect(group.rules[0].labels.map(\.value) == ["infra"])
    #expect(group.rules[1].holdDuration == 300_000 && group.rules[1].keepFiringFor == 60_000)
    #expect(group.rules[1].annotations.first?.value == "{{ $labels.instance }} is down")
    #expect(file.ruleCount == 2)
  }

  @Test func keepsALabelWrittenAsANumberAsItsText() throws {
    let file = try RuleFile.parse(
      "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: vector(1)\n    labels:\n      tier: 1\n",
      path: "r.yml")
    #expect(file.groups[0].rules[0].labels.first?.value == "1")
  }

  @Test(arguments: [
    (
      "groups:\n- name: g\n  rules:\n  - record: x\n    expr: sum(\n",
      [
        "r.yml: 5:11: group \"g\", rule 1, \"x\": could not parse expression: 1:5: parse error: unclosed left parenthesis"
      ]
    ),
    (
      "groups:\n- name: g\n  rules:\n  - expr: up\n",
      ["r.yml: 0:0: 0:0: group \"g\", rule 1, \"\": one of 'record' or 'alert' must be set"]
    ),
    (
      "groups:\n- name: g\n  rules:\n  - record: a\n    alert: b\n    expr: up\n",
      ["r.yml: 4:13: 5:12: group \"g\", rule 1, \"b\": only one of 'record' and 'alert' must be set"]
    ),
    (
      "groups:\n- name: g\n  rules:\n  - record: a\n    expr: up\n    for: 5m\n",
      ["r.yml: 4:13: group \"g\", rule 1, \"a\": invalid field 'for' in recording rule"]
    ),
    (
      "groups:\n- name: g\n  rules: []\n- name: g\n  rules: []\n",
      ["r.yml: 4:3: groupname: \"g\" is repeated in the same file"]
    ),
    (
      "groups:\n- name: g\n  owner: me\n  rules: []\n",
      ["r.yml: yaml: unmarshal errors:\n  line 3: field owner not found in type rulefmt.RuleGroup"]
    ),
    (
      "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    for: 5x\n",
      ["r.yml: unknown unit \"x\" in duration \"5x\""]
    ),
  ])
  func reportsProblemsAsPromtoolWordsThem(text: String, expected: [String]) {
    #expect(throws: RuleFileError.self) { try RuleFile.parse(text, path: "r.yml") }
    do {
      _ = try RuleFile.parse(text, path: "r.yml")
    } catch {
      #expect(error.lines == expected)
    }
  }

  @Test func wordsProblemsAsPromtool242DoesUnderCompat2() {
    let options = RuleFileOptions(prometheus2: true)
    for (text, expected) in [
      (
        "groups:\n- name: g\n  rules:\n  - expr: up\n",
        "r.yml: 0:0: group \"g\", rule 1, \"\": one of 'record' or 'alert' must be set"
      ),
      (
        "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    for: 5x\n",
        "r.yml: not a valid duration string: \"5x\""
      ),
    ] {
      do {
        _ = try RuleFile.parse(text, path: "r.yml", options: options)
        Issue.record("parsed: \(text)")
      } catch {
        #expect(error.lines == [expected])
      }
    }
  }

  @Test func knowsOnlyPrometheus2FieldsUnderCompat2() {
    let text = "groups:\n- name: g\n  query_offset: 1m\n  rules: []\n"
    #expect((try? RuleFile.parse(text, path: "r.yml")) != nil)
    #expect((try? RuleFile.parse(text, path: "r.yml", options: RuleFileOptions(prometheus2: true))) == nil)
  }

  @Test func listsDuplicateRulesOnce() throws {
    let file = try RuleFile.parse(
      """
      groups:
        - name: a
          rules:
            - {record: x, expr: up}
            - {record: x, expr: up}
        - name: b
          rules:
            - {record: x, expr: up}
            - {record: x, expr: up, labels: {l: v}}
      """, path: "r.yml")
    #expect(
      file.duplicateRulesMessage
        == "1 duplicate rule(s) found.\nMetric: x\nLabel(s):\nMight cause inconsistency while recording expressions"
    )
  }
}
