import Testing

@testable import Archive

@Test(.timeLimit(.minutes(5))) func sampleSlotsFindValuesAfterLabelSets() {
  let body = Array("# HELP a x\na{b=\"} \\\" \"} 1.5 123\nc 2\n\nbad{x=\"1\"\nd\n".utf8)
  let slots = body.withUnsafeBufferPointer { SampleSlots.parse($0) }
  let values = slots.map { String(decoding: body[$0.valueStart..<Int($0.valueEnd)], as: UTF8.self) }
  #expect(values == ["1.5", "2"])
}
