import Testing

@testable import Archive

@Test(.timeLimit(.minutes(5))) func targetInstanceIsTheHostAndPort() {
  #expect(ArchiveTarget(id: 0, url: "http://127.0.0.1:8080/metrics", job: "j").instance == "127.0.0.1:8080")
  #expect(ArchiveTarget(id: 0, url: "10.0.0.1:9100", job: "j").instance == "10.0.0.1:9100")
  #expect(ArchiveTarget(id: 0, url: "https://[::1]:443/x/y", job: "j").instance == "[::1]:443")
}
