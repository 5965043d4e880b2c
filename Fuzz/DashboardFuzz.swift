// libFuzzer entry point for the Grafana dashboard reader. Compiled into the Dashboards module by
// scripts/fuzz dashboard (not part of the SwiftPM build), with PromQL linked as a library.

import Basics
import PromQL

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDashboard(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  do {
    _ = try JSONParser.parse(bytes)
  } catch {
    // A syntax error points into the input.
    if error.line < 1 || error.column < 1 || error.offset < 0 || error.offset > size || error.message.isEmpty
    {
      fatalError("bad JSON error \(error) for \(size) bytes")
    }
  }
  let dashboard: Dashboard
  do {
    dashboard = try Dashboard.parse(bytes, path: "fuzz.json")
  } catch {
    if error.path != "fuzz.json" || error.message.isEmpty { fatalError("bad dashboard error \(error)") }
    return 0
  }
  // What a check does with a dashboard before it queries: interpolate each expression with the
  // variables' names and parse it.
  let interpolator = TemplateInterpolator()
  for variable in dashboard.variables { _ = dashboard.variable(variable.name) }
  for panel in dashboard.panels {
    _ = panel.description
    for target in panel.activeTargets {
      _ = TemplateInterpolator.referencedNames(in: target.expr)
      _ = TemplateInterpolator.soleVariableName(target.expr)
      let expr = interpolator.interpolate(target.expr)
      _ = try? Parser.parse(expr, options: .all)
    }
  }
  return 0
}
