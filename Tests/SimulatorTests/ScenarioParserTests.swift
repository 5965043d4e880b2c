import Testing

@testable import Simulator

@Suite(.timeLimit(.minutes(5)))
struct ScenarioParserTests {
  static let valid = """
    # A comment line.
    scenario "demo run"   # trailing comment
    cluster demo
    profile ray-2.60
    seed 9
    start 2026-11-25T12:00:00Z
    duration 10m
    interval 5s
    resolution 1s

    node head 127.0.0.1 head cpus=4 memory=16GiB object-store=2GiB
    nodes w 3 127.0.0.2+ cpus=8
    node alt 127.0.0.1 agent=8081 absent
    actor Flaky on w1 count=2 task-time=50ms calls=5/s
    task work rate=4/s duration=1s failures=5%
    series counter w2.agent app_total{route="/a b"} 0+1x3 _ 7
    at 1m actor Flaky crash-loop every 20s for 5m
    at 2m tasks work rate 50/s for 1m
    at 2m object-store w1 fill 150% over 1m for 3m
    at 3m node w3 leave for 2m
    at 3m node alt join
    at 4m gcs latency 800ms over 1m
    at 5m fault w1.agent http 503 for 30s
    at 5m fault head slow 3s
    at 6m actor Flaky crash
    """

  @Test func parsesEveryDirective() throws {
    let s = try Scenario.parse(Self.valid, file: "demo.scn")
    #expect(s.title == "demo run")
    #expect(s.cluster == "demo")
    #expect(s.profile == .ray260)
    #expect(s.seed == 9)
    #expect(s.startUnixMs == 1_795_608_000_000)
    #expect(s.durationMs == 600_000)
    #expect(s.nodes.map(\.name) == ["head", "w1", "w2", "w3", "alt"])
    #expect(s.nodes.map(\.address) == ["127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.1"])
    #expect(s.nodes[0].isHead && !s.nodes[1].isHead)
    #expect(s.nodes[4].ports["agent"] == 8081 && !s.nodes[4].presentAtStart)
    #expect(s.nodes[1].cpus == 8 && s.nodes[0].objectStoreBytes == 2 * 1_073_741_824)
    #expect(s.actors.first?.count == 2 && s.actors.first?.taskSeconds == 0.05)
    #expect(s.tasks.first?.failureRatio == 0.05)
    #expect(s.series.first?.values == [0, 1, 2, 3, nil, 7])
    #expect(s.events.count == 9)
    #expect(s.events[0].action == .crashLoop(actor: 0, everyMs: 20_000) && s.events[0].untilMs == 360_000)
    #expect(s.events[2].action == .objectStoreFill(node: 1, fraction: 1.5, rampMs: 60_000))
    #expect(s.events[6].action == .fault(node: 1, endpoint: "agent", kind: .http(status: 503)))
    #expect(s.events[7].action == .fault(node: 0, endpoint: nil, kind: .slow(ms: 3000)))
  }

  @Test func defaultsApplyWhenOmitted() throws {
    let s = try Scenario.parse("profile seed\nduration 1m\nnode a 127.0.0.1\n", file: "min.scn")
    #expect(s.intervalMs == 5000 && s.resolutionMs == 1000 && s.seed == 42)
    #expect(s.nodes[0].isHead && s.nodes[0].ports == ["raylet": 8265, "dashboard": 8080, "gcs": 8126])
  }

  struct BadCase: Sendable, CustomTestStringConvertible {
    var text: String
    var line: Int
    var column: Int
    var message: String
    var testDescription: String { message }
  }

  static let header = "profile ray-2.60\nduration 10m\nnode head 127.0.0.1\n"

