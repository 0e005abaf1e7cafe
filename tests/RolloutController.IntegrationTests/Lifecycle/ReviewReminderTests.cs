using RolloutController.IntegrationTests.Api;
using RolloutController.TestUtilities.Hosting;
using RolloutController.TestUtilities.Webhooks;

namespace RolloutController.IntegrationTests.Lifecycle;

/// <summary>
/// A flag due for review reminds its owner's route through the outbox, once: a restart (which counts again at once)
/// sends nothing more — through the real host.
/// </summary>
[Collection(ControllerCollection.Name)]
public sealed class ReviewReminderTests(GuardrailMetricsFixture fixture)
{
    private const string Overdue = "reminded-flag";
    private const string Current = "not-due-flag";

    [Fact]
    public async Task An_overdue_flag_reminds_its_owners_route_once_and_a_restart_does_not_send_it_again()
    {
        await using var chat = await WebhookReceiver.StartAsync();
        await using var controller = await fixture.Metrics.StartControllerAsync(
        [
            TestPolicy.FourStages(Overdue) with { Owner = "team-payments", ReviewBy = "2026-01-01" },
            TestPolicy.FourStages(Current) with { Owner = "team-payments" },
        ], setup => setup with
        {
            Overrides = new Dictionary<string, string?>
            {
                ["RolloutController:Notifications:Routes:payments-chat:0:Type"] = "webhook",
                ["RolloutController:Notifications:Routes:payments-chat:0:Url"] = chat.HookUrl.ToString(),
                ["RolloutController:Notifications:Routes:payments-chat:0:Secret"] = "whsec_test_0123456789abcdef",
                ["RolloutController:Notifications:OwnerRoutes:team-payments:Warning:0"] = "payments-chat",
            },
        });

        static bool IsReminder(ReceivedRequest r) => r.Json().GetProperty("kind").GetString() == "review_due";
        var received = await chat.WaitForAsync(r => r.Any(IsReminder), TimeSpan.FromSeconds(20));
        var notice = received.Single(IsReminder).Json();
        notice.GetProperty("severity").GetString().ShouldBe("warning");
        notice.GetProperty("flag").GetProperty("key").GetString().ShouldBe(Overdue);
        notice.GetProperty("flag").GetProperty("owner").GetString().ShouldBe("team-payments");
        notice.GetProperty("summary").GetString()!.ShouldStartWith($"'{Overdue}' is overdue for review: review by 2026-01-01, ");
        notice.GetProperty("next_step").GetString()!.ShouldContain($"rolloutctl review decide {Overdue} delete|extend --until DATE|promote-to-ops");
        controller.Log.Lines.ShouldContain(m => m.Contains($"Sent the review_due reminder #1 of flag {Overdue}", StringComparison.Ordinal));

        await controller.RestartAsync();
        // The restarted controller counts at once; give it the time to have sent anything, then check it sent nothing.
        await Task.Delay(TimeSpan.FromSeconds(2));
        chat.Requests.Count(IsReminder).ShouldBe(1);
        chat.Requests.ShouldNotContain(r => r.Json().GetProperty("flag").GetProperty("key").GetString() == Current);
        var notices = await controller.Client.GetStringAsync($"api/v1/notices?flag={Overdue}");
        notices.ShouldContain("\"review_due\"");
    }
}
