using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RolloutController.Analysis;
using RolloutController.Engine;
using RolloutController.Flags.Platforms;
using RolloutController.Metrics;
using RolloutController.Policies;
using RolloutController.Rollouts;
using TestPolicies = RolloutController.TestUtilities.Builders.Policies;

namespace RolloutController.IntegrationTests.Analysis;

/// <summary>
/// The sample-ratio check on a flag platform whose SDKs poll: the first seconds of a stage, when services may still
/// serve the previous weight, are left out of the counts, so they cannot make a false mismatch; on the built-in backend
/// the whole stage counts. Through the real measurer, with the queries it sends recorded.
/// </summary>
public sealed class SampleRatioSdkRefreshTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(T0);
    private readonly RecordingMetrics _metrics = new();

    private GuardrailMeasurer Measurer()
    {
        var options = new FlagPlatformOptions();
        options.Connections["unleash-prod"] = new FlagPlatformConnection
        {
            Type = "unleash", Url = "https://unleash.example.com", TokenEnv = "T", Environment = "production",
        };
        return new GuardrailMeasurer(_metrics, _time, NullLogger<GuardrailMeasurer>.Instance, platforms: Options.Create(options));
    }

    private static RolloutPolicy Policy(string provider) => TestPolicies.Default(guardrails: []) with
    {
        Flag = new FlagSpec("new-checkout", provider),
        Analysis = TestPolicies.Default().Analysis with
        {
            Guardrails = [],
            SampleRatio = new SampleRatioSpec("sum by (variant) (increase(exposures{flag=\"{{ flag }}\"}[{{ window }}]))"),
        },
    };

    private RolloutState StageStartedAgo(RolloutPolicy policy, TimeSpan age)
    {
        var started = RolloutDecider.Start(policy, RolloutState.New("new-checkout", "new-checkout", "rev1", T0), T0).State;
        _time.SetUtcNow(T0 + age);
        return started;
    }

    [Fact]
    public async Task On_Unleash_nothing_is_counted_or_asked_in_the_first_15_seconds_of_a_stage()
    {
        var policy = Policy("unleash-prod");

        var measured = await Measurer().MeasureAsync(policy, StageStartedAgo(policy, TimeSpan.FromSeconds(10)), null, CancellationToken.None);

        var check = measured.ShouldHaveSingleItem();
        check.Guardrail.ShouldBe(SampleRatioSpec.MeasurementName);
        check.Verdict.ShouldBe(Verdict.Inconclusive);
        check.Detail.ShouldContain("up to 15 s after it starts");
        _metrics.Queries.ShouldBeEmpty();
    }

    [Fact]
    public async Task On_Unleash_the_counts_start_15_seconds_into_the_stage()
    {
        var policy = Policy("unleash-prod");

        var measured = await Measurer().MeasureAsync(policy, StageStartedAgo(policy, TimeSpan.FromSeconds(75)), null, CancellationToken.None);

        measured.ShouldHaveSingleItem().Verdict.ShouldNotBe(Verdict.Inconclusive);
        _metrics.Queries.ShouldNotBeEmpty();
        _metrics.Queries.ShouldAllBe(q => q.Contains("[60s]"));
    }

    [Fact]
    public async Task On_the_builtin_backend_the_whole_stage_counts()
    {
        var policy = Policy(FlagSpec.BuiltinProvider);

        await Measurer().MeasureAsync(policy, StageStartedAgo(policy, TimeSpan.FromSeconds(75)), null, CancellationToken.None);

        _metrics.Queries.ShouldNotBeEmpty();
        _metrics.Queries.ShouldAllBe(q => q.Contains("[75s]"));
    }

    // Records every query and answers it with no series (what is asked is the point here, not the verdict).
    private sealed class RecordingMetrics : IMetricsProvider
    {
        public ConcurrentQueue<string> Queries { get; } = new();

        public Task<QueryOutcome> QueryScalarAsync(string query, DateTimeOffset? at, QueryBudget budget, CancellationToken cancellationToken)
        {
            Queries.Enqueue(query);
            return Task.FromResult(QueryOutcome.Empty());
        }

        public Task<VectorOutcome> QueryVectorAsync(string query, DateTimeOffset? at, QueryBudget budget, CancellationToken cancellationToken)
        {
            Queries.Enqueue(query);
            return Task.FromResult(VectorOutcome.Empty());
        }
    }
}
