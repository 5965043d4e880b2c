import Digest
import Testing

/// MD5 gives RFC 1321's digests, and the right ones at every padding boundary.
@Suite(.timeLimit(.minutes(1)))
struct MD5Tests {
  @Test func digestsMatchTheTestSuiteOfRFC1321() {
    // RFC 1321, appendix A.5.
    let suite: [(String, String)] = [
      ("", "d41d8cd98f00b204e9800998ecf8427e"),
      ("a", "0cc175b9c0f1b6a831c399e269772661"),
      ("abc", "900150983cd24fb0d6963f7d28e17f72"),
      ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
      ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
      (
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
        "d174ab98d277d9f5a5611c2c9f419d9f"
      ),
      (
        "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
        "57edf4a22be3c955ac49da2e2107b67a"
      ),
    ]
    for (message, digest) in suite {
      #expect(hex(MD5.hash(Array(message.utf8))) == digest, "MD5(\"\(message)\")")
    }
  }

  /// Lengths where the padding changes shape: 55 bytes leave just room for the length, 56 need a
  /// second block, 64 and more span blocks. Expected values from Python:
  /// `hashlib.md5(b"a" * n).hexdigest()`.
  @Test(arguments: [
    (55, "ef1772b6dff9a122358552954ad0df65"), (56, "3b0c8ac703f828b04c6c197006d17218"),
    (63, "b06521f39153d618550606be297466d5"), (64, "014842d480b571495a4a0363793f7367"),
    (65, "c743a45e0d2e6a95cb859adae0248435"),
  ])
  func digestsAreRightAtEveryPaddingBoundary(_ length: Int, _ digest: String) {
    #expect(hex(MD5.hash([UInt8](repeating: 0x61, count: length))) == digest)
  }

  @Test func aMillionBytesHashToTheKnownDigest() {
    #expect(hex(MD5.hash([UInt8](repeating: 0x61, count: 1_000_000))) == "7707d6ae4e027c70eea2a935c2296f21")
  }
}
