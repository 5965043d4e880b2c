import Glibc

/// The previous frame's body and its slots: what a new frame's values are compared with.
struct ValueReference {
  /// Marks "no known previous delta" in `lastDeltas`.
  static let unknownDelta = Int64.min

  var body: [UInt8]
  var slots: [SampleSlot]
  /// Per slot, the last nonzero mantissa delta of that series (sticky across unchanged frames).
  var lastDeltas: [Int64]

  init(body: [UInt8], slots: [SampleSlot], lastDeltas: [Int64]? = nil) {
    self.body = body
    self.slots = slots
    self.lastDeltas = lastDeltas ?? [Int64](repeating: Self.unknownDelta, count: slots.count)
  }
}

/// A body split into its skeleton (the text with every value token removed) and its values,
/// each value coded against the value of the same series in the previous frame.
struct TransformedBody {
  var skeleton: [UInt8] = []
  /// One byte per slot: see ``SeriesTransform/Tag``.
  var tags: [UInt8] = []
  /// Literal value tokens, each followed by `\n`.
  var literals: [UInt8] = []
  /// Zigzag varints: mantissa differences for `.delta` tags.
  var deltas = ByteWriter()
  /// Per slot of the new body, its last delta (for the next frame).
  var lastDeltas: [Int64] = []
}

/// The series-aware, byte-exact body transform of the `.rayrec` format (see docs/archive-format.md).
enum SeriesTransform {
  enum Tag: UInt8 {
    /// Same text as the matched previous value.
    case same = 0
    /// Text stored in the literal stream.
    case literal = 1
    /// Previous value's mantissa plus a delta, rendered in the previous value's shape.
    case delta = 2
    /// Like `.delta`, with the series' last delta again (no delta stored).
    case repeatDelta = 3
    /// A number whose count of fraction digits changed (`9.3659136e+07 -> 9.367552e+07`): the
    /// new count and the difference at the finer scale are in the delta stream.
    case reshape = 4
  }

  struct Failure: Error {
    var what: String
  }

  static func encode(body: [UInt8], slots: [SampleSlot], reference: ValueReference?) -> TransformedBody {
    var out = TransformedBody()
    out.skeleton.reserveCapacity(body.count)
    out.tags.reserveCapacity(slots.count)
    out.lastDeltas.reserveCapacity(slots.count)
    let refDeltas = reference?.lastDeltas ?? []
    body.withUnsafeBufferPointer { current in
      withReference(reference) { refBody, refSlots in
        var matcher = SlotMatcher(body: refBody, slots: refSlots)
        var copied = 0
        for slot in slots {
          let valueStart = slot.valueStart
          let valueEnd = Int(slot.valueEnd)
          out.skeleton.append(contentsOf: UnsafeBufferPointer(rebasing: current[copied..<valueStart]))
          copied = valueEnd
          let value = UnsafeBufferPointer(rebasing: current[valueStart..<valueEnd])
          let key = UnsafeBufferPointer(rebasing: current[Int(slot.keyStart)..<Int(slot.keyEnd)])
          guard let match = matcher.match(key) else {
            out.tags.append(Tag.literal.rawValue)
            out.literals.append(contentsOf: value)
            out.literals.append(0x0A)
            out.lastDeltas.append(ValueReference.unknownDelta)
            continue
          }
          let old = refSlots[match]
          let oldValue = UnsafeBufferPointer(rebasing: refBody[old.valueStart..<Int(old.valueEnd)])
          let lastDelta = refDeltas[match]
          if equal(value, oldValue) {
            out.tags.append(Tag.same.rawValue)
            out.lastDeltas.append(lastDelta)
          } else if let delta = delta(from: oldValue, to: value) {
            if delta.value == lastDelta {
              out.tags.append(Tag.repeatDelta.rawValue)
            } else {
              out.tags.append(Tag.delta.rawValue)
              out.deltas.zigzag(delta.quotient)
            }
            out.lastDeltas.append(delta.value)
          } else if let reshaped = reshape(from: oldValue, to: value) {
            out.lastDeltas.append(ValueReference.unknownDelta)
            out.tags.append(Tag.reshape.rawValue)
            out.deltas.varint(reshaped.fractionDigits)
            out.deltas.zigzag(reshaped.difference)
          } else {
            out.lastDeltas.append(ValueReference.unknownDelta)
            out.tags.append(Tag.literal.rawValue)
            out.literals.append(contentsOf: value)
            out.literals.append(0x0A)
          }
        }
        out.skeleton.append(contentsOf: UnsafeBufferPointer(rebasing: current[copied...]))
      }
    }
    return out
  }

