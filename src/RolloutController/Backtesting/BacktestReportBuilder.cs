using RolloutController.Analysis;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Backtesting;

/// <summary>Collects the decisions and measurements of a replay into a <see cref="BacktestReport"/>. Pure.</summary>
internal sealed class BacktestReportBuilder(RolloutPolicy policy, BacktestRange range)
{
    private readonly List<BacktestEvent> _timeline = [];
    private readonly Dictionary<string, int[]> _verdicts = policy.Analysis.Guardrails.ToDictionary(g => g.Name, _ => new int[VerdictSlots], StringComparer.Ordinal);
    private readonly List<string> _order = policy.Analysis.Guardrails.Select(g => g.Name).ToList();
    private int _rounds;
    private int _errorRounds;
    private int _noDataRounds;
    private string? _firstError;
    private DateTimeOffset _lastRoundAt = range.From;

    private const int VerdictSlots = 5;

    /// <summary>Records the start decision (no measurements).</summary>
    public void Started(Decision decision) => AddEvents(decision, []);

    /// <summary>Records one measurement round at <paramref name="at"/> and the decision it led to.</summary>
    public void Round(DateTimeOffset at, IReadOnlyList<Measurement> measurements, Decision decision)
    {
        _rounds++;
        _lastRoundAt = at;
        foreach (var m in measurements) Count(m);
        if (measurements.FirstOrDefault(m => m.Verdict == Verdict.Error) is { } error)
        {
            _errorRounds++;
            _firstError ??= $"{error.Guardrail} at {BacktestRangeParser.Show(at)}: {error.Detail}";
        }
        if (measurements.Any(m => m.Verdict == Verdict.NoData)) _noDataRounds++;
        AddEvents(decision, measurements);
    }

    /// <summary>The report, with <paramref name="final"/> as the rollout's last state.</summary>
    public BacktestReport Build(RolloutState final)
    {
        var stopped = final.Phase switch
        {
            RolloutPhase.Completed => BacktestStopReason.Completed,
            RolloutPhase.RolledBack => BacktestStopReason.RolledBack,
            _ => BacktestStopReason.EndOfRange,
        };
        var summary = new BacktestSummary(
            stopped, _lastRoundAt, final.Phase, final.StageIndex + 1, policy.Stages.Count, final.Weight,
            final.HoldServedAt(_lastRoundAt), final.PauseReason, _rounds, _errorRounds, _noDataRounds, _firstError,
            _order.Select(Tally).ToList());
        return new BacktestReport(policy.Metadata.Name, policy.Flag.Key, policy.Source, policy.Revision,
            range.From, range.To, range.Interval, policy.Stages, _timeline.ToList(), summary);
    }

    private void AddEvents(Decision decision, IReadOnlyList<Measurement> measurements)
    {
        var readings = measurements.Select(BacktestReading.Of).ToList();
        foreach (var t in decision.Transitions)
        {
            var breaches = decision.Notices
                .Where(n => n.Transition == t)
                .SelectMany(n => n.Breaches)
                .Select(BacktestBreach.Of)
                .ToList();
            _timeline.Add(new BacktestEvent(t.At, t.Trigger, t.From, t.To, t.FromStage + 1, t.ToStage + 1,
                t.FromWeight, t.ToWeight, t.Reason, breaches, readings));
        }
    }

    private void Count(Measurement m)
    {
        if (!_verdicts.TryGetValue(m.Guardrail, out var counts))
        {
            // A guardrail the decider reports that the policy does not list by that name: still counted, never dropped.
            counts = _verdicts[m.Guardrail] = new int[VerdictSlots];
            _order.Add(m.Guardrail);
        }
        counts[Slot(m.Verdict)]++;
    }

    private GuardrailTally Tally(string guardrail)
    {
        var c = _verdicts[guardrail];
        return new GuardrailTally(guardrail, c[0], c[1], c[2], c[3], c[4]);
    }

    // Unknown verdicts (a kind added later) count as inconclusive: neither pass nor fail, and never lost.
    private static int Slot(Verdict verdict) => verdict switch
    {
        Verdict.Pass => 0,
        Verdict.Fail => 1,
        Verdict.NoData => 3,
        Verdict.Error => 4,
        _ => 2,
    };
}
