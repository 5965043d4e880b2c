import Foundation
import Testing

@testable import RayRecCLI

/// import → info → cat → verify → repair → export, on a dump tree the test writes itself.
@Suite(.timeLimit(.minutes(5))) struct ArchiveCommandsTests {
  static let start: Int64 = 1_795_608_000_000

  /// Two targets, 12 scrapes 5 s apart, one failed scrape and one HTTP 500.
  static func makeDump() throws -> (dir: String, bodies: [String: [Int64: String]]) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rayrec-dump-\(UUID().uuidString)")
    var bodies: [String: [Int64: String]] = [:]
    for (target, scale) in [("127.0.0.1:8080", 1.0), ("127.0.0.1:44217", 0.5)] {
      let tdir = dir.appendingPathComponent(target)
      try FileManager.default.createDirectory(at: tdir, withIntermediateDirectories: true)
      for i in 0..<12 {
        let ms = start + Int64(i) * 5000 + (target.hasSuffix("44217") ? 1234 : 0)
        if i == 7 && scale == 1 {
          try Data("connection refused".utf8).write(to: tdir.appendingPathComponent("\(ms).error"))
          continue
        }
        let body = """
          # HELP ray_tasks Tasks by state.
          # TYPE ray_tasks gauge
          ray_tasks{State="RUNNING",\(scale == 1 ? "q=\"a\\\\\\\"b\"" : "q=\"\"")} \(Double(i) * scale)
          ray_tasks{State="FINISHED",q=""} \(Double(i * i) * scale)
          # TYPE ray_tasks_total counter
          ray_tasks_total \(i * 10)

          """
        bodies[target, default: [:]][ms] = body
        try Data(body.utf8).write(to: tdir.appendingPathComponent("\(ms).prom"))
        let status = (i == 9 && scale != 1) ? "HTTP/1.0 500 Internal Server Error" : "HTTP/1.0 200 OK"
        try Data(
          "\(status)\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\nServer: test\r\n".utf8
        )
        .write(to: tdir.appendingPathComponent("\(ms).headers"))
      }
    }
    return (dir.path, bodies)
  }

  static func temp(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("rayrec-\(UUID().uuidString)-\(name)").path
  }

  @Test func importThenCatReturnsEveryBodyByteForByte() throws {
    let (dir, bodies) = try Self.makeDump()
    let archive = Self.temp("a.rayrec")
    defer {
      try? FileManager.default.removeItem(atPath: dir)
      try? FileManager.default.removeItem(atPath: archive)
    }
    let (code, out, err) = RayRecTests.run([
      "import", dir, "-o", archive, "--job", "ray", "--label", "ray_io_cluster=ci",
    ])
    #expect(code == 0, "\(err)")
    #expect(out.contains("2 targets, 24 frames (2 failed)"))
    for (target, byTime) in bodies {
      for (ms, body) in byTime {
        let (c, got, e) = RayRecTests.run([
          "cat", archive, "--target", target, "--at", "\(Double(ms) / 1000)",
        ])
        #expect(c == 0, "\(e)")
        #expect(got == body)
        // Between scrapes, the frame in effect is the latest one at or before the time.
        let (_, later, _) = RayRecTests.run([
          "cat", archive, "--target", target, "--at", "\(Double(ms + 4000) / 1000)",
        ])
        if byTime[ms + 5000] != nil { #expect(later == body) }
      }
    }
  }

  @Test func infoCountsTargetsFramesSeriesAndFailures() throws {
    let (dir, _) = try Self.makeDump()
    let archive = Self.temp("i.rayrec")
    defer {
      try? FileManager.default.removeItem(atPath: dir)
      try? FileManager.default.removeItem(atPath: archive)
    }
    _ = RayRecTests.run(["import", dir, "-o", archive])
    let (code, out, _) = RayRecTests.run(["info", archive, "--json"])
    #expect(code == 0)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
    #expect(json["frames"] as? Int == 24)
    #expect(json["failed_frames"] as? Int == 2)
    #expect(json["samples"] as? Int == 22 * 3)
    #expect(json["series"] as? Int == 6)
    #expect(json["closed_cleanly"] as? Bool == true)
    let targets = try #require(json["targets"] as? [[String: Any]])
    #expect(Set(targets.compactMap { $0["instance"] as? String }) == ["127.0.0.1:8080", "127.0.0.1:44217"])
    let failures = targets.compactMap { $0["failures"] as? [String: Int] }.reduce(into: [:]) {
      $0.merge($1) { $0 + $1 }
    }
    #expect(failures == ["refused": 1, "http 500": 1])
    let (textCode, text, _) = RayRecTests.run(["info", archive])
    #expect(textCode == 0)
    #expect(text.contains("frames:     24 (2 failed"))
    #expect(text.contains("failed: 1 refused"))
  }

  @Test func catShowsHeadersAndFailures() throws {
    let (dir, _) = try Self.makeDump()
    let archive = Self.temp("c.rayrec")
    defer {
      try? FileManager.default.removeItem(atPath: dir)
      try? FileManager.default.removeItem(atPath: archive)
    }
    _ = RayRecTests.run(["import", dir, "-o", archive])
    let (_, ok, _) = RayRecTests.run([
      "cat", archive, "--target", "127.0.0.1:8080", "--at", "+1s", "--headers",
    ])
    #expect(ok.hasPrefix("HTTP/1.1 200\n"))
    #expect(ok.contains("Server: test\n"))
    let refusedAt = "\(Double(Self.start + 7 * 5000) / 1000)"
    let (_, failed, _) = RayRecTests.run([
      "cat", archive, "--target", "127.0.0.1:8080", "--at", refusedAt, "--headers",
    ])
    #expect(failed.hasPrefix("# scrape failed (refused)"))
    let (code, _, err) = RayRecTests.run(["cat", archive, "--target", "127.0.0.1:8080", "--at", "1000"])
    #expect(code == 1)
    #expect(err.contains("no frame of 127.0.0.1:8080 at or before"))
    let (code2, _, err2) = RayRecTests.run(["cat", archive, "--at", "end"])
    #expect(code2 == 64)
    #expect(err2.contains("--target is required"))
  }

  @Test func verifyFindsDamageAndRepairKeepsIntactFrames() throws {
    let (dir, _) = try Self.makeDump()
    let archive = Self.temp("v.rayrec")
    let repaired = Self.temp("r.rayrec")
    defer {
      for p in [dir, archive, repaired] { try? FileManager.default.removeItem(atPath: p) }
    }
    _ = RayRecTests.run(["import", dir, "-o", archive])
    #expect(RayRecTests.run(["verify", archive]).0 == 0)
    var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: archive)))
    bytes[bytes.count / 2] ^= 0xFF
    try Data(bytes.prefix(bytes.count - 40)).write(to: URL(fileURLWithPath: archive))
    let (code, _, err) = RayRecTests.run(["verify", archive])
    #expect(code == 1)
    #expect(err.contains("byte "))
    let (rcode, rout, rerr) = RayRecTests.run(["repair", archive, "-o", repaired])
    #expect(rcode == 0, "\(rerr)")
    #expect(rout.contains("frames kept"))
    #expect(RayRecTests.run(["verify", repaired]).0 == 0)
    #expect(!FileManager.default.fileExists(atPath: repaired + ".partial-\(getpid())"))
  }

  @Test func aFileThatIsNotAnArchiveIsAClearError() throws {
    let path = Self.temp("x.rayrec")
    try Data("hello".utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (code, _, err) = RayRecTests.run(["info", path])
    #expect(code == 1)
    #expect(err.contains("not a rayrec archive"))
  }

  @Test func aFailedImportLeavesNoOutput() throws {
    let archive = Self.temp("none.rayrec")
    let (code, _, _) = RayRecTests.run(["import", "/nonexistent-dump", "-o", archive])
    #expect(code == 1)
    #expect(!FileManager.default.fileExists(atPath: archive))
  }
}
