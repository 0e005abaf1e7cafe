using RolloutController.Analysis.Statistics;

namespace RolloutController.UnitTests.Analysis.Statistics;

public sealed class SpecialFunctionsTests
{
    // Reference values from the C library's erfc/lgamma (Python's math module) and closed forms.
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(2.0, 0.004677734981047265)]
    [InlineData(3.0, 2.2090496998585438e-05)]
    [InlineData(5.0, 1.5374597944280351e-12)]
    [InlineData(10.0, 2.088487583762545e-45)]
    [InlineData(20.0, 5.3958656116079005e-176)]
    [InlineData(-1.0, 1.842700792949715)]
    public void Erfc_matches_reference_to_1e_13_relative(double x, double expected) =>
        RelativeError(SpecialFunctions.Erfc(x), expected).ShouldBeLessThan(1e-13);

    [Theory]
    [InlineData(0.5, 0.5723649429247004)]
    [InlineData(10.0, 12.801827480081467)]
    [InlineData(0.1, 2.2527126517342055)]
    [InlineData(100.5, 361.4355404677776)]
    public void LogGamma_matches_reference(double x, double expected) =>
        RelativeError(SpecialFunctions.LogGamma(x), expected).ShouldBeLessThan(1e-13);

    // Critical values of χ²₁ at 0.05, 0.01 and 0.001.
    [Theory]
    [InlineData(3.841458820694124, 0.05)]
    [InlineData(6.634896601021214, 0.01)]
    [InlineData(10.827566170662733, 0.001)]
    [InlineData(4.0, 0.045500263896358396)]
    public void Chi_square_survival_with_one_degree_of_freedom(double x, double expected) =>
        RelativeError(SpecialFunctions.ChiSquareSurvival(x, 1), expected).ShouldBeLessThan(1e-12);

    [Fact]
    public void Chi_square_survival_with_two_degrees_of_freedom_is_exp_of_minus_half_x() =>
        RelativeError(SpecialFunctions.ChiSquareSurvival(4, 2), Math.Exp(-2)).ShouldBeLessThan(1e-14);

    [Fact]
    public void Regularized_gamma_matches_closed_form_for_integer_shape()
    {
        // Q(3, 2) = e^{-2} (1 + 2 + 2²/2).
        RelativeError(SpecialFunctions.RegularizedGammaQ(3, 2), 5 * Math.Exp(-2)).ShouldBeLessThan(1e-14);
        RelativeError(SpecialFunctions.RegularizedGammaP(3, 2), 1 - 5 * Math.Exp(-2)).ShouldBeLessThan(1e-14);
        // The series branch (x < a + 1) and the continued fraction (x ≥ a + 1) meet smoothly.
        RelativeError(SpecialFunctions.RegularizedGammaQ(3, 3.999999), SpecialFunctions.RegularizedGammaQ(3, 4.000001))
            .ShouldBeLessThan(1e-5);
    }

    [Fact]
    public void Normal_cdf_at_the_two_sided_95_percent_quantile() =>
        Math.Abs(SpecialFunctions.NormalCdf(1.959963984540054) - 0.975).ShouldBeLessThan(1e-15);

    [Fact]
    public void Out_of_domain_arguments_are_nan_not_exceptions()
    {
        double.IsNaN(SpecialFunctions.LogGamma(0)).ShouldBeTrue();
        double.IsNaN(SpecialFunctions.RegularizedGammaQ(-1, 1)).ShouldBeTrue();
        double.IsNaN(SpecialFunctions.ChiSquareSurvival(1, 0)).ShouldBeTrue();
        SpecialFunctions.ChiSquareSurvival(-3, 1).ShouldBe(1);
    }

    private static double RelativeError(double actual, double expected) => Math.Abs(actual - expected) / Math.Abs(expected);
}
