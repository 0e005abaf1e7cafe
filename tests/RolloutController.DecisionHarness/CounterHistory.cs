namespace RolloutController.DecisionHarness;

/// <summary>
/// The cumulative counters of both cohorts at every instant the simulation advanced to, oldest first: what Prometheus
/// would have stored. <see cref="Increase"/> answers <c>increase(…[window])</c> as the exact difference between the
/// latest sample and the last one at or before the window's start (real Prometheus extrapolates to fractional counts,
/// which the analysis rounds).
/// </summary>
internal sealed class CounterHistory
{
    private readonly List<TimeSpan> _at = [];
    private readonly List<CohortCounters> _on = [];
    private readonly List<CohortCounters> _off = [];

    public CounterHistory() => Add(TimeSpan.Zero, CohortCounters.Zero, CohortCounters.Zero);

    public CohortCounters LatestOn => _on[^1];
    public CohortCounters LatestOff => _off[^1];

    /// <summary>Adds one interval's traffic at <paramref name="at"/> (time since the rollout started, increasing).</summary>
    public void Add(TimeSpan at, CohortCounters on, CohortCounters off)
    {
        if (_at.Count > 0 && at <= _at[^1]) throw new ArgumentOutOfRangeException(nameof(at), at, "samples must move forward in time");
        _at.Add(at);
        _on.Add(_at.Count == 1 ? on : _on[^1].Plus(on));
        _off.Add(_at.Count == 1 ? off : _off[^1].Plus(off));
    }

    /// <summary>Counts of each cohort over the last <paramref name="window"/> before the latest sample.</summary>
    public (CohortCounters On, CohortCounters Off) Increase(TimeSpan window)
    {
        var index = _at.BinarySearch(_at[^1] - window);
        if (index < 0) index = Math.Max(0, ~index - 1);
        return (_on[^1].Minus(_on[index]), _off[^1].Minus(_off[index]));
    }
}
