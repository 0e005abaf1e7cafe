using System.Collections.Immutable;
using RolloutController.Rollouts;
using RolloutController.Store;

namespace RolloutController.IntegrationTests.Store;

public abstract partial class RolloutStoreContractTests
{
    [Fact]
    public async Task Get_of_an_unknown_flag_is_null()
    {
        (await Store.GetAsync("nobody", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Insert_stores_version_1_and_get_returns_it()
    {
        var saved = await Store.SaveAsync(NewState(), [], [], Ct);

        saved.Version.ShouldBe(1);
        ShouldMatch((await Store.GetAsync("checkout-v2", Ct))!, saved);
    }

    [Fact]
    public async Task List_returns_every_rollout_ordered_by_flag_key()
    {
        foreach (var key in new[] { "zeta", "alpha", "mid" }) await Store.SaveAsync(NewState(key), [], [], Ct);

        (await Store.ListAsync(Ct)).Select(s => s.FlagKey).ShouldBe(["alpha", "mid", "zeta"]);
    }

    [Fact]
    public async Task Update_with_the_stored_version_bumps_the_version()
    {
        var v1 = await Store.SaveAsync(NewState(), [], [], Ct);
        var v2 = await Store.SaveAsync(v1 with { Phase = RolloutPhase.Observing, Weight = 1m }, [], [], Ct);
        var v3 = await Store.SaveAsync(v2 with { Weight = 10m }, [], [], Ct);

        v3.Version.ShouldBe(3);
        var stored = (await Store.GetAsync("checkout-v2", Ct))!;
        stored.Version.ShouldBe(3);
        stored.Weight.ShouldBe(10m);
        stored.Phase.ShouldBe(RolloutPhase.Observing);
    }

    [Fact]
    public async Task Two_saves_from_the_same_read_the_second_conflicts()
    {
        await Store.SaveAsync(NewState(), [], [], Ct);
        var readByA = (await Store.GetAsync("checkout-v2", Ct))!;
        var readByB = (await OpenStore().GetAsync("checkout-v2", Ct))!;

        await Store.SaveAsync(readByA with { Weight = 1m }, [], [], Ct);
        var conflict = await Should.ThrowAsync<ConcurrencyConflictException>(
            () => Store.SaveAsync(readByB with { Weight = 50m }, [NewTransition("checkout-v2", 1)], [NewMeasurement("checkout-v2", 1)], Ct));

        conflict.FlagKey.ShouldBe("checkout-v2");
        conflict.ExpectedVersion.ShouldBe(1);
        conflict.ShouldBeAssignableTo<StoreException>();
        var stored = (await Store.GetAsync("checkout-v2", Ct))!;
        stored.Weight.ShouldBe(1m);
        stored.Version.ShouldBe(2);
        (await Store.GetTransitionsAsync("checkout-v2", 10, Ct)).ShouldBeEmpty("a conflicting save appends nothing");
        (await Store.GetMeasurementsAsync("checkout-v2", 10, Ct)).ShouldBeEmpty("a conflicting save appends nothing");
    }

    [Fact]
    public async Task Racing_writers_exactly_one_wins()
    {
        var read = await Store.SaveAsync(NewState(), [], [], Ct);
        var writers = Enumerable.Range(0, 8).Select(i => OpenStore()).ToList();

        var outcomes = await Task.WhenAll(writers.Select((writer, i) => Task.Run(async () =>
        {
            try
            {
                await writer.SaveAsync(read with { Weight = i }, [NewTransition("checkout-v2", i)], [], Ct);
                return true;
            }
            catch (ConcurrencyConflictException)
            {
                return false;
            }
        })));

        outcomes.Count(won => won).ShouldBe(1);
        (await Store.GetAsync("checkout-v2", Ct))!.Version.ShouldBe(2);
        (await Store.GetTransitionsAsync("checkout-v2", 10, Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Inserting_an_existing_flag_conflicts()
    {
        await Store.SaveAsync(NewState(), [], [], Ct);

        var conflict = await Should.ThrowAsync<ConcurrencyConflictException>(() => Store.SaveAsync(NewState(), [], [], Ct));
        conflict.ExpectedVersion.ShouldBe(0);
    }

    [Fact]
    public async Task Updating_a_flag_never_stored_conflicts()
    {
        await Should.ThrowAsync<ConcurrencyConflictException>(() => Store.SaveAsync(NewState() with { Version = 4 }, [], [], Ct));
        (await Store.GetAsync("checkout-v2", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Every_field_round_trips()
    {
        var saved = await Store.SaveAsync(Observing(), [], [], Ct);

        var stored = (await Store.GetAsync("checkout-v2", Ct))!;
        ShouldMatch(stored, Observing() with { Version = 1 });
        ShouldMatch(stored, saved);
        stored.Streaks["error-rate"].ShouldBe(new GuardrailStreak(2, T0.AddMinutes(40)));
        stored.Streaks["p99 latency"].ShouldBe(GuardrailStreak.None);
        stored.ConsecutiveInconclusiveRounds.ShouldBe(5);
        stored.ExcludedSegments.Select(e => e.Segment.ToString()).ShouldBe(["plan=\"free \\\"tier\\\"\"", "plan=\"pro\",region=\"eu\""]);
        stored.ExcludedSegments[0].At.ShouldBe(T0.AddTicks(45_678_900), "times are kept to the microsecond");
    }

    [Fact]
    public async Task Measurement_details_round_trip_and_plain_measurements_have_none()
    {
        await Store.SaveAsync(NewState(), [], [NewMeasurement("checkout-v2", 1), DetailedMeasurement("checkout-v2", 2)], Ct);

        var stored = await Store.GetMeasurementsAsync("checkout-v2", 10, Ct);

        stored.ShouldBe([DetailedMeasurement("checkout-v2", 2), NewMeasurement("checkout-v2", 1)]);
        stored[0].Measurement.Details!.UpperBound.ShouldBeNull();
        stored[1].Measurement.Details.ShouldBeNull();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.001")]
    [InlineData("1")]
    [InlineData("12.345")]
    [InlineData("99.999")]
    [InlineData("100")]
    public async Task Weights_are_stored_exactly(string weight)
    {
        var exact = decimal.Parse(weight, System.Globalization.CultureInfo.InvariantCulture);
        await Store.SaveAsync(NewState() with { Weight = exact }, [NewTransition("checkout-v2", 1) with { ToWeight = exact }], [], Ct);

        (await Store.GetAsync("checkout-v2", Ct))!.Weight.ShouldBe(exact);
        (await Store.GetTransitionsAsync("checkout-v2", 1, Ct))[0].ToWeight.ShouldBe(exact);
    }

    [Fact]
    public async Task Null_times_stay_null_and_set_times_come_back_in_utc()
    {
        var noTimes = NewState() with { StageStartedAt = null, HoldCountingSince = null, LastMeasuredAt = null };
        await Store.SaveAsync(noTimes, [], [], Ct);
        ShouldMatch((await Store.GetAsync("checkout-v2", Ct))!, noTimes with { Version = 1 });

        var local = new DateTimeOffset(2026, 11, 1, 10, 30, 0, TimeSpan.FromHours(2));
        await Store.SaveAsync(noTimes with { Version = 1, StageStartedAt = local, LastMeasuredAt = local }, [], [], Ct);
        var stored = (await Store.GetAsync("checkout-v2", Ct))!;
        stored.StageStartedAt.ShouldBe(local);
        stored.StageStartedAt!.Value.Offset.ShouldBe(TimeSpan.Zero);
        stored.LastMeasuredAt.ShouldBe(T0.AddMinutes(30));
        stored.HoldCountingSince.ShouldBeNull();
    }

    [Fact]
    public async Task Times_keep_microseconds_and_save_returns_what_get_reads()
    {
        var precise = T0.AddTicks(1_234_567);
        var saved = await Store.SaveAsync(
            NewState() with { UpdatedAt = precise, Streaks = ImmutableDictionary<string, GuardrailStreak>.Empty.Add("g", new(1, precise)) },
            [], [], Ct);

        var stored = (await Store.GetAsync("checkout-v2", Ct))!;
        stored.UpdatedAt.ShouldBe(T0.AddTicks(1_234_560));
        stored.Streaks["g"].FailingSince.ShouldBe(T0.AddTicks(1_234_560));
        ShouldMatch(stored, saved);
    }

    [Fact]
    public async Task A_new_store_instance_on_the_same_database_sees_the_same_data()
    {
        var saved = await Store.SaveAsync(Observing(), [NewTransition("checkout-v2", 1)], [NewMeasurement("checkout-v2", 1)], Ct);
        await Store.RecordNotificationAttemptAsync(NewAttempt("checkout-v2", 1, 2), Ct);

        var restarted = OpenStore();
        await restarted.MigrateAsync(Ct);

        ShouldMatch((await restarted.GetAsync("checkout-v2", Ct))!, saved);
        (await restarted.GetTransitionsAsync("checkout-v2", 10, Ct)).ShouldBe([NewTransition("checkout-v2", 1)]);
        (await restarted.GetMeasurementsAsync("checkout-v2", 10, Ct)).ShouldBe([NewMeasurement("checkout-v2", 1)]);
        (await restarted.GetNotificationAttemptsAsync("checkout-v2", 10, Ct)).ShouldBe([NewAttempt("checkout-v2", 1, 2)]);
        (await restarted.SaveAsync(saved with { Weight = 50m }, [], [], Ct)).Version.ShouldBe(2);
    }
}
