#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Tells a recursive algorithm when the current thread's stack is running low.
///
/// Frame sizes differ a lot between debug and release builds and threads have different stacks
/// (8 MiB main thread, 512 KiB for secondary threads), so a fixed depth limit is either too low or
/// unsafe. The guard measures instead: created at the start of the work, it allows the work to use
/// a fraction of the stack that is still free, leaving the rest for later passes over the result.
struct StackGuard {
  /// Lowest stack address the work may reach (stacks grow down).
  let floor: UInt
  /// Bytes of stack the work may use.
  let budget: UInt

  /// A generous estimate of the stack one level of expression nesting costs in any single pass
  /// (parse, check, print, free); debug builds use several times more.
  #if DEBUG
    static let bytesPerLevel: UInt = 16 * 1024
  #else
    static let bytesPerLevel: UInt = 4 * 1024
  #endif

  /// How many levels of nesting fit in the budget.
  var levels: Int { Int(budget / StackGuard.bytesPerLevel) }

  /// Allows using `fraction` of the stack still free below the caller.
  init(fraction: Double = 0.5) {
    let here = StackGuard.currentAddress()
    guard let bounds = StackGuard.stackBounds(), bounds.low < here else {
      // Unknown stack: assume the smallest common one (512 KiB) is all that is left.
      budget = UInt(Double(512 * 1024) * fraction)
      floor = here &- budget
      return
    }
    budget = UInt(Double(here - bounds.low) * fraction)
    floor = here - budget
  }

  /// Whether there is still room for another level of recursion.
  var hasRoom: Bool { StackGuard.currentAddress() > floor }

  @inline(never)
  static func currentAddress() -> UInt {
    var marker: UInt8 = 0
    return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
  }

  /// The current thread's stack, cached per thread: on the main thread glibc finds it by reading
  /// `/proc/self/maps`, which costs about 200 µs.
  static func stackBounds() -> (low: UInt, size: UInt)? {
    let key = cacheKey
    if let cached = pthread_getspecific(key) {
      let bounds = cached.assumingMemoryBound(to: (UInt, UInt).self).pointee
      return bounds.1 == 0 ? nil : (bounds.0, bounds.1)
    }
    let bounds = uncachedStackBounds()
    let storage = UnsafeMutablePointer<(UInt, UInt)>.allocate(capacity: 1)
    storage.initialize(to: bounds.map { ($0.low, $0.size) } ?? (0, 0))
    pthread_setspecific(key, storage)
    return bounds
  }

  /// A thread-specific slot for the cached bounds, freed when the thread exits.
  static let cacheKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key) { pointer in pointer?.deallocate() }
    return key
  }()

  static func uncachedStackBounds() -> (low: UInt, size: UInt)? {
    #if canImport(Glibc)
      let attributes = UnsafeMutablePointer<pthread_attr_t>.allocate(capacity: 1)
      defer { attributes.deallocate() }
      guard threadAttributes(pthread_self(), attributes) == 0 else { return nil }
      defer { pthread_attr_destroy(attributes) }
      var address: UnsafeMutableRawPointer?
      var size = 0
      guard pthread_attr_getstack(attributes, &address, &size) == 0, let address else { return nil }
      return (UInt(bitPattern: address), UInt(size))
    #else
      let top = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
      let size = UInt(pthread_get_stacksize_np(pthread_self()))
      return (top - size, size)
    #endif
  }
}

#if canImport(Glibc)
  /// glibc's `pthread_getattr_np`, which the Glibc module hides because it needs `_GNU_SOURCE`.
  /// Its arguments (an integer and a pointer) are passed the same way by Swift and C.
  @_silgen_name("pthread_getattr_np")
  private func threadAttributes(_ thread: pthread_t, _ attributes: UnsafeMutablePointer<pthread_attr_t>)
    -> Int32
#endif
