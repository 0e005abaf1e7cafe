using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.DecisionHarness;

/// <summary>Reads the decider's decisions of one simulated rollout and remembers what matters for the report.</summary>
internal sealed class OutcomeRecorder(Scenario scenario)
{
    private double? _harmStart, _rollback, _srmPause, _limitPause;
    private int? _rollbackStage;
    private string? _rollbackCause, _pauseReason;
    private StagePoint? _srmPauseAt;
    private TimeSpan _stageStart;

    /// <summary>Whether the canary is harmed now: the rollout reached the scenario's harmed stage.</summary>
    public bool Harmed => _harmStart is not null;

    public void StageEntered(int stage, TimeSpan at)
    {
        _stageStart = at;
        if (_harmStart is null && scenario.HarmStartStage is { } h && stage >= h) _harmStart = at.TotalHours;
    }

    public void Follow(Decision decision, TimeSpan at)
    {
        foreach (var t in decision.Transitions)
        {
            switch (t.Trigger)
            {
                case RolloutTrigger.Advance:
                    StageEntered(t.ToStage, at);
                    break;
                case RolloutTrigger.Rollback:
                    _rollback = at.TotalHours;
                    _rollbackStage = t.FromStage;
                    var tripped = decision.Notices.SelectMany(n => n.Breaches).Select(b => b.Measurement.StreakKey).Distinct().ToList();
                    _rollbackCause = tripped.Count > 0 ? string.Join(", ", tripped) : t.Reason;
                    break;
                case RolloutTrigger.Pause:
                    var sampleRatio = decision.Notices.Any(n => n.Breaches.Any(b => b.Measurement.Guardrail == SampleRatioSpec.MeasurementName));
                    if (sampleRatio) (_srmPause, _srmPauseAt) = (at.TotalHours, new StagePoint(t.FromStage, (at - _stageStart).TotalHours));
                    else _limitPause = at.TotalHours;
                    _pauseReason = t.Reason;
                    break;
            }
        }
    }

    public RunOutcome Result(RolloutPhase phase, TimeSpan end) =>
        new(phase, end.TotalHours, _harmStart, _rollback, _rollbackStage, _rollbackCause, _srmPause, _srmPauseAt, _limitPause, _pauseReason);
}
