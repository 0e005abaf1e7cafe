namespace RolloutController.Analysis.Statistics;

/// <summary>
/// Turns raw cumulative counter readings (Prometheus counters: total errors, total requests) into counts since the test
/// started, surviving counter resets. Immutable: <see cref="Observe"/> returns the next state.
/// <para>Rules, applied per reading:</para>
/// <list type="number">
/// <item>A reading with a negative count or events above trials is rejected; the state does not move. (If the very
/// first reading was such, the next good reading becomes the start.)</item>
/// <item>If either counter is below its previous reading, both counters are taken to have restarted from 0 (they come
/// from the same process): the increase is the reading itself, as Prometheus' <c>increase()</c> does. Whatever was
/// counted between the previous reading and the restart is lost.</item>
/// <item>Otherwise the increase is reading − previous. An increase with more events than trials (the two counters
/// scraped at slightly different instants) is rejected without moving the previous reading, so the next reading
/// covers both intervals and nothing is lost.</item>
/// </list>
/// </summary>
/// <param name="LastReading">The last accepted raw reading.</param>
/// <param name="SinceStart">Accumulated increases since the first reading.</param>
/// <param name="Resets">How many resets were seen.</param>
internal sealed record CumulativeCohort(CohortCounts LastReading, CohortCounts SinceStart, int Resets)
{
    /// <summary>Starts tracking at a first reading; counts before it do not belong to the test.</summary>
    public static CumulativeCohort StartAt(CohortCounts firstReading) => new(firstReading, CohortCounts.Zero, 0);

    public CounterStep Observe(CohortCounts reading)
    {
        if (CohortCountsCheck.Problem("reading", reading) is { } problem)
            return new(this, CohortCounts.Zero, false, problem);

        // A bad starting reading cannot anchor increases: the first good reading becomes the new start.
        if (CohortCountsCheck.Problem("previous reading", LastReading) is not null)
            return new(this with { LastReading = reading }, CohortCounts.Zero, false, null);

        var reset = reading.Events < LastReading.Events || reading.Trials < LastReading.Trials;
        var increase = reset
            ? reading
            : new CohortCounts(reading.Events - LastReading.Events, reading.Trials - LastReading.Trials);
        if (increase.Events > increase.Trials)
            return new(this, CohortCounts.Zero, reset,
                $"increase has more events ({increase.Events}) than trials ({increase.Trials}); waiting for the next reading");

        return new(new(reading, SinceStart.Add(increase), Resets + (reset ? 1 : 0)), increase, reset, null);
    }
}
