import RayRecTesting
import Testing

@Suite(.timeLimit(.minutes(2)), .recording("recordings/actor-crash-loop.rayrec"), .rules("rules/ray.yml"))
struct RuleExpectationsTests {
  @Test func theCrashLoopAlertFiresWithinTenMinutes() throws {
    let episodes = try expectAlert(
      "RayActorCrashLoop", firesWithin: .minutes(10), labels: ["severity": "warning"])
    #expect(episodes.count == 1)
  }

  @Test func theCrashLoopAlertIsFiringAtFifteenMinutesAndResolvedAtTheEnd() throws {
    try expectAlert("RayActorCrashLoop", at: .afterStart(.minutes(15)))
    try expectAlertSilent("RayActorCrashLoop", during: .last(.minutes(4)))
  }

  @Test func otherAlertsStaySilent() throws {
    try expectAlertSilent("RayObjectStoreNearFull")
    try expectAlertSilent("RayNodeLost")
  }

  @Test func annotationsAreRenderedAsPrometheusRendersThem() throws {
    try expectAnnotation("RayActorCrashLoop", "summary", equals: "Actors are crash-looping on crashloop")
    try expectAnnotation(
      "RayActorCrashLoop", "description", contains: "worker or actor failures in the last 5 minutes")
  }

  @Test func recordingRuleSeriesCanBeQueried() throws {
    try expectValue(
      "ray_io_cluster:worker_failures:increase5m", at: .afterStart(.minutes(10)), .greaterThan(3))
  }

  @Test func aTooEarlyDeadlineFailsWithTheTimelineAndValues() throws {
    try withKnownIssue {
      try expectAlert("RayActorCrashLoop", firesWithin: .minutes(5))
    } matching: { issue in
      issue.comments.contains { comment in
        let text = comment.rawValue
        return text.contains("was expected firing within 5m of the start")
          && text.contains("timeline:") && text.contains("pending") && text.contains("peak")
      }
    }
  }

  @Test func anAlertThatNeverCrossesItsThresholdShowsItsPeak() throws {
    try withKnownIssue {
      try expectAlert("RayObjectStoreNearFull")
    } matching: { issue in
      issue.comments.contains {
        $0.rawValue.contains("it never went pending") && $0.rawValue.contains("peak")
      }
    }
  }

  @Test func aMisspelledAlertIsNamedWithTheClosestOne() throws {
    try withKnownIssue {
      try expectAlert("RayActorCrashloop")
    } matching: { issue in
      issue.comments.contains { $0.rawValue.contains("did you mean RayActorCrashLoop?") }
    }
  }
}

@Suite(.timeLimit(.minutes(2)), .recording("recordings/actor-crash-loop.rayrec"))
struct RuleExpectationsWithoutRulesTests {
  @Test func anAlertExpectationWithoutRulesSaysHowToLoadThem() throws {
    try withKnownIssue {
      try expectAlert("RayActorCrashLoop")
    } matching: { issue in
      issue.comments.contains { $0.rawValue.contains("no rule files are loaded") }
    }
  }

  @Test func aQueryOfAnUnloadedRecordingRuleSaysSo() throws {
    try withKnownIssue {
      try expectValue("ray_io_cluster:worker_failures:increase5m", at: .end, .greaterThan(0))
    } matching: { issue in
      issue.comments.contains { $0.rawValue.contains("looks like a recording rule") }
    }
  }
}

/// The rules trait may come first; the same rule file over other shipped recordings.
@Suite(.timeLimit(.minutes(2)), .rules("rules/ray.yml"), .recording("recordings/node-loss.rayrec"))
struct RuleExpectationsNodeLossTests {
  @Test func losingANodePagesAndTheTargetIsReportedDown() throws {
    try expectAlert("RayNodeLost", at: .afterStart(.minutes(15)), labels: ["severity": "critical"])
    try expectAlert("RayScrapeTargetDown", firesWithin: .minutes(15), labels: ["instance": "127.0.0.3:8080"])
    try expectAnnotation(
      "RayNodeLost", "description", equals: "3 nodes active, fewer than in the last 30 minutes.")
    try expectAlertSilent("RayNodeLost", during: .last(.minutes(5)))
  }
}

@Suite(.timeLimit(.minutes(2)), .recording("recordings/object-store-spill.rayrec"), .rules("rules/ray.yml"))
struct RuleExpectationsSpillTests {
  @Test func aFillingObjectStoreWarnsAndSpills() throws {
    try expectAlert("RayObjectStoreNearFull", firesWithin: .minutes(8), labels: ["NodeAddress": "127.0.0.2"])
    try expectAlert("RayObjectSpilling", firesWithin: .minutes(8))
    try expectAlertSilent("RayObjectStoreNearFull", labels: ["NodeAddress": "127.0.0.1"])
  }
}
