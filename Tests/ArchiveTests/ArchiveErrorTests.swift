import Testing

@testable import Archive

@Test(.timeLimit(.minutes(5))) func errorsNameThePlaceAndTheProblem() {
  #expect(
    ArchiveError.truncatedTail(offset: 812).description
      == "byte 812: archive ends inside a record (torn tail: the writer did not finish)")
  #expect(ArchiveError.checksumMismatch(offset: 5, what: "frame record").description.hasPrefix("byte 5:"))
  #expect(
    ArchiveError.io(path: "/x", operation: "open", errno: 2, message: "No such file or directory").description
      == "/x: open failed: No such file or directory (errno 2)")
  #expect(ArchiveError.truncatedTail(offset: 9).offset == 9)
  #expect(ArchiveError.closed.offset == nil)
}
