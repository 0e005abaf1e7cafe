using RolloutController.Analysis.Statistics;
using RolloutController.DecisionHarness;

namespace RolloutController.UnitTests.Analysis.Statistics;

/// <summary>
/// <see cref="SampleRatioCheck"/> looked at every minute of a 24 h stage at 10 % on, 1,000 exposures per minute (on and off
/// counts per minute are independent Poisson draws), cumulative counts since the stage started, as the controller does
/// with its default interval. Fixed seed; bounds wide enough for other seeds.
/// </summary>
public sealed class SampleRatioEveryMinuteTests
{
    private const int Stages = 1_000;
    private const int Minutes = 24 * 60;
    private const double PerMinute = 1_000;
    private const double Share = 0.1;

    /// <summary>Per stage, the first minute the check said mismatch, or null.</summary>
    private static int?[] FirstMismatch(double servedShare, Func<SrmResult, bool> mismatch)
    {
        var first = new int?[Stages];
        for (var s = 0; s < Stages; s++)
        {
            var rng = new Xoshiro256(Xoshiro256.Derive(20261122, (ulong)s));
            long on = 0, off = 0;
            for (var minute = 1; minute <= Minutes && first[s] is null; minute++)
            {
                on += PoissonSampler.Next(rng, PerMinute * servedShare);
                off += PoissonSampler.Next(rng, PerMinute * (1 - servedShare));
                if (mismatch(SampleRatioCheck.Evaluate(on, off, Share, SrmOptions.Default))) first[s] = minute;
            }
        }
        return first;
    }

    [Fact]
    public void A_correct_split_is_flagged_in_at_most_about_alpha_of_stages_while_the_fixed_horizon_p_would_flag_many()
    {
        var sequential = FirstMismatch(Share, r => r.Outcome == SrmOutcome.Mismatch).Count(m => m is not null);
        var fixedHorizon = FirstMismatch(Share, r => r.ChiSquarePValue < SrmOptions.DefaultPValueThreshold).Count(m => m is not null);

        // Ville: P(ever BF ≥ 1/α) ≤ α = 0.001, i.e. about 1 of 1,000 stages; 3 binomial standard errors above it.
        const double alpha = SrmOptions.DefaultPValueThreshold;
        sequential.ShouldBeLessThanOrEqualTo((int)Math.Ceiling(Stages * (alpha + 3 * Math.Sqrt(alpha * (1 - alpha) / Stages))));
        fixedHorizon.ShouldBeGreaterThan(10 * Math.Max(sequential, 1), "looking every minute inflates the χ² test's false alarms");
    }

    [Fact]
    public void A_five_percent_skew_is_flagged_within_hours()
    {
        var first = FirstMismatch(Share * 1.05, r => r.Outcome == SrmOutcome.Mismatch);

        first.Count(m => m is not null).ShouldBe(Stages);
        // About 75,000 exposures at expected counts (75 min); the χ² test at a fixed horizon would need about 39,000.
        var minutes = first.Select(m => m!.Value).Order().ToArray();
        minutes[Stages / 2].ShouldBeInRange(30, 150);
        minutes[Stages * 9 / 10].ShouldBeLessThanOrEqualTo(300);
    }
}
