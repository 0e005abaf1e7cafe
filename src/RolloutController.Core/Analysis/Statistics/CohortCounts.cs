namespace RolloutController.Analysis.Statistics;

/// <summary>
/// Counts for one cohort of a ratio metric: <see cref="Events"/> out of <see cref="Trials"/>
/// (errors out of requests, conversions out of visits). Plain data: nothing is validated here,
/// <see cref="CohortCountsCheck"/> turns bad values into a defined outcome.
/// </summary>
/// <param name="Events">Numerator count (errors, conversions). Must be 0 ≤ Events ≤ Trials.</param>
/// <param name="Trials">Denominator count (requests, visits). Must be ≥ 0.</param>
internal sealed record CohortCounts(long Events, long Trials)
{
    public static readonly CohortCounts Zero = new(0, 0);

    /// <summary>Events / Trials, or NaN when there were no trials.</summary>
    public double Rate => Trials > 0 ? (double)Events / Trials : double.NaN;

    public CohortCounts Add(CohortCounts other) => new(Events + other.Events, Trials + other.Trials);
}