  static let bad: [BadCase] = [
    BadCase(text: "bogus 1\n", line: 1, column: 1, message: "unknown directive 'bogus'"),
    BadCase(
      text: "duration 1m\nnode a 127.0.0.1\n", line: 2, column: 1,
      message: "declare 'profile' before the nodes"),
    BadCase(
      text: "profile seed\nnode a 127.0.0.1\n", line: 1, column: 1,
      message: "missing 'duration' (for example: duration 10m)"),
    BadCase(
      text: "profile ray-3\n", line: 1, column: 9,
      message: "unknown profile 'ray-3' (expected seed or ray-2.60)"),
    BadCase(
      text: header + "duration 5m\n", line: 4, column: 1,
      message: "'duration' given twice (first on line 2)"),
    BadCase(
      text: header + "interval 5x\n", line: 4, column: 10,
      message: "bad duration '5x' (for example 90s, 1m30s, 500ms, 2h)"),
    BadCase(
      text: header + "node w1 127.0.0.300\n", line: 4, column: 9,
      message: "bad IPv4 address '127.0.0.300'"),
    BadCase(
      text: header + "node w1 127.0.0.1\n", line: 4, column: 9,
      message: "127.0.0.1:8080 is already used by node 'head'; give each node its own address or ports"),
    BadCase(
      text: header + "node w1 127.0.0.2 gpus=1\n", line: 4, column: 19,
      message:
        "unknown option 'gpus' (did you mean 'cpus'? expected one of: head, absent, cpus, memory, object-store, agent, autoscaler, dashboard)"
    ),
    // Issue 15, point 15: typos get a "did you mean".
    BadCase(
      text: header + "duraton 5m\n", line: 4, column: 1,
      message: "unknown directive 'duraton' (did you mean 'duration'?)"),
    BadCase(
      text: header + "at 1m fault head dwon\n", line: 4, column: 18,
      message:
        "unknown fault 'dwon' (did you mean 'down'? expected down, hang, slow, http, reset, truncate or malformed)"
    ),
    BadCase(
      text: header + "node w1 127.0.0.2 cpus=4 cpus=5 gpus=1\n", line: 4, column: 26,
      message: "option 'cpus' given twice"),
    BadCase(
      text: header + "node w1 127.0.0.2 cpus=0\n", line: 4, column: 24,
      message: "cpus must be an integer from 1 to 1024"),
    BadCase(
      text: header + "node w1 127.0.0.2 head\n", line: 4, column: 19,
      message: "the head node must be declared first ('head' is the head)"),
    BadCase(
      text: header + "actor A on nowhere\n", line: 4, column: 12,
      message: "unknown node 'nowhere' (declare it with 'node' first)"),
    BadCase(
      text: header + "at 1m actor Ghost crash\n", line: 4, column: 13,
      message: "unknown actor 'Ghost' (declare it with 'actor' first)"),
    BadCase(
      text: header + "at 11m node head join\n", line: 4, column: 4,
      message: "time 11m is not before the end of the scenario"),
    BadCase(
      text: header + "at 2m node head leave\n", line: 4, column: 12,
      message: "the head node cannot leave (its loss ends the cluster)"),
    BadCase(
      text: header + "at 2m fault head.raylet down\n", line: 4, column: 18,
      message: "unknown endpoint 'raylet' (this profile has: agent, autoscaler, dashboard)"),
    BadCase(
      text: header + "at 2m fault head explode\n", line: 4, column: 18,
      message: "unknown fault 'explode' (expected down, hang, slow, http, reset, truncate or malformed)"),
    BadCase(
      text: header + "at 2m fault head http 200\n", line: 4, column: 23,
      message: "HTTP status must be from 400 to 599"),
    BadCase(
      text: header + "at 2m fault head down for\n", line: 4, column: 26, message: "'for' needs a duration"),
    BadCase(
      text: header + "at 2m gcs latency 1s during 1m\n", line: 4, column: 22,
      message: "unexpected 'during' (expected 'for DUR', 'over DUR')"),
    BadCase(
      text: header + "at 3m gcs latency 1s\nat 2m gcs latency 2s\n", line: 5, column: 4,
      message: "events must be in time order (line 4 is later)"),
    BadCase(
      text: header + "series head.agent x{a=\"b\" 1\n", line: 4, column: 20, message: "unterminated '{'"),
    BadCase(
      text: header + "series counter head.agent x 1 2\n", line: 4, column: 27,
      message: "a counter's name must end in _total"),
    BadCase(
      text: header + "series head.agent x 1 1..2\n", line: 4, column: 23,
      message: "bad value '1..2' (expected v, _, _xN, vxN, a+bxN or a-bxN)"),
    BadCase(
      text: header + "scenario untitled\n", line: 4, column: 10,
      message: "the title must be a \"quoted string\""),
    BadCase(
      text: header + "actor A on head\nat 1m actor A crash-loop for 1m\n", line: 5, column: 25,
      message: "crash-loop needs 'every DUR'"),
  ]

  @Test(arguments: bad)
  func reportsTheFirstProblemWithItsPlace(_ c: BadCase) {
    let error = #expect(throws: ScenarioError.self) { try Scenario.parse(c.text, file: "bad.scn") }
    #expect(error?.message == c.message)
    #expect(error?.line == c.line)
    #expect(error?.column == c.column)
  }

  @Test func errorDescriptionNamesFileLineAndColumn() {
    let error = #expect(throws: ScenarioError.self) { try Scenario.parse("oops\n", file: "x/y.scn") }
    #expect(error?.description == "x/y.scn:1:1: unknown directive 'oops'")
  }

  @Test func loadReportsAMissingFile() {
    let error = #expect(throws: ScenarioError.self) { try Scenario.load(path: "/nonexistent/z.scn") }
    #expect(error?.description == "/nonexistent/z.scn:1:1: cannot read the file")
  }

  @Test func everyShippedScenarioParses() throws {
    #expect(Scenarios.files.count >= 7)
    var profiles: [Profile: Int] = [:]
    for name in Scenarios.files {
      let s = try Scenarios.load(name)
      profiles[s.profile, default: 0] += 1
    }
    #expect(profiles[.ray260, default: 0] >= 3)
    #expect(profiles[.seed, default: 0] >= 1)
  }
}

@Suite(.timeLimit(.minutes(5)))
struct ScenarioParserRobustnessTests {
  /// Mutations of a valid file (characters dropped, doubled or replaced) either parse, and then
  /// simulate without trapping, or fail with one positioned error.
  @Test func mutatedFilesNeverTrap() throws {
    let base = Array(ScenarioParserTests.valid.unicodeScalars)
    let junk: [Unicode.Scalar] = [
      "0", "9", "x", "=", "+", "%", "\"", "{", "}", "#", " ", "\n", ".", "-", "_",
    ]
    var g = SplitMix(seed: 17)
    for _ in 0..<400 {
      var text = base
      for _ in 0..<Int.random(in: 1...3, using: &g) {
        let i = Int.random(in: 0..<text.count, using: &g)
        switch Int.random(in: 0..<3, using: &g) {
        case 0: text.remove(at: i)
        case 1: text.insert(text[i], at: i)
        default: text[i] = junk[Int.random(in: 0..<junk.count, using: &g)]
        }
      }
      let source = String(String.UnicodeScalarView(text))
      do {
        let scenario = try Scenario.parse(source, file: "m.scn")
        let sim = Simulation(scenario: scenario)
        for target in sim.targets.indices {
          for t in [0, scenario.durationMs / 2, scenario.durationMs + 7_000] {
            _ = sim.response(for: target, at: t, accept: nil)
          }
        }
      } catch {
        #expect(error.line >= 1 && error.column >= 1 && !error.message.isEmpty)
      }
    }
  }
}
