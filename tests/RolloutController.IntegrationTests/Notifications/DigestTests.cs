using Microsoft.Extensions.Time.Testing;
using RolloutController.Rollouts;
using RolloutController.Store;
using RolloutController.TestUtilities.Fakes;
using RolloutController.TestUtilities.Notifications;
using RolloutController.TestUtilities.Webhooks;

namespace RolloutController.IntegrationTests.Notifications;

/// <summary>
/// Info advances on a route with a digest period go out as one digest per period, through the real planner, outbox,
/// assembler and dispatcher, on a FakeTimeProvider; critical notices on the same route go out at once.
/// </summary>
public sealed class DigestTests
{
    private const string Secret = "whsec_test_0123456789abcdef";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    // 14:05:00 in an hourly period 14:00–15:00: the digest is due at 15:00:30.
    private static readonly DateTimeOffset Start = new(2026, 11, 3, 14, 5, 0, TimeSpan.Zero);

    /// <summary>When the digest of the period ending at <paramref name="hour"/>:00 is due: 30 s after.</summary>
    private static DateTimeOffset Due(int hour) => new(2026, 11, 3, hour, 0, 30, TimeSpan.Zero);

    private static Dictionary<string, string?> Settings(Uri hook) => new()
    {
        ["Routes:releases:0:Type"] = "webhook",
        ["Routes:releases:0:Url"] = hook.ToString(),
        ["Routes:releases:0:Secret"] = Secret,
        ["Digests:releases"] = "01:00:00",
        // Attempts time out on the fake clock, which the tests move on while a request is in flight: long enough never to.
        ["Routes:releases:0:Timeout"] = "01:00:00",
        ["DeliveryLease"] = "02:00:00",
    };

    /// <summary>The digests received, each once (delivery is at least once: a receiver may see one twice).</summary>
    private static List<System.Text.Json.JsonElement> Digests(WebhookReceiver receiver) =>
        receiver.Requests.Select(r => r.Json()).Where(j => j.GetProperty("kind").GetString() == "digest")
            .DistinctBy(j => j.GetProperty("id").GetString()).ToList();

    private static RolloutNotice Advance(string flag, decimal from, decimal to)
    {
        var notice = NotificationFixtures.AdvanceNotice();
        return notice with
        {
            FlagKey = flag,
            Summary = $"'{flag}' advanced to {to}%",
            Transition = notice.Transition with { FlagKey = flag, FromWeight = from, ToWeight = to },
        };
    }

