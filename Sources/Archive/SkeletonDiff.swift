import Glibc

/// A line-level edit script from a previous skeleton to the next one.
///
/// Plain form: varint triple count, then per triple varint `skip` (previous lines dropped),
/// varint `copy` (previous lines kept), varint `insert` (new lines), then the inserted lines'
/// bytes back to back. The writer compresses that with zstd against ``context(previous:plain:)``:
/// the previous lines around each insertion, where new series usually find their look-alikes.
/// Far cheaper than zstd against the whole previous skeleton at a high level.
enum SkeletonDiff {
  struct Failure: Error {
    var what: String
  }

  /// Byte ranges of the lines of `bytes`; each line includes its `\n` (the last may lack one).
  static func lines(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
    var result: [Range<Int>] = []
    guard let base = bytes.baseAddress else { return result }
    result.reserveCapacity(bytes.count / 64)
    var start = 0
    while start < bytes.count {
      let end: Int
      if let newline = memchr(base + start, 0x0A, bytes.count - start) {
        end = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
      } else {
        end = bytes.count
      }
      result.append(start..<end)
      start = end
    }
    return result
  }

  /// The edit script turning `previous` into `next`, in plain form.
  static func encode(previous: [UInt8], next: [UInt8]) -> [UInt8] {
    var ops = ByteWriter()
    var inserted: [UInt8] = []
    var triples = 0
    previous.withUnsafeBufferPointer { old in
      next.withUnsafeBufferPointer { new in
        let oldLines = lines(old)
        let newLines = lines(new)
        var table: [UInt64: Int]?
        var cursor = 0
        var (skip, copy, insert) = (0, 0, 0)
        func flush() {
          if skip | copy | insert != 0 {
            ops.varint(skip)
            ops.varint(copy)
            ops.varint(insert)
            triples += 1
            (skip, copy, insert) = (0, 0, 0)
          }
        }
        for line in newLines {
          let bytes = UnsafeBufferPointer(rebasing: new[line])
          var found: Int?
          if cursor < oldLines.count && equal(bytes, UnsafeBufferPointer(rebasing: old[oldLines[cursor]])) {
            found = cursor
          } else {
            if table == nil {
              var built: [UInt64: Int] = [:]
              built.reserveCapacity(oldLines.count)
              for (index, range) in oldLines.enumerated().reversed() {
                built[ByteHash.hash(UnsafeBufferPointer(rebasing: old[range]))] = index
              }
              table = built
            }
            if let candidate = table?[ByteHash.hash(bytes)], candidate > cursor,
              equal(bytes, UnsafeBufferPointer(rebasing: old[oldLines[candidate]]))
            {
              found = candidate
            }
          }
          if let found {
            let skipped = found - cursor
            if skipped > 0 {
              if copy > 0 || insert > 0 { flush() }
              skip += skipped
            } else if insert > 0 {
              flush()
            }
            copy += 1
            cursor = found + 1
          } else {
            insert += 1
            inserted.append(contentsOf: bytes)
          }
        }
        flush()
      }
    }
    var plain = ByteWriter(capacity: ops.bytes.count + inserted.count + 8)
    plain.varint(triples)
    plain.append(ops.bytes)
    plain.append(inserted)
    return plain.bytes
  }

  /// The previous lines around each insertion point of `plain` (at most 2 before, 2 after),
  /// capped at 256 KiB: the zstd prefix for the script. Nil when the script is malformed.
  static func context(previous: [UInt8], plain: [UInt8]) -> [UInt8]? {
    guard let script = try? parse(plain) else { return nil }
    return previous.withUnsafeBufferPointer { old -> [UInt8]? in
      let oldLines = lines(old)
      var result: [UInt8] = []
      var cursor = 0
      var lastTaken = 0
      for triple in script.triples {
        cursor += triple.skip + triple.copy
        guard cursor <= oldLines.count else { return nil }
        if triple.insert > 0 {
          let from = max(lastTaken, cursor - 16)
          let to = min(oldLines.count, cursor + 16)
          if from < to {
            result.append(
              contentsOf: UnsafeBufferPointer(
                rebasing: old[oldLines[from].lowerBound..<oldLines[to - 1].upperBound]))
            lastTaken = to
          }
          if result.count > 1 << 18 { break }
        }
      }
      return result
    }
  }

  /// Length of the edit operations at the start of a plain script (the rest is inserted text).
  static func operationsLength(_ plain: [UInt8]) -> Int? {
    (try? parse(plain))?.insertedStart
  }

  /// Applies the plain script to `previous`.
  static func apply(previous: [UInt8], plain: [UInt8]) throws(Failure) -> [UInt8] {
    let script = try parse(plain)
    var failure: Failure?
    var result: [UInt8] = []
    previous.withUnsafeBufferPointer { old in
      let oldLines = lines(old)
      result.reserveCapacity(old.count + plain.count)
      var cursor = 0
      var insertCursor = script.insertedStart
      for triple in script.triples {
        guard triple.skip <= oldLines.count - cursor, triple.copy <= oldLines.count - cursor - triple.skip
        else {
          failure = Failure(what: "skeleton edit runs past the previous skeleton")
          return
        }
        cursor += triple.skip
        if triple.copy > 0 {
          let range = oldLines[cursor].lowerBound..<oldLines[cursor + triple.copy - 1].upperBound
          result.append(contentsOf: UnsafeBufferPointer(rebasing: old[range]))
          cursor += triple.copy
        }
        for _ in 0..<triple.insert {
          guard insertCursor < plain.count else {
            failure = Failure(what: "skeleton edit inserts more lines than it carries")
            return
          }
          let end = plain[insertCursor...].firstIndex(of: 0x0A).map { $0 + 1 } ?? plain.count
          result.append(contentsOf: plain[insertCursor..<end])
          insertCursor = end
        }
      }
      if insertCursor != plain.count { failure = Failure(what: "skeleton edit has unused bytes") }
    }
    if let failure { throw failure }
    return result
  }

  private struct Script {
    var triples: [(skip: Int, copy: Int, insert: Int)] = []
    var insertedStart = 0
  }

  private static func parse(_ plain: [UInt8]) throws(Failure) -> Script {
    var reader = ByteReader(plain[...], base: 0, context: "skeleton edit")
    var script = Script()
    do {
      let count = try reader.count(limit: plain.count)
      script.triples.reserveCapacity(count)
      for _ in 0..<count {
        let skip = try reader.count()
        let copy = try reader.count()
        let insert = try reader.count()
        script.triples.append((skip, copy, insert))
      }
    } catch {
      throw Failure(what: "\(error)")
    }
    script.insertedStart = reader.position
    return script
  }
}
