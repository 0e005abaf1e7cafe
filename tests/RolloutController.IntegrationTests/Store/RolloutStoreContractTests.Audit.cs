using RolloutController.Analysis;
using RolloutController.Rollouts;

namespace RolloutController.IntegrationTests.Store;

public abstract partial class RolloutStoreContractTests
{
    [Fact]
    public async Task Transitions_come_newest_first_up_to_the_limit_and_only_for_the_flag()
    {
        var state = await Store.SaveAsync(NewState(), [NewTransition("checkout-v2", 1, RolloutTrigger.Start)], [], Ct);
        state = await Store.SaveAsync(state, [NewTransition("checkout-v2", 3), NewTransition("checkout-v2", 2)], [], Ct);
        await Store.SaveAsync(state, [NewTransition("checkout-v2", 4, RolloutTrigger.Rollback)], [], Ct);
        await Store.SaveAsync(NewState("other"), [NewTransition("other", 9)], [], Ct);

        (await Store.GetTransitionsAsync("checkout-v2", 3, Ct)).Select(t => t.At.Minute).ShouldBe([4, 3, 2]);
        var all = await Store.GetTransitionsAsync("checkout-v2", 100, Ct);
        all.Count.ShouldBe(4);
        all[0].ShouldBe(NewTransition("checkout-v2", 4, RolloutTrigger.Rollback));
        all[^1].ShouldBe(NewTransition("checkout-v2", 1, RolloutTrigger.Start));
    }

    [Fact]
    public async Task Entries_with_the_same_time_come_latest_written_first()
    {
        var first = NewTransition("checkout-v2", 5) with { Reason = "first" };
        var second = NewTransition("checkout-v2", 5) with { Reason = "second" };
        await Store.SaveAsync(NewState(), [first, second], [], Ct);

        (await Store.GetTransitionsAsync("checkout-v2", 2, Ct)).Select(t => t.Reason).ShouldBe(["second", "first"]);
    }

    [Fact]
    public async Task Measurements_come_newest_first_up_to_the_limit_with_every_field()
    {
        var state = await Store.SaveAsync(NewState(), [], [NewMeasurement("checkout-v2", 1), NewMeasurement("checkout-v2", 2, null)], Ct);
        await Store.SaveAsync(state, [], [NewMeasurement("checkout-v2", 3, 1e-9)], Ct);
        await Store.SaveAsync(NewState("other"), [], [NewMeasurement("other", 7)], Ct);

        var newest = await Store.GetMeasurementsAsync("checkout-v2", 2, Ct);

        newest.ShouldBe([NewMeasurement("checkout-v2", 3, 1e-9), NewMeasurement("checkout-v2", 2, null)]);
        newest[1].Measurement.Value.ShouldBeNull();
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(-0.5)]
    [InlineData(1.0000000000000002)]
    public async Task Measured_values_are_kept_exactly_even_when_not_finite(double value)
    {
        var record = NewMeasurement("checkout-v2", 1, value) is var m
            ? m with { Measurement = m.Measurement with { Verdict = Verdict.Error } }
            : null!;
        await Store.SaveAsync(NewState(), [], [record], Ct);

        var stored = (await Store.GetMeasurementsAsync("checkout-v2", 1, Ct)).ShouldHaveSingleItem();
        stored.Measurement.Value.ShouldBe(value);
        stored.Measurement.Verdict.ShouldBe(Verdict.Error);
    }

    [Fact]
    public async Task Notification_attempts_come_newest_first_with_every_field()
    {
        for (var attempt = 1; attempt <= 3; attempt++)
            await Store.RecordNotificationAttemptAsync(NewAttempt("checkout-v2", attempt, attempt * 2), Ct);
        await Store.RecordNotificationAttemptAsync(NewAttempt("other", 1, 10), Ct);

        var newest = await Store.GetNotificationAttemptsAsync("checkout-v2", 2, Ct);

        newest.ShouldBe([NewAttempt("checkout-v2", 3, 6), NewAttempt("checkout-v2", 2, 4)]);
        newest[0].StatusCode.ShouldBeNull();
        newest[0].Error.ShouldBeNull();
        newest[1].StatusCode.ShouldBe(503);
    }

    [Fact]
    public async Task Limits_must_be_positive()
    {
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => Store.GetTransitionsAsync("checkout-v2", 0, Ct));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => Store.GetMeasurementsAsync("checkout-v2", -1, Ct));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => Store.GetNotificationAttemptsAsync("checkout-v2", 0, Ct));
    }

    [Fact]
    public async Task Audit_entries_of_another_flag_are_refused()
    {
        await Should.ThrowAsync<ArgumentException>(() => Store.SaveAsync(NewState(), [NewTransition("other", 1)], [], Ct));
        await Should.ThrowAsync<ArgumentException>(() => Store.SaveAsync(NewState(), [], [NewMeasurement("other", 1)], Ct));
        (await Store.GetAsync("checkout-v2", Ct)).ShouldBeNull();
    }
}
