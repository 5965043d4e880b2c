import Foundation
import Glibc
import HTTP
import Replay

/// `replay-fuzz [SECONDS]`: sends random and mutated requests to a replay over real sockets (the
/// request parser sees them exactly as from a network peer) and checks after every batch that a
/// well-formed scrape still gets the recorded body. Prints counts by answer; exits 1 on a failure.
func replayFuzz(_ args: [String]) {
  let seconds = args.first.flatMap { Double($0) } ?? 60
  let body = rayLikeBody(bytes: 20_000)
  do {
    let reader = try benchArchive(targets: 1, frames: 2) { _, _ in body }
    var options = ReplayOptions()
    options.speed = ReplaySpeed(factor: 0.000001) ?? .normal
    options.statusAddress = nil
    options.server.requestTimeout = .milliseconds(200)
    options.server.maxHeadBytes = 16 * 1024
    let replayer = try Replayer(reader: reader, plan: freePortPlan(reader), options: options)
    try startBlocking(replayer)
    let port = replayer.addresses[0].address.port
    var generator = SystemRandomNumberGenerator()
    var answers: [String: Int] = [:]
    var requests = 0
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      for _ in 0..<50 {
        let request = fuzzRequest(&generator)
        answers[rawExchange(port: port, request: request, timeoutMs: 300), default: 0] += 1
        requests += 1
      }
      let check = rawExchange(
        port: port, request: Array("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8),
        timeoutMs: 2000, wantBody: true)
      guard check == "200+body" else {
        print("replay.fuzz: FAILED: a well-formed scrape got '\(check)' after \(requests) requests")
        exit(1)
      }
    }
    print("replay.fuzz.requests: \(requests) requests in \(Int(seconds)) s, server alive and serving")
    for (answer, count) in answers.sorted(by: { $0.value > $1.value }) {
      print("replay.fuzz.answer \(answer): \(count)")
    }
    exit(0)
  } catch {
    print("replay-fuzz: \(error)")
    exit(1)
  }
}

/// A request built from pieces that parsers get wrong, then mutated at random.
func fuzzRequest(_ g: inout SystemRandomNumberGenerator) -> [UInt8] {
  let methods = ["GET", "HEAD", "POST", "G ET", "", "GET\t", "PUT", String(repeating: "A", count: 300)]
  let targets = [
    "/", "/metrics", "*", "http://h/x", "/%00", "/\u{7f}", String(repeating: "/a", count: 5000), "",
  ]
  let versions = ["HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/1.", "http/1.1", "HTTP/1.1 ", ""]
  let headers = [
    "Host: x", "Host:", "Host: a\r\nHost: b", "Content-Length: 5", "Content-Length: -1",
    "Content-Length: 99999999999999999999", "Transfer-Encoding: chunked", "Transfer-Encoding: gzip, chunked",
    "Content-Length: 3\r\nTransfer-Encoding: chunked", " folded", "X: \u{0}", "NoColon", ": empty-name",
    "Accept-Encoding: gzip", "Connection: close", "Connection: keep-alive, Upgrade",
    "X-Big: " + String(repeating: "b", count: 20_000), "Expect: 100-continue",
  ]
  let bodies = ["", "hello", "5\r\nhello\r\n0\r\n\r\n", "zz\r\n", "ffffffffffffffff\r\n", "0\r\n\r\n"]
  var text = "\(methods.randomElement(using: &g)!) \(targets.randomElement(using: &g)!) "
  text += "\(versions.randomElement(using: &g)!)\r\n"
  for _ in 0..<Int.random(in: 0...4, using: &g) { text += headers.randomElement(using: &g)! + "\r\n" }
  text += Bool.random(using: &g) ? "\r\n" : ""
  text += bodies.randomElement(using: &g)!
  var bytes = Array(text.utf8)
  let special: [UInt8] = [0x0D, 0x0A, 0x3A, 0x20, 0x09, 0x00, 0xFF, 0x80, 0x22]
  for _ in 0..<Int.random(in: 0...6, using: &g) where !bytes.isEmpty {
    let at = Int.random(in: 0..<bytes.count, using: &g)
    switch Int.random(in: 0..<5, using: &g) {
    case 0: bytes[at] = UInt8.random(in: 0...255, using: &g)
    case 1: bytes.insert(special.randomElement(using: &g)!, at: at)
    case 2: bytes.remove(at: at)
    case 3: bytes.removeSubrange(at...)
    default: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 64)], at: at)
    }
  }
  if Int.random(in: 0..<10, using: &g) == 0 { bytes += bytes }  // pipelined
  return bytes
}

/// Sends `request` on a new connection and says what came back: `400`, `200+body`, `closed`,
/// `timeout` (then the connection is dropped).
func rawExchange(port: UInt16, request: [UInt8], timeoutMs: Int, wantBody: Bool = false) -> String {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  guard fd >= 0, var raw = SocketAddress(host: "127.0.0.1", port: port)?.sockaddr else { return "socket" }
  defer { close(fd) }
  var timeout = timeval(tv_sec: timeoutMs / 1000, tv_usec: (timeoutMs % 1000) * 1000)
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
  let connected = withUnsafePointer(to: &raw) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
      connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
    }
  }
  guard connected == 0 else { return "refused" }
  _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
  var received: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 65536)
  while true {
    let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    if count > 0 {
      received += chunk[0..<count]
      if !wantBody && received.count >= 12 { break }
      continue
    }
    if count < 0 && received.isEmpty { return errno == EAGAIN ? "timeout" : "reset" }
    break
  }
  guard received.count >= 12, received.starts(with: Array("HTTP/1.1 ".utf8)) else {
    return received.isEmpty ? "closed" : "garbage"
  }
  let status = String(decoding: received[9..<12], as: UTF8.self)
  if wantBody {
    let text = String(decoding: received, as: UTF8.self)
    return status == "200" && text.hasSuffix(String(decoding: rayLikeBody(bytes: 20_000), as: UTF8.self))
      ? "200+body" : status
  }
  return status
}
