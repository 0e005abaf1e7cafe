using Microsoft.Extensions.Options;
using RolloutController.Analysis;
using RolloutController.Analysis.Batching;
using RolloutController.Analysis.Cohorts;
using RolloutController.Flags.Platforms;
using RolloutController.Metrics;
using RolloutController.Metrics.Batching;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Engine;

/// <summary>
/// Renders every guardrail's queries for the flag and the stage window (what <see cref="GuardrailQuestion"/> says each
/// asks, the sample-ratio check's included), runs them concurrently and hands the answers to
/// <see cref="GuardrailJudgement"/>, the one place they become verdicts. Live rounds go through the <see cref="QueryBatcher"/> when there is one, so
/// rollouts sharing a query template share its queries; backtests (a past instant) query on their own.
/// </summary>
internal sealed class GuardrailMeasurer(IMetricsProvider metrics, TimeProvider time, ILogger<GuardrailMeasurer> logger, QueryBatcher? batcher = null,
    IOptions<FlagPlatformOptions>? platforms = null)
{
    /// <summary>Measures every guardrail of <paramref name="policy"/> for the rollout in <paramref name="state"/>.</summary>
    /// <param name="at">Evaluation time for the queries; null means now (live rounds). Backtests pass past instants.</param>
    public async Task<IReadOnlyList<Measurement>> MeasureAsync(RolloutPolicy policy, RolloutState state, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var when = at ?? time.GetUtcNow();
        var variables = Variables(policy, state, when);
        var tasks = policy.Analysis.Guardrails.Select(g => MeasureAsync(policy, g, state, variables, at, when, cancellationToken)).ToList();
        if (policy.Analysis.SampleRatio is { } srm)
            tasks.Add(MeasureSampleRatioAsync(policy, srm, state, at, when, cancellationToken));
        var results = await Task.WhenAll(tasks);
        return results.SelectMany(r => r).ToList();
    }

    /// <summary><c>{{ flag }}</c> and <c>{{ window }}</c> (time since the stage started; since <paramref name="when"/> before any stage).</summary>
    public static IReadOnlyDictionary<string, string> Variables(RolloutPolicy policy, RolloutState state, DateTimeOffset when) =>
        Variables(policy, StageAge(state, when));

    private static IReadOnlyDictionary<string, string> Variables(RolloutPolicy policy, TimeSpan window) =>
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [QueryTemplate.Flag] = policy.Flag.Key,
            [QueryTemplate.Window] = QueryTemplate.WindowValue(window),
        };

    private static TimeSpan StageAge(RolloutState state, DateTimeOffset when) => when - (state.StageStartedAt ?? when);

    private async Task<IReadOnlyList<Measurement>> MeasureAsync(RolloutPolicy policy, GuardrailSpec g, RolloutState state,
        IReadOnlyDictionary<string, string> variables, DateTimeOffset? at, DateTimeOffset when, CancellationToken cancellationToken) =>
        GuardrailJudgement.Judge(policy, g, state, await AskAsync(policy, GuardrailQuestion.For(g), variables, at, cancellationToken), when);

    // Counted from the stage's start less the platform's SDK refresh (SampleRatioWindow); nothing is asked before that.
    private async Task<IReadOnlyList<Measurement>> MeasureSampleRatioAsync(RolloutPolicy policy, SampleRatioSpec srm, RolloutState state,
        DateTimeOffset? at, DateTimeOffset when, CancellationToken cancellationToken)
    {
        var sdkRefresh = platforms?.Value.Connections.TryGetValue(policy.Flag.Provider, out var connection) == true
            ? connection.SdkRefreshOrDefault
            : TimeSpan.Zero;
        if (SampleRatioWindow.Counted(StageAge(state, when), sdkRefresh) is not { } counted)
            return [SampleRatioAnalysis.Waiting(srm, state, sdkRefresh, when)];
        var readings = await AskAsync(policy, GuardrailQuestion.For(srm), Variables(policy, counted), at, cancellationToken);
        return [GuardrailJudgement.JudgeSampleRatio(srm, state, readings, when)];
    }

    // Runs what the question asks; what the answers mean is GuardrailJudgement's business.
    private async Task<GuardrailReadings> AskAsync(RolloutPolicy policy, GuardrailQuestion question,
        IReadOnlyDictionary<string, string> variables, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        if (question.Shape == ReadingShape.Scalar)
        {
            var query = QueryTemplate.Render(question.Values, variables);
            var outcome = batcher is not null && at is null
                ? (await batcher.QueryAsync(policy.Flag.Key, FlagPlaceholder.RenderOthers(question.Values, Others(variables)), query, policy.Analysis.Interval, cancellationToken)).ToScalar()
                : await metrics.QueryScalarAsync(query, at, QueryBudget.ForInterval(policy.Analysis.Interval), cancellationToken);
            if (outcome.Kind == QueryOutcomeKind.Error) EngineLog.QueryFailed(logger, policy.Flag.Key, question.Name, outcome.Detail ?? "");
            return GuardrailReadings.OfScalar(query, outcome);
        }
        var values = ReadAsync(policy, question.Name, question.Values, question.ComparesCohorts, variables, at, cancellationToken);
        var denominators = question.Denominators is { } d
            ? ReadAsync(policy, question.Name, d, true, variables, at, cancellationToken)
            : Task.FromResult<IReadOnlyList<QueryReading>>([]);
        return new GuardrailReadings(await values, await denominators);
    }

    private async Task<IReadOnlyList<QueryReading>> ReadAsync(RolloutPolicy policy, string name, string template, bool comparesCohorts,
        IReadOnlyDictionary<string, string> variables, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var planned = QueryPlan.For(template, comparesCohorts, variables);
        // The same plan with the flag left standing: what rollouts sharing the template have in common.
        var shared = QueryPlan.For(template, comparesCohorts, WithFlagStanding(variables));
        var readings = await Task.WhenAll(planned.Select(async (q, i) =>
        {
            var outcome = batcher is not null && at is null
                ? await batcher.QueryAsync(policy.Flag.Key, shared[i].Query, q.Query, policy.Analysis.Interval, cancellationToken)
                : await metrics.QueryVectorAsync(q.Query, at, QueryBudget.ForInterval(policy.Analysis.Interval), cancellationToken);
            if (outcome.Kind == QueryOutcomeKind.Error) EngineLog.QueryFailed(logger, policy.Flag.Key, name, outcome.Detail ?? "");
            return new QueryReading(q, outcome);
        }));
        return readings;
    }

    private static Dictionary<string, string> Others(IReadOnlyDictionary<string, string> variables) =>
        variables.Where(v => v.Key != QueryTemplate.Flag).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    private static Dictionary<string, string> WithFlagStanding(IReadOnlyDictionary<string, string> variables) =>
        new(variables, StringComparer.Ordinal) { [QueryTemplate.Flag] = FlagPlaceholder.Text };
}
