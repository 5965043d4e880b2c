import Dispatch
import Synchronization

/// Runs async work from the synchronous command line and waits for it. The calling thread is not
/// one of the cooperative pool's, so blocking it cannot starve the work it waits for.
enum Blocking {
  static func run<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let result = Mutex<Result<T, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
      let value: Result<T, any Error>
      do { value = .success(try await work()) } catch { value = .failure(error) }
      result.withLock { $0 = value }
      done.signal()
    }
    done.wait()
    return try result.withLock { $0! }.get()
  }
}
