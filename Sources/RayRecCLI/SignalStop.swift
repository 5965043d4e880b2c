import Dispatch
import Glibc
import Recorder

/// Turns SIGINT and SIGTERM into a stop request, so long-running commands finish cleanly.
final class SignalStop: @unchecked Sendable {  // sources are only touched in init and deinit
  let flag = StopFlag()
  private let sources: [any DispatchSourceSignal]

  init(queue: DispatchQueue = DispatchQueue(label: "rayrec.signals")) {
    var sources: [any DispatchSourceSignal] = []
    for signo in [SIGINT, SIGTERM] {
      signal(signo, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signo, queue: queue)
      sources.append(source)
    }
    self.sources = sources
    let flag = self.flag
    for source in sources {
      source.setEventHandler { flag.stop() }
      source.resume()
    }
  }

  deinit {
    for source in sources { source.cancel() }
    signal(SIGINT, SIG_DFL)
    signal(SIGTERM, SIG_DFL)
  }
}