  /// True when `skeleton` has the body's slots at the same keys, shifted by the removed values.
  static func skeletonMatches(_ skeleton: [UInt8], body slots: [SampleSlot]) -> Bool {
    let parsed = skeleton.withUnsafeBufferPointer { SampleSlots.parse($0) }
    guard parsed.count == slots.count else { return false }
    var removed: Int32 = 0
    for (skel, original) in zip(parsed, slots) {
      guard skel.keyStart == original.keyStart - removed, skel.keyEnd == original.keyEnd - removed,
        skel.valueEnd == skel.keyEnd + 1
      else { return false }
      removed += original.valueEnd - original.keyEnd - 1
    }
    return true
  }

  /// Rebuilds the body and its slots; throws when the streams do not fit together.
  static func decode(
    skeleton: [UInt8], tags: ArraySlice<UInt8>, literals: ArraySlice<UInt8>,
    deltas: ArraySlice<UInt8>, reference: ValueReference?
  ) throws(Failure) -> ValueReference {
    var body: [UInt8] = []
    var slots: [SampleSlot] = []
    var lastDeltas: [Int64] = []
    let refDeltas = reference?.lastDeltas ?? []
    var failure: Failure?
    skeleton.withUnsafeBufferPointer { skel in
      let skelSlots = SampleSlots.parse(skel)
      guard skelSlots.count == tags.count else {
        failure = Failure(what: "skeleton has \(skelSlots.count) samples, tag stream \(tags.count)")
        return
      }
      body.reserveCapacity(skel.count + literals.count + tags.count * 8)
      slots.reserveCapacity(skelSlots.count)
      lastDeltas.reserveCapacity(skelSlots.count)
      var literalCursor = literals.startIndex
      var deltaReader = ByteReader(deltas, base: 0, context: "delta stream")
      withReference(reference) { refBody, refSlots in
        var matcher = SlotMatcher(body: refBody, slots: refSlots)
        var copied = 0
        var tagIndex = tags.startIndex
        for slot in skelSlots {
          let shift = body.count - copied
          body.append(contentsOf: UnsafeBufferPointer(rebasing: skel[copied..<slot.valueStart]))
          copied = slot.valueStart
          let key = UnsafeBufferPointer(rebasing: skel[Int(slot.keyStart)..<Int(slot.keyEnd)])
          let match = matcher.match(key)
          let tag = tags[tagIndex]
          tagIndex += 1
          switch Tag(rawValue: tag) {
          case .reshape?:
            guard let match,
              let fractionDigits = try? deltaReader.count(limit: 18),
              let difference = try? deltaReader.zigzag()
            else {
              failure = Failure(what: "reshaped value without a previous value or with a short delta stream")
              return
            }
            let old = refSlots[match]
            let oldValue = UnsafeBufferPointer(rebasing: refBody[old.valueStart..<Int(old.valueEnd)])
            guard
              Self.appendReshaped(
                oldValue, fractionDigits: fractionDigits, difference: difference, into: &body)
            else {
              failure = Failure(what: "reshaped value does not fit its previous value")
              return
            }
            lastDeltas.append(ValueReference.unknownDelta)
          case .same?, .delta?, .repeatDelta?:
            guard let match else {
              failure = Failure(what: "value refers to a series the previous frame lacks")
              return
            }
            let old = refSlots[match]
            let oldValue = UnsafeBufferPointer(rebasing: refBody[old.valueStart..<Int(old.valueEnd)])
            if tag == Tag.same.rawValue {
              body.append(contentsOf: oldValue)
              lastDeltas.append(refDeltas[match])
            } else {
              guard let token = DecimalToken(oldValue) else {
                failure = Failure(what: "delta against a value that is not a number")
                return
              }
              let step: Int64
              if tag == Tag.delta.rawValue {
                guard let read = try? deltaReader.zigzag() else {
                  failure = Failure(what: "delta stream ends early")
                  return
                }
                step = read &* token.unit
              } else {
                step = refDeltas[match]
                guard step != ValueReference.unknownDelta else {
                  failure = Failure(what: "repeated delta for a series without one")
                  return
                }
              }
              DecimalToken.render(
                mantissa: token.mantissa &+ step, fractionDigits: token.fractionDigits,
                suffix: UnsafeBufferPointer(rebasing: oldValue[token.suffix]), into: &body)
              lastDeltas.append(step)
            }
          case .literal?:
            guard
              let end = literals[literalCursor...].firstIndex(of: 0x0A)
            else {
              failure = Failure(what: "literal stream ends early")
              return
            }
            body.append(contentsOf: literals[literalCursor..<end])
            literalCursor = end + 1
            lastDeltas.append(ValueReference.unknownDelta)
          case nil:
            failure = Failure(what: "unknown value tag \(tag)")
            return
          }
          guard body.count <= RecordLayout.maxBody else {
            failure = Failure(what: "body exceeds \(RecordLayout.maxBody) bytes")
            return
          }
          slots.append(
            SampleSlot(
              keyStart: Int32(Int(slot.keyStart) + shift), keyEnd: Int32(Int(slot.keyEnd) + shift),
              valueEnd: Int32(body.count)))
        }
        body.append(contentsOf: UnsafeBufferPointer(rebasing: skel[copied...]))
      }
      if failure == nil && body.count > RecordLayout.maxBody {
        failure = Failure(what: "body exceeds \(RecordLayout.maxBody) bytes")
      }
      if failure == nil && (!deltaReader.isAtEnd || literalCursor != literals.endIndex) {
        failure = Failure(what: "value streams have unused bytes")
      }
    }
    if let failure { throw failure }
    return ValueReference(body: body, slots: slots, lastDeltas: lastDeltas)
  }

