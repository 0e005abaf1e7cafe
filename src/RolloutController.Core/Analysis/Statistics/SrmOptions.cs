namespace RolloutController.Analysis.Statistics;

/// <summary>Parameters of <see cref="SampleRatioCheck"/>.</summary>
/// <param name="PValueThreshold">Mismatch when p is strictly below it. Default 0.001 (as GrowthBook).</param>
/// <param name="MinExpectedPerArm">Expected exposures each arm needs before the check says anything. Default 8 (as GrowthBook's 8 per arm).</param>
internal sealed record SrmOptions(
    double PValueThreshold = SrmOptions.DefaultPValueThreshold,
    double MinExpectedPerArm = SrmOptions.DefaultMinExpectedPerArm)
{
    public const double DefaultPValueThreshold = 0.001;
    public const double DefaultMinExpectedPerArm = 8;

    public static readonly SrmOptions Default = new();

    /// <summary>Every problem with these options, each naming the field and the bad value; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>(2);
        if (!(PValueThreshold > 0 && PValueThreshold < 1))
            problems.Add($"pValueThreshold must be in (0, 1), got {PValueThreshold}");
        if (!(MinExpectedPerArm >= 0) || !double.IsFinite(MinExpectedPerArm))
            problems.Add($"minExpectedPerArm must be a finite number ≥ 0, got {MinExpectedPerArm}");
        return problems;
    }
}
