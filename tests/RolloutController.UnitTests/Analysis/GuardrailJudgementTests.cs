using RolloutController.Analysis;
using RolloutController.Analysis.Cohorts;
using RolloutController.Analysis.Statistics;
using RolloutController.Policies;
using RolloutController.Rollouts;
using static RolloutController.TestUtilities.Builders.Policies;
using static RolloutController.TestUtilities.Builders.Readings;

namespace RolloutController.UnitTests.Analysis;

/// <summary>The one entry point from a guardrail's answers to its measurements, and the one threshold rule behind both shapes.</summary>
public sealed class GuardrailJudgementTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static RolloutState Live() => RolloutState.New("f", "p", "r", T0) with
    {
        Phase = RolloutPhase.Observing, StageIndex = 1, Weight = 10m, StageStartedAt = T0,
    };

    [Fact]
    public void Each_kind_of_guardrail_asks_for_the_shape_it_is_judged_on()
    {
        GuardrailQuestion.For(ErrorRate()).Shape.ShouldBe(ReadingShape.Scalar);
        GuardrailQuestion.For(PerPlan()).Shape.ShouldBe(ReadingShape.Series);
        GuardrailQuestion.For(Comparison(Margin.Relative(0.2))).ComparesCohorts.ShouldBeTrue();
        var sequential = GuardrailQuestion.For(Sequential());
        (sequential.Values, sequential.Denominators).ShouldBe((Sequential().Numerator, Sequential().Denominator));
        var srm = GuardrailQuestion.For(new SampleRatioSpec("exposures"));
        (srm.Name, srm.Shape, srm.Values).ShouldBe((SampleRatioSpec.MeasurementName, ReadingShape.Series, "exposures"));
    }

    [Theory]
    [InlineData(0.2, nameof(Verdict.Fail))]
    [InlineData(0.01, nameof(Verdict.Pass))]
    [InlineData(double.PositiveInfinity, nameof(Verdict.Fail))]
    public void A_plain_threshold_and_a_segment_of_a_per_segment_one_judge_a_value_alike(double value, string verdict)
    {
        var plain = ErrorRate() with { Max = 0.05 };
        var perPlan = PerPlan();
        var policy = Default(guardrails: [plain, perPlan]);

        var one = GuardrailJudgement.Judge(policy, plain, Live(), GuardrailReadings.OfScalar("q", QueryOutcome.Of(value)), T0).ShouldHaveSingleItem();
        var segment = GuardrailJudgement.Judge(policy, perPlan, Live(), GuardrailReadings.Of(OnTraffic(Series(value, ("plan", "pro")))), T0)
            .ShouldHaveSingleItem();

        one.Verdict.ShouldBe(Enum.Parse<Verdict>(verdict));
        segment.Verdict.ShouldBe(one.Verdict);
        segment.Detail.ShouldBe("plan=\"pro\": " + one.Detail);
    }

    [Fact]
    public void A_plain_threshold_without_an_answer_is_an_error_not_a_pass()
    {
        var g = ErrorRate();

        var m = GuardrailJudgement.Judge(Default(guardrails: [g]), g, Live(), new GuardrailReadings([], []), T0).ShouldHaveSingleItem();

        m.Verdict.ShouldBe(Verdict.Error);
    }

    [Fact]
    public void The_sample_ratio_check_is_a_kind_of_measurement_not_a_name()
    {
        var srm = GuardrailJudgement.JudgeSampleRatio(new SampleRatioSpec("exposures"), Live(), GuardrailReadings.Of(PerCohort(100, 900)), T0);
        var guardrail = GuardrailJudgement.Judge(Default(), ErrorRate(), Live(), GuardrailReadings.OfScalar("q", QueryOutcome.Of(0.001)), T0).Single();

        srm.Kind.ShouldBe(MeasurementKind.SampleRatio);
        guardrail.Kind.ShouldBe(MeasurementKind.Guardrail);
        // What the store keeps (the method in the details) is enough to know it again after a restart.
        (srm with { Details = new MeasurementDetails(MeasurementDetails.SampleRatio) }).Kind.ShouldBe(MeasurementKind.SampleRatio);
    }
}
