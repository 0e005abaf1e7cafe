namespace RolloutController.Analysis.Statistics;

/// <summary>Parameters of <see cref="SequentialProportionTest"/>.</summary>
/// <param name="Alpha">
/// Probability, over the whole life of one test, of declaring harm when there is none. Default 0.05. Must be in (0, 0.5)
/// (a one-sided CS needs α &lt; ½). When a rollout runs one test per stage, give each stage its share (see <see cref="StageAlpha"/>).
/// </param>
/// <param name="TuningSampleSize">N*, total observations (both cohorts) at which the sequence is tightest. Default 5000.</param>
/// <param name="MinTrialsPerCohort">Trials each cohort needs before any verdict but NotEnoughData. Default 100.</param>
internal sealed record SequentialTestOptions(
    double Alpha = SequentialTestOptions.DefaultAlpha,
    double TuningSampleSize = AsymptoticConfidenceSequence.DefaultTuningSampleSize,
    long MinTrialsPerCohort = SequentialTestOptions.DefaultMinTrialsPerCohort)
{
    public const double DefaultAlpha = 0.05;
    public const long DefaultMinTrialsPerCohort = 100;

    public static readonly SequentialTestOptions Default = new();

    /// <summary>Every problem with these options, each naming the field and the bad value; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>(3);
        if (!(Alpha > 0 && Alpha < 0.5))
            problems.Add($"alpha must be in (0, 0.5), got {Alpha}");
        if (!(TuningSampleSize > 0) || !double.IsFinite(TuningSampleSize))
            problems.Add($"tuningSampleSize must be a finite number > 0, got {TuningSampleSize}");
        if (MinTrialsPerCohort < 1)
            problems.Add($"minTrialsPerCohort must be ≥ 1, got {MinTrialsPerCohort}");
        return problems;
    }
}