    /// <summary>
    /// Moves the fake clock to a few seconds before <paramref name="due"/>, then a second at a time (so every timer due
    /// fires) until <paramref name="done"/> holds.
    /// </summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider time, DateTimeOffset due, Func<bool> done)
    {
        using var timeout = new CancellationTokenSource(Wait);
        if (time.GetUtcNow() < due.AddSeconds(-3)) time.SetUtcNow(due.AddSeconds(-3));
        while (!done())
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10, timeout.Token);
        }
    }

    [Fact]
    public async Task Advances_go_out_as_one_digest_per_period_and_a_rollback_at_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var time = new FakeTimeProvider(Start);
        await using var host = await DispatcherHost.StartAsync(Settings(receiver.HookUrl), time: time);
        var policy = NotificationFixtures.Policy("releases");

        await host.Dispatcher.EnqueueAsync(Advance("new-checkout", 1, 10), policy, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(20));
        await host.Dispatcher.EnqueueAsync(Advance("search-v2", 10, 50), policy, CancellationToken.None);
        await host.Dispatcher.EnqueueAsync(NotificationFixtures.RollbackNotice(), policy, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(20));
        await host.Dispatcher.EnqueueAsync(Advance("new-checkout", 10, 50), policy, CancellationToken.None);

        // The rollback does not wait; the advances do.
        (await receiver.WaitForAsync(r => r.Count >= 1, Wait))[0].Json().GetProperty("kind").GetString().ShouldBe("rolled_back");
        host.Store.Outbox.Count(d => d.Status == OutboxStatus.Held).ShouldBe(3);

        await AdvanceUntilAsync(time, Due(15), () => Digests(receiver).Count == 1);

        var digest = Digests(receiver)[0];
        time.GetUtcNow().ShouldBeGreaterThanOrEqualTo(Due(15));
        digest.GetProperty("kind").GetString().ShouldBe("digest");
        digest.GetProperty("severity").GetString().ShouldBe("info");
        digest.GetProperty("summary").GetString().ShouldBe("3 rollout advances from 2026-11-03T14:00:00Z to 2026-11-03T15:00:00Z");
        digest.GetProperty("digest").EnumerateArray().Select(e => (e.GetProperty("flag").GetString(), e.GetProperty("weight").GetString()))
            .ShouldBe([("new-checkout", "1% → 10%"), ("search-v2", "10% → 50%"), ("new-checkout", "10% → 50%")]);
        await host.Store.WaitUntilAsync(s => s.Outbox.Count(d => d.Status == OutboxStatus.Digested) == 3, Wait);
        host.Store.NotificationAttempts.Count(a => a.Outcome == "digested").ShouldBe(3);

        // The next period's advance makes the next period's digest, alone.
        await host.Dispatcher.EnqueueAsync(Advance("search-v2", 50, 100), policy, CancellationToken.None);
        await AdvanceUntilAsync(time, Due(16), () => Digests(receiver).Count == 2);
        Digests(receiver)[1].GetProperty("digest").GetArrayLength().ShouldBe(1);
        time.GetUtcNow().ShouldBeGreaterThanOrEqualTo(Due(16));
    }

    [Fact]
    public async Task Held_advances_survive_a_restart_and_go_out_in_the_digest()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var time = new FakeTimeProvider(Start);
        var store = new InMemoryRolloutStore();
        await using (var before = await DispatcherHost.StartAsync(Settings(receiver.HookUrl), store: store, time: time))
        {
            await before.Dispatcher.EnqueueAsync(Advance("new-checkout", 1, 10), NotificationFixtures.Policy("releases"), CancellationToken.None);
            await before.Dispatcher.EnqueueAsync(Advance("search-v2", 1, 10), NotificationFixtures.Policy("releases"), CancellationToken.None);
        }
        store.Outbox.Count(d => d.Status == OutboxStatus.Held).ShouldBe(2);

        await using var after = await DispatcherHost.StartAsync(Settings(receiver.HookUrl), store: store, time: time);
        await AdvanceUntilAsync(time, Due(15), () => Digests(receiver).Count == 1);

        Digests(receiver).Single().GetProperty("digest").EnumerateArray().Select(e => e.GetProperty("flag").GetString())
            .Order().ShouldBe(["new-checkout", "search-v2"]);
    }

    [Fact]
    public async Task The_same_held_notices_make_the_same_digest_once_even_when_made_twice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var time = new FakeTimeProvider(Start);
        await using var host = await DispatcherHost.StartAsync(Settings(receiver.HookUrl), start: false, time: time);
        await host.Dispatcher.EnqueueAsync(Advance("new-checkout", 1, 10), NotificationFixtures.Policy("releases"), CancellationToken.None);
        time.Advance(TimeSpan.FromHours(1));

        (await host.Digests.RunOnceAsync(CancellationToken.None)).ShouldBe(1);
        var digest = host.Store.Outbox.Single(d => d.Kind == "digest");
        // As after a crash between storing the digest and marking the held notice: made again under the same id.
        await host.Store.AddToOutboxAsync([digest], CancellationToken.None);

        host.Store.Outbox.Count(d => d.Kind == "digest").ShouldBe(1);
        DigestRule.Id("releases", new DateTimeOffset(2026, 11, 3, 14, 0, 0, TimeSpan.Zero), [host.Store.Outbox.Single(d => d.Kind == "advanced").NotificationId])
            .ShouldBe(digest.NotificationId);
        (await host.Digests.RunOnceAsync(CancellationToken.None)).ShouldBe(0);
    }
}
