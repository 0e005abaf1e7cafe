using System.Collections.Immutable;
using RolloutController.Analysis;
using RolloutController.Analysis.Segments;
using RolloutController.Rollouts;
using RolloutController.Store;

namespace RolloutController.IntegrationTests.Store;

/// <summary>
/// What every <see cref="IRolloutStore"/> must do, run against each real database by a subclass.
/// Each test gets an empty, migrated database of its own.
/// </summary>
public abstract partial class RolloutStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly List<SqlRolloutStore> _opened = [];

    private IRolloutStore Store { get; set; } = null!;

    // Every test finishes by itself: a hung database call is cancelled.
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private CancellationToken Ct => _timeout.Token;

    /// <summary>A new store instance on this test's database, as a restarted process would open it.</summary>
    private protected abstract SqlRolloutStore CreateStore();

    /// <summary>A store whose database cannot be reached or opened.</summary>
    private protected abstract SqlRolloutStore CreateUnreachableStore();

    /// <summary>Runs an SQL query returning one number, on this test's database.</summary>
    private protected abstract Task<long> ScalarAsync(string sql);

    /// <summary>Applies exactly <paramref name="migrations"/> to this test's database, as an older build would.</summary>
    private protected abstract Task MigrateOnlyAsync(IReadOnlyList<RolloutController.Store.Migrations.Migration> migrations);

    protected abstract Task CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        Store = OpenStore();
        await Store.MigrateAsync(Ct);
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _opened) await store.DisposeAsync();
        await DropDatabaseAsync();
        _timeout.Dispose();
    }

    private protected SqlRolloutStore OpenStore()
    {
        var store = CreateStore();
        _opened.Add(store);
        return store;
    }

    private static RolloutState NewState(string flagKey = "checkout-v2") =>
        RolloutState.New(flagKey, "checkout-policy", "rev-1", T0);

    private static RolloutState Observing(string flagKey = "checkout-v2") => NewState(flagKey) with
    {
        Phase = RolloutPhase.Observing,
        StageIndex = 1,
        Weight = 12.345m,
        StageStartedAt = T0.AddMinutes(5),
        HoldServed = TimeSpan.FromMinutes(42) + TimeSpan.FromTicks(7),
        HoldCountingSince = T0.AddMinutes(47),
        HoldWaived = true,
        Streaks = ImmutableDictionary<string, GuardrailStreak>.Empty
            .Add("error-rate", new GuardrailStreak(2, T0.AddMinutes(40)))
            .Add("p99 latency", new GuardrailStreak(0, null)),
        ConsecutiveErrorRounds = 3,
        ConsecutiveNoDataRounds = 4,
        ConsecutiveInconclusiveRounds = 5,
        ExcludedSegments =
        [
            new ExcludedSegment("errors by plan", Segment.Of(("plan", "free \"tier\"")), 1, "plan=\"free\": 0.2 is above max 0.05", T0.AddTicks(45_678_901)),
            new ExcludedSegment("errors by plan", Segment.Of(("region", "eu"), ("plan", "pro")), 1, "worse", T0.AddMinutes(46)),
        ],
        PauseReason = "waiting for the dashboards",
        Approvals =
        [
            new Approval("alice@example.com", "dashboards \"green\"", 1, "rev-1", T0.AddTicks(45_678_901)),
            new Approval("bob", "payments sign-off", 1, "rev-1", T0.AddMinutes(48)),
        ],
        ResumedBy = "carol",
        ApprovalRequestedStage = 1,
        FreezeOverride = new FreezeOverride("alice@example.com", "INC-4211 \"fix\" ships", "rev-1", T0.AddTicks(45_678_901)),
        LastMeasuredAt = T0.AddMinutes(50),
        UpdatedAt = T0.AddMinutes(51),
    };

    private static Transition NewTransition(string flagKey, int minute, RolloutTrigger trigger = RolloutTrigger.Advance) => new(
        flagKey, trigger, RolloutPhase.Observing, RolloutPhase.Observing, minute, minute + 1, 0.001m, 12.345m,
        "alice@example.com", $"reason {minute}", T0.AddMinutes(minute));

    private static MeasurementRecord NewMeasurement(string flagKey, int minute, double? value = 0.25) => new(
        flagKey, 2, 50.5m,
        new Measurement("error-rate", Verdict.Pass, value, "max 0.01", "sum(rate(errors[5m]))", $"detail {minute}", T0.AddMinutes(minute)));

    private static NotificationAttempt NewAttempt(string flagKey, int attempt, int minute) => new(
        $"n-{flagKey}", flagKey, "RolledBack", "on-call", "pagerduty", attempt, attempt < 3 ? "failed" : "delivered",
        attempt < 3 ? 503 : null, attempt < 3 ? "service unavailable" : null, T0.AddMinutes(minute));

    /// <summary>A measurement with every detail the analysis records, open bounds included.</summary>
    private static MeasurementRecord DetailedMeasurement(string flagKey, int minute) => new(
        flagKey, 1, 10m,
        new Measurement("errors", Verdict.Fail, 0.03, "no increase over baseline (sequential, α 0.05)", "sum(increase(e[3600s]))",
            "plan=\"free\": canary 3.000% (150/5000) vs baseline 1.000% (100/10000)", T0.AddMinutes(minute),
            new MeasurementDetails(MeasurementDetails.Sequential)
            {
                Segment = "plan=\"free\"",
                CanaryValue = 0.03, BaselineValue = 0.01, CanaryEvents = 150, CanaryTrials = 5_000, BaselineEvents = 100, BaselineTrials = 10_000,
                Difference = 0.02, LowerBound = 0.012_634_567_891_234_5, Allowed = 0, Alpha = 0.05 / 3, PValue = 1e-12, ExpectedShare = 0.1,
            }));

    private static void ShouldMatch(RolloutState actual, RolloutState expected)
    {
        // Records compare the collections by reference: compare them by content, the rest field by field.
        actual.Streaks.OrderBy(s => s.Key).ShouldBe(expected.Streaks.OrderBy(s => s.Key));
        actual.ExcludedSegments.Select(e => e with { At = StoredTime.Normalize(e.At) })
            .ShouldBe(expected.ExcludedSegments.Select(e => e with { At = StoredTime.Normalize(e.At) }));
        actual.Approvals.Select(a => a with { At = StoredTime.Normalize(a.At) })
            .ShouldBe(expected.Approvals.Select(a => a with { At = StoredTime.Normalize(a.At) }));
        actual.FreezeOverride.ShouldBe(expected.FreezeOverride is { } o ? o with { At = StoredTime.Normalize(o.At) } : null);
        (actual with
        {
            Streaks = expected.Streaks, ExcludedSegments = expected.ExcludedSegments, Approvals = expected.Approvals, FreezeOverride = expected.FreezeOverride,
        }).ShouldBe(expected);
    }
}
