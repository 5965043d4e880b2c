/// Runs the command line and returns the process exit code.
public func run(_ arguments: [String]) -> Int32 { 0 }
