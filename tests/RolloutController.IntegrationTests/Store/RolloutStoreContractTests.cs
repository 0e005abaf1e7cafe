using System.Collections.Immutable;
using RolloutController.Analysis;
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
        PauseReason = "waiting for the dashboards",
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

    private static void ShouldMatch(RolloutState actual, RolloutState expected)
    {
        // Records compare the streak dictionary by reference: compare it by content, the rest field by field.
        actual.Streaks.OrderBy(s => s.Key).ShouldBe(expected.Streaks.OrderBy(s => s.Key));
        (actual with { Streaks = expected.Streaks }).ShouldBe(expected);
    }
}
