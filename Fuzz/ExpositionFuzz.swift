// libFuzzer entry point for the exposition parser. Compiled into the Exposition module by
// scripts/fuzz exposition (not part of the SwiftPM build).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExposition(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  for format in ExpositionFormat.allCases {
    for strict in [true, false] {
      var parser = ExpositionParser(bytes: bytes, format: format, strict: strict)
      do {
        while let entry = try parser.next() {
          switch entry {
          case .sample: _ = parser.sample()
          case .help: _ = parser.helpText()
          default: _ = parser.metricName()
          }
        }
      } catch {
        // An error points into the input, and quotes no long token whole.
        if error.line < 1 || error.column < 1 || error.offset < 0 || error.offset > size {
          fatalError("error outside the input: \(error) (\(size) bytes)")
        }
        if error.message.isEmpty || error.message.utf8.count > 600 { fatalError("bad message: \(error)") }
      }
    }
    if let families = try? MetricFamily.parse(bytes, format: format, strict: false) {
      // What we parsed, we must be able to write and read back.
      let written = ExpositionWriter.write(families, format: format)
      if (try? MetricFamily.parse(written, format: format, strict: false)) == nil {
        fatalError("written text does not parse back")
      }
    }
  }
  return 0
}
