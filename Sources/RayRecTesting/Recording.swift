import Foundation
import PromQL
import Synchronization

/// The data a test asserts on. Provided to tests by the ``RecordingTrait`` (`.recording(...)`)
/// through a task-local, or passed explicitly as `in:`.
public final class Recording: Sendable {
  /// The recording in scope for the running test, set by the `.recording` trait.
  @TaskLocal public static var current: Recording?

  /// Where queries go.
  public let backend: any QueryBackend

  /// Wraps a backend.
  public init(backend: any QueryBackend) { self.backend = backend }

  /// Loads a recording once per path for the whole process (every suite and test shares it);
  /// `labels` are added at query time, so suites with different labels share the load too.
  public static func archive(_ path: String, labels: [String: String] = [:]) throws -> Recording {
    let key = Self.key(path, labels)
    if let hit = cache.withLock({ $0[key] }) { return hit }
    let base = try loaded(path)
    guard let backend = base.adding(labels: labels) else {
      // A label that collides with a scraped one: built at load time, as Prometheus does.
      return try cache.withLock { entries in
        if let hit = entries[key] { return hit }
        let recording = Recording(backend: try ArchiveBackend(path: path, labels: labels))
        entries[key] = recording
        return recording
      }
    }
    return cache.withLock { entries in
      if let hit = entries[key] { return hit }
      let recording = Recording(backend: backend)
      entries[key] = recording
      return recording
    }
  }

  /// The recording at `path` without extra labels, loaded at most once (concurrent callers wait
  /// for the one load).
  static func loaded(_ path: String) throws -> ArchiveBackend {
    try loads.withLock { entries in
      if let hit = entries[path] { return hit }
      let backend = try ArchiveBackend(path: path)
      entries[path] = backend
      return backend
    }
  }

  static func key(_ path: String, _ labels: [String: String]) -> String {
    path + "\u{0}" + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
  }

  static let cache = Mutex<[String: Recording]>([:])
  static let loads = Mutex<[String: ArchiveBackend]>([:])

  /// The span of the data.
  public var startMs: Int64 { backend.startMs }
  public var endMs: Int64 { backend.endMs }

  /// Finds a recording given relative to the package: as is (relative to the working directory),
  /// else beside each parent directory of `filePath` (the test file) up to the file system root.
  static func locate(_ path: String, near filePath: String) -> String {
    search(path, near: filePath).found ?? path
  }

  /// Where ``locate(_:near:)`` found the recording, and every place it looked.
  static func search(_ path: String, near filePath: String) -> (found: String?, tried: [String]) {
    let cwd = FileManager.default.currentDirectoryPath
    let first = path.hasPrefix("/") ? path : cwd + "/" + path
    var tried = [first]
    if path.hasPrefix("/") || FileManager.default.fileExists(atPath: path) {
      return (FileManager.default.fileExists(atPath: path) ? path : nil, tried)
    }
    var directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
    while directory.path != "/" && !directory.path.isEmpty {
      let candidate = directory.appendingPathComponent(path).path
      tried.append(candidate)
      if FileManager.default.fileExists(atPath: candidate) { return (candidate, tried) }
      directory = directory.deletingLastPathComponent()
    }
    return (nil, tried)
  }
}

/// Why assertions could not run at all.
public struct RecordingError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The message.
  public var description: String

  /// Creates the error.
  public init(_ description: String) { self.description = description }

  static let noRecording = RecordingError(
    "no recording in scope: add .recording(\"path.rayrec\") to the test or its suite, or pass in:")
}
