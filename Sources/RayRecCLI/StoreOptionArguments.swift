import Exposition
import SeriesStore

/// `--compat`, `--no-staleness` and `--label`: how a command reads a recording into series,
/// parsed once for every command that loads a series store.
enum StoreOptionArguments {
  static let compat = OptionSpec.option(
    "compat", value: "2|3", help: "Prometheus version semantics (default 3).")
  static let noStaleness = OptionSpec.flag(
    "no-staleness", help: "Write no staleness markers, as data backfilled with promtool behaves.")

  /// Whether `--compat 2` was given; a usage error for anything but 2 or 3.
  static func prometheus2(_ args: ParsedArguments) throws -> Bool {
    let compat = args.value("compat") ?? "3"
    guard compat == "2" || compat == "3" else {
      throw UsageError(message: "--compat is 2 or 3", path: args.path)
    }
    return compat == "2"
  }

  /// The series store options the three give.
  static func options(_ args: ParsedArguments) throws -> SeriesStoreOptions {
    var options = try prometheus2(args) ? SeriesStoreOptions.prometheus2 : SeriesStoreOptions()
    options.staleness = !args.flag("no-staleness")
    options.extraLabels = try ArchiveCommands.labels(args).map { Exposition.Label($0.0, $0.1) }
    return options
  }
}
