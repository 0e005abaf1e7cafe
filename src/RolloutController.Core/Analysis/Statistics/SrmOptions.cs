namespace RolloutController.Analysis.Statistics;

/// <summary>Parameters of <see cref="SampleRatioCheck"/>.</summary>
/// <param name="PValueThreshold">The sequential test's alpha: mismatch when the anytime-valid p-value is at most it
/// (Bayes factor ≥ 1/alpha), which bounds the chance of ever flagging a correct split during one stage by it. Default 0.001
/// (the usual SRM bar).</param>
/// <param name="MinExpectedPerArm">Expected exposures each arm needs before the check says anything. Default 8 (as GrowthBook's 8 per arm).</param>
/// <param name="Concentration">Concentration k of the Dirichlet mixture (α_i = k·p_i). Default
/// <see cref="SequentialSampleRatioTest.DefaultConcentration"/> (100).</param>
internal sealed record SrmOptions(
    double PValueThreshold = SrmOptions.DefaultPValueThreshold,
    double MinExpectedPerArm = SrmOptions.DefaultMinExpectedPerArm,
    double Concentration = SequentialSampleRatioTest.DefaultConcentration)
{
    public const double DefaultPValueThreshold = 0.001;
    public const double DefaultMinExpectedPerArm = 8;

    public static readonly SrmOptions Default = new();

    /// <summary>Every problem with these options, each naming the field and the bad value; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>(3);
        if (!(PValueThreshold > 0 && PValueThreshold < 1))
            problems.Add($"pValueThreshold must be in (0, 1), got {PValueThreshold}");
        if (!(MinExpectedPerArm >= 0) || !double.IsFinite(MinExpectedPerArm))
            problems.Add($"minExpectedPerArm must be a finite number ≥ 0, got {MinExpectedPerArm}");
        if (!(Concentration > 0) || !double.IsFinite(Concentration))
            problems.Add($"concentration must be a finite number > 0, got {Concentration}");
        return problems;
    }
}
