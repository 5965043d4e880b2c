/// What the event parser reports, in document order (libyaml's event set without encodings and styles
/// of collections).
enum EventKind {
  case streamStart, streamEnd
  case documentStart, documentEnd
  case alias(String)
  case scalar(YAMLScalar, anchor: String?, tag: String?)
  case sequenceStart(anchor: String?, tag: String?)
  case sequenceEnd
  case mappingStart(anchor: String?, tag: String?)
  case mappingEnd
}

/// An event and where it starts.
struct Event {
  var kind: EventKind
  var mark: Mark
}
