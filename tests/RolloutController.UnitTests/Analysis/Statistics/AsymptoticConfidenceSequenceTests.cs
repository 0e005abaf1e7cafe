using RolloutController.Analysis.Statistics;

namespace RolloutController.UnitTests.Analysis.Statistics;

public sealed class AsymptoticConfidenceSequenceTests
{
    // Expected values computed independently from the published formulas (GrowthBook's sequential_rho and
    // sequential_interval_halfwidth[_one_sided]) in double precision.
    [Fact]
    public void Rho_for_default_tuning()
    {
        AsymptoticConfidenceSequence.Rho(0.05, 5000, oneSided: true).ShouldBe(0.03557768852889753, 1e-15);
        AsymptoticConfidenceSequence.Rho(0.05, 5000, oneSided: false).ShouldBe(0.03984006677137368, 1e-15);
    }

    [Fact]
    public void Half_widths_on_known_input()
    {
        var rho1 = AsymptoticConfidenceSequence.Rho(0.05, 5000, oneSided: true);
        var rho2 = AsymptoticConfidenceSequence.Rho(0.05, 5000, oneSided: false);
        AsymptoticConfidenceSequence.OneSidedHalfWidth(0.25, 10000, 0.05, rho1).ShouldBe(0.014006653619236859, 1e-15);
        AsymptoticConfidenceSequence.TwoSidedHalfWidth(0.25, 10000, 0.05, rho2).ShouldBe(0.015307386094337082, 1e-15);
    }

    [Fact]
    public void Sequence_is_wider_than_a_fixed_horizon_interval_and_shrinks_with_n()
    {
        var rho = AsymptoticConfidenceSequence.Rho(0.05, 5000, oneSided: true);
        var widths = new[] { 1_000d, 10_000, 100_000, 1_000_000 }
            .Select(n => AsymptoticConfidenceSequence.OneSidedHalfWidth(0.25, n, 0.05, rho)).ToArray();
        for (var i = 1; i < widths.Length; i++) widths[i].ShouldBeLessThan(widths[i - 1]);
        // The fixed-horizon one-sided 95 % half-width is 1.645 σ/√n; the time-uniform one must be larger.
        widths[1].ShouldBeGreaterThan(1.645 * 0.5 / Math.Sqrt(10_000));
    }
}
