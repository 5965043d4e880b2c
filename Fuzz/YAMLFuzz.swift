// libFuzzer entry point for the YAML reader. Compiled into the YAML module by scripts/fuzz yaml (not
// part of the SwiftPM build).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let tight = YAMLLimits(maxDepth: 50, maxBytes: 1 << 20, maxAliasExpansions: 1000)
  for limits in [YAMLLimits.default, tight] {
    do {
      let documents = try YAMLParser.parseDocuments(text, file: "fuzz.yml", limits: limits)
      visit(documents)
      // A stream that reads as documents reads the same way one document at a time.
      let single = try? YAMLParser.parse(text, file: "fuzz.yml", limits: limits)
      if documents.count == 1 && single == nil { fatalError("parse rejects a one-document stream") }
    } catch {
      if error.mark.line < 1 || error.mark.column < 1 { fatalError("bad error position \(error)") }
      if error.message.isEmpty { fatalError("empty error message") }
    }
  }
  return 0
}

/// Walks every node (without recursion) and calls every accessor.
private func visit(_ roots: [YAMLNode]) {
  var pending = roots
  while let node = pending.popLast() {
    _ = node.kindName
    _ = node.isNull
    _ = node.asBool()
    _ = node.asInt()
    _ = node.asDouble()
    if let items = node.items { pending.append(contentsOf: items) }
    if let pairs = node.pairs {
      if let first = pairs.first?.key.scalar?.text, node[first] == nil { fatalError("lookup misses a key") }
      for pair in pairs {
        pending.append(pair.key)
        pending.append(pair.value)
      }
    }
  }
}
