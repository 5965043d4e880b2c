import Templates
import Testing

/// One golden case: template text, data, and the expected output or `ERR: message`.
struct GoldenCase: CustomTestStringConvertible, Sendable {
  var text: String
  var expected: String
  var data: TemplateValue = .null

  init(_ text: String, _ expected: String, data: TemplateValue = .null) {
    self.text = text
    self.expected = expected
    self.data = data
  }

  var testDescription: String { text }
}

/// Renders a template, turning any error into `ERR: message` so cases can be compared as text.
func render(
  _ text: String, data: TemplateValue = .null, name: String = "test",
  functions: [String: TemplateFunction] = [:], options: TemplateOptions = TemplateOptions()
) -> String {
  do {
    let template = try Template(name: name, text: text, functions: functions)
    return try template.execute(data, options: options)
  } catch {
    return "ERR: \(error.message)"
  }
}

/// Data shared by the Go template cases.
let sampleData: TemplateValue = [
  "Name": "node", "Count": 3, "Ratio": 0.25, "Empty": "", "Zero": 0, "On": true, "Nil": nil,
  "List": ["a", "b", "c"], "Ints": [1, 2, 3], "None": [],
  "Map": ["z": 26, "a": 1, "m": 13],
  "Labels": .stringMap(["job": "api", "instance": "host:9090"]),
  "Nested": ["Inner": ["Deep": "bottom"]],
  "Rec": .record(
    TemplateRecord(typeName: "main.T", fields: [.init(name: "A", value: 1), .init(name: "B", value: "x")])),
]
