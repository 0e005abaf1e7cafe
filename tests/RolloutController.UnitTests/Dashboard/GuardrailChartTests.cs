using RolloutController.Analysis;
using RolloutController.Dashboard;
using RolloutController.Policies;
using RolloutController.Store;

namespace RolloutController.UnitTests.Dashboard;

public sealed class GuardrailChartTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
    private static readonly GuardrailSpec ErrorRate = new("error-rate", "q", Max: 0.05, Min: null);

    private static MeasurementRecord Reading(int second, Verdict verdict, double? value, string guardrail = "error-rate") =>
        new("f", 0, 1m, new Measurement(guardrail, verdict, value, "max 0.05", "q", "", T0.AddSeconds(second)));

    [Fact]
    public void A_threshold_series_plots_the_values_oldest_first_against_max_and_counts_those_without_a_value()
    {
        var series = GuardrailSeries.Of(ErrorRate,
            [Reading(2, Verdict.Fail, 0.2), Reading(1, Verdict.NoData, null), Reading(0, Verdict.Pass, 0.01), Reading(0, Verdict.Pass, 9, "other")]);

        series.Points.Select(p => (p.Value, p.Verdict)).ShouldBe([(0.01, "pass"), (0.2, "fail")]);
        (series.Bound, series.BoundLabel, series.Missing).ShouldBe((0.05, "max 0.05", 1));
    }

    [Fact]
    public void The_chart_is_an_image_with_a_text_alternative_a_bound_line_and_failures_marked()
    {
        var series = GuardrailSeries.Of(ErrorRate, [Reading(0, Verdict.Pass, 0.01), Reading(1, Verdict.Fail, 0.2)]);

        var svg = GuardrailChart.Render(series, "c1");

        svg.ShouldStartWith("<svg class=\"chart\" id=\"c1\" viewBox=\"0 0 640 200\" role=\"img\" aria-labelledby=\"c1-t\"");
        svg.ShouldContain("<title id=\"c1-t\">error-rate, value over 2 measurements: latest 0.2 (fail), max 0.05; 1 failed.</title>");
        svg.ShouldContain("<line class=\"bound\"");
        svg.ShouldContain("<circle class=\"point fail\"");
        svg.ShouldContain("<polyline class=\"series\"");
    }

    [Fact]
    public void A_guardrail_never_measured_says_so_instead_of_drawing()
    {
        GuardrailChart.Render(GuardrailSeries.Of(ErrorRate, []), "c").ShouldBe("<p class=\"chart-empty\" id=\"c\">error-rate: not measured yet.</p>");
    }

    [Fact]
    public void A_comparison_plots_the_difference_against_the_tolerated_worsening_on_the_side_of_harm()
    {
        var conversion = new GuardrailSpec("conversion", "q", null, null)
        {
            Kind = GuardrailKind.Comparison, Direction = RolloutController.Analysis.Statistics.MetricDirection.HigherIsBetter,
        };
        var record = new MeasurementRecord("f", 0, 1m, new Measurement("conversion", Verdict.Pass, 0.04, "", "q", "", T0,
            new MeasurementDetails(MeasurementDetails.Comparison) { Difference = -0.001, Allowed = 0.004 }));

        var series = GuardrailSeries.Of(conversion, [record]);

        series.Points.Single().Value.ShouldBe(-0.001);
        (series.Bound, series.Quantity).ShouldBe((-0.004, "canary − baseline"));
    }

    [Fact]
    public void Values_and_labels_are_encoded_so_no_text_becomes_markup()
    {
        var spec = new GuardrailSpec("<script>", "q", Max: 1, Min: null);
        var series = GuardrailSeries.Of(spec, [Reading(0, Verdict.Pass, 0.5, "<script>")]);

        GuardrailChart.Render(series, "x").ShouldNotContain("<script>");
    }
}
