import Testing

@testable import Archive

@Suite(.timeLimit(.minutes(5)))
struct SkeletonDiffTests {
  static func check(_ old: String, _ new: String) throws -> [UInt8] {
    let previous = Array(old.utf8)
    let next = Array(new.utf8)
    let plain = SkeletonDiff.encode(previous: previous, next: next)
    #expect(try SkeletonDiff.apply(previous: previous, plain: plain) == next, "\(old) -> \(new)")
    #expect(SkeletonDiff.context(previous: previous, plain: plain) != nil)
    return plain
  }

  @Test func editsRebuildTheNextSkeleton() throws {
    _ = try Self.check("", "")
    _ = try Self.check("", "a\nb\n")
    _ = try Self.check("a\nb\n", "")
    _ = try Self.check("a\nb\nc\n", "a\nc\n")
    _ = try Self.check("a\nb\nc\n", "a\nx\nb\ny\nc\nz")
    _ = try Self.check("a\nb\nc", "c\nb\na\n")
    _ = try Self.check("a\na\nb\n", "b\na\na\na\n")
  }

  @Test func anUnchangedSkeletonIsOneCopy() throws {
    // 1 triple: skip 0, copy 3, insert 0.
    #expect(try Self.check("a\nb\nc\n", "a\nb\nc\n") == [1, 0, 3, 0])
  }

  @Test func malformedEditsFailCleanly() {
    let previous = Array("a\nb\n".utf8)
    #expect(throws: SkeletonDiff.Failure.self) {
      try SkeletonDiff.apply(previous: previous, plain: [1, 5, 0, 0])
    }
    #expect(throws: SkeletonDiff.Failure.self) {
      try SkeletonDiff.apply(previous: previous, plain: [1, 0, 0, 2])
    }
    #expect(throws: SkeletonDiff.Failure.self) { try SkeletonDiff.apply(previous: previous, plain: [3, 0]) }
    #expect(throws: SkeletonDiff.Failure.self) {
      try SkeletonDiff.apply(previous: previous, plain: [1, 0, 1, 0, 0x41])
    }
  }
}