  /// Mantissa difference when `new` is `old` in the same shape, exactly re-renderable, and a
  /// multiple of the old token's unit; `quotient` is what the delta stream stores.
  private static func delta(from old: UnsafeBufferPointer<UInt8>, to new: UnsafeBufferPointer<UInt8>)
    -> (value: Int64, quotient: Int64)?
  {
    guard let before = DecimalToken(old), let after = DecimalToken(new),
      before.fractionDigits == after.fractionDigits,
      equal(
        UnsafeBufferPointer(rebasing: old[before.suffix]),
        UnsafeBufferPointer(rebasing: new[after.suffix]))
    else { return nil }
    var rendered: [UInt8] = []
    rendered.reserveCapacity(new.count)
    DecimalToken.render(
      mantissa: after.mantissa, fractionDigits: after.fractionDigits,
      suffix: UnsafeBufferPointer(rebasing: new[after.suffix]), into: &rendered)
    guard rendered.withUnsafeBufferPointer({ equal($0, new) }) else { return nil }
    let value = after.mantissa - before.mantissa
    guard value % before.unit == 0 else { return nil }
    return (value, value / before.unit)
  }

  /// A changed number whose fraction digit count changed but whose suffix did not, as its new
  /// digit count and the difference of the two values at the finer of the two scales.
  private static func reshape(from old: UnsafeBufferPointer<UInt8>, to new: UnsafeBufferPointer<UInt8>)
    -> (fractionDigits: Int, difference: Int64)?
  {
    guard let before = DecimalToken(old), let after = DecimalToken(new),
      equal(
        UnsafeBufferPointer(rebasing: old[before.suffix]),
        UnsafeBufferPointer(rebasing: new[after.suffix])),
      let scale = max(before.fractionDigits, after.fractionDigits) as Int?,
      let oldScaled = scaled(before.mantissa, by: scale - before.fractionDigits),
      let newScaled = scaled(after.mantissa, by: scale - after.fractionDigits)
    else { return nil }
    let (difference, overflow) = newScaled.subtractingReportingOverflow(oldScaled)
    guard !overflow else { return nil }
    var rendered: [UInt8] = []
    rendered.reserveCapacity(new.count)
    guard appendReshaped(old, fractionDigits: after.fractionDigits, difference: difference, into: &rendered),
      rendered.withUnsafeBufferPointer({ equal($0, new) })
    else { return nil }
    return (after.fractionDigits, difference)
  }

  /// Appends the value `old + difference` (at the finer scale) with `fractionDigits` fraction
  /// digits and `old`'s suffix; false when it does not come out exactly at that digit count.
  static func appendReshaped(
    _ old: UnsafeBufferPointer<UInt8>, fractionDigits: Int, difference: Int64, into out: inout [UInt8]
  ) -> Bool {
    guard let before = DecimalToken(old) else { return false }
    let scale = max(before.fractionDigits, fractionDigits)
    guard let oldScaled = scaled(before.mantissa, by: scale - before.fractionDigits),
      let divisor = scaled(1, by: scale - fractionDigits)
    else { return false }
    let (sum, overflow) = oldScaled.addingReportingOverflow(difference)
    guard !overflow, sum % divisor == 0 else { return false }
    DecimalToken.render(
      mantissa: sum / divisor, fractionDigits: fractionDigits,
      suffix: UnsafeBufferPointer(rebasing: old[before.suffix]), into: &out)
    return true
  }

  /// `value * 10^power`, nil on overflow.
  private static func scaled(_ value: Int64, by power: Int) -> Int64? {
    var result = value
    for _ in 0..<power {
      let (next, overflow) = result.multipliedReportingOverflow(by: 10)
      if overflow { return nil }
      result = next
    }
    return result
  }

  private static func withReference(
    _ reference: ValueReference?,
    _ body: (UnsafeBufferPointer<UInt8>, [SampleSlot]) -> Void
  ) {
    guard let reference else {
      body(UnsafeBufferPointer(start: nil, count: 0), [])
      return
    }
    reference.body.withUnsafeBufferPointer { body($0, reference.slots) }
  }
}

func equal(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
  guard left.count == right.count else { return false }
  guard let a = left.baseAddress, let b = right.baseAddress else { return left.count == 0 }
  return memcmp(a, b, left.count) == 0
}
