import Templates
import Testing

@Suite(.timeLimit(.minutes(1)))
struct PrintfTests {
  /// `printf` format, arguments as template operands, expected output.
  static let cases: [GoldenCase] = [
    GoldenCase("%s|%v|%q", "\"str\" \"str\" \"str\"").expecting("str|str|\"str\""),
    GoldenCase("%d|%5d|%-5d|%05d|%+d|% d", "42 42 42 42 42 42").expecting("42|   42|42   |00042|+42| 42"),
    GoldenCase("%d|%05d|%x|%X|%o|%b|%#x|%#o", "-42 -42 255 255 8 5 255 8").expecting(
      "-42|-0042|ff|FF|10|101|0xff|010"),
    GoldenCase("%x", "-255").expecting("-ff"),
    GoldenCase("%.3d|%8.3d", "7 7").expecting("007|     007"),
    GoldenCase("%c|%q|%U|%#U", "65 65 233 233").expecting("A|'A'|U+00E9|U+00E9 'é'"),
    GoldenCase("%f|%.2f|%8.3f|%-8.1f|%08.3f|%+.1f", "3.14159 3.14159 3.14159 3.14159 -3.14159 2.0")
      .expecting("3.141590|3.14|   3.142|3.1     |-003.142|+2.0"),
    GoldenCase("%e|%.2e|%E", "1234.5678 1234.5678 0.000012").expecting("1.234568e+03|1.23e+03|1.200000E-05"),
    GoldenCase("%g|%g|%g|%g|%.3g|%.4g", "0.1 1000000.0 1e-7 123456789.0 1234.5678 100.0")
      .expecting("0.1|1e+06|1e-07|1.23456789e+08|1.23e+03|100"),
    GoldenCase("%v|%v|%v", "1.5 100.0 1e21").expecting("1.5|100|1e+21"),
    GoldenCase("%0.2f", "3720.01").expecting("3720.01"),
    GoldenCase("%t|%v|%5t", "true false true").expecting("true|false| true"),
    GoldenCase("%x|%X|% x|%#x", "\"hi\" \"hi\" \"hi\" \"hi\"").expecting("6869|6869|68 69|0x6869"),
    GoldenCase("%.2s|%5s|%-5s|%05s", "\"hello\" \"ab\" \"ab\" \"ab\"").expecting("he|   ab|ab   |000ab"),
    GoldenCase("%q|%#q", "\"a\\n\\\"b\" \"raw\"").expecting("\"a\\n\\\"b\"|`raw`"),
    GoldenCase("%%|%d%%", "50").expecting("%|50%"),
    GoldenCase("%d", "\"x\"").expecting("%!d(string=x)"),
    GoldenCase("%s", "1.5").expecting("%!s(float64=1.5)"),
    GoldenCase("%d", "1.5").expecting("%!d(float64=1.5)"),
    GoldenCase("%t", "1").expecting("%!t(int=1)"),
    GoldenCase("%d %d", "1").expecting("1 %!d(MISSING)"),
    GoldenCase("%d", "1 \"x\" 2").expecting("1%!(EXTRA string=x, int=2)"),
    GoldenCase("%z", "1").expecting("%!z(int=1)"),
    GoldenCase("%", "").expecting("%!(NOVERB)"),
    GoldenCase("%*d|%-*d|%.*f", "5 1 4 2 2 3.14159").expecting("    1|2   |3.14"),
    GoldenCase("%T %T %T %T", "1 1.5 \"s\" true").expecting("int float64 string bool"),
    GoldenCase("%f|%v|%5.1f|%+f|%f", "1e400 -1e400 1e400 1e400 $nan").expecting("+Inf|-Inf| +Inf|+Inf|NaN"),
  ]

  @Test(arguments: cases)
  func printfFormatsAsGo(_ golden: GoldenCase) {
    let nan = TemplateFunction(parameters: []) { _ in .float(.nan) }
    let args = golden.expected.isEmpty ? "" : " " + golden.expected.replacing("$nan", with: "(nan)")
    let text = "{{ printf " + "\"" + golden.text + "\"" + args + " }}"
    #expect(render(text, functions: ["nan": nan]) == golden.data.expectedText)
  }

  @Test func printOfCompositeValues() {
    #expect(
      render("{{ printf \"%v|%d|%s\" .Ints .Ints .List }}", data: sampleData) == "[1 2 3]|[1 2 3]|[a b c]")
    #expect(render("{{ printf \"%v %+v\" .Rec .Rec }}", data: sampleData) == "{1 x} {A:1 B:x}")
    #expect(
      render("{{ printf \"%v\" .Nil }}|{{ printf \"%d\" .Nil }}", data: sampleData) == "<nil>|%!d(<nil>)")
    #expect(render("{{ printf \"%v\" . }}", data: ["a", nil]) == "[a <nil>]")
  }
}

extension GoldenCase {
  /// Printf cases keep the format in `text`, the operands in `expected` and the output in `data`.
  func expecting(_ output: String) -> GoldenCase {
    GoldenCase(text, expected, data: .string(output))
  }
}

extension TemplateValue {
  var expectedText: String {
    if case .string(let text) = self { return text }
    return ""
  }
}
