using RolloutController.Flags;
using RolloutController.Rollouts;
using RolloutController.Store;

namespace RolloutController.IntegrationTests.Store;

public abstract partial class RolloutStoreContractTests
{
    private static FlagSwitch NewSwitch(string flag, bool off, long version, int minute) =>
        new(flag, off, "alice@example.com", $"INC-42{minute}", T0.AddMinutes(minute).AddTicks(1_234_560), version);

    private static FlagSwitchWrite SwitchWrite(FlagSwitch flagSwitch, params OutboxDelivery[] outbox) =>
        new(flagSwitch, KillSwitchRule.Record(flagSwitch, null), outbox);

    [Fact]
    public async Task A_switch_is_stored_with_its_history_entry_and_notices_and_listed_as_stored()
    {
        var off = NewSwitch("recommendations", off: true, 1, 1);
        var notice = Delivery("switched-1", "webhook[0]", "switched_off", OutboxStatus.Pending) with { FlagKey = "recommendations" };

        (await Store.SaveSwitchAsync(SwitchWrite(off, notice), Ct)).ShouldBeTrue();

        (await Store.ListSwitchesAsync(Ct)).ShouldBe([FlagSwitchRow.AsStored(off)]);
        var history = await Store.GetTransitionsAsync("recommendations", 10, Ct);
        history.ShouldBe([KillSwitchRule.Record(off, null)]);
        history[0].Trigger.ShouldBe(RolloutTrigger.SwitchOff);
        (await Store.GetDeliveriesAsync(null, "recommendations", 10, Ct)).Select(d => d.Kind).ShouldBe(["switched_off"]);
        var audited = (await Store.GetAuditAsync(0, T0.AddYears(-1), 10, Ct)).Single();
        (audited.Entry.Action, audited.Entry.Actor, audited.Entry.Subject).ShouldBe(("switchoff", "alice@example.com", "flag/recommendations"));
    }

    [Fact]
    public async Task Each_switch_follows_the_version_it_was_decided_on_and_a_lost_race_stores_nothing()
    {
        (await Store.SaveSwitchAsync(SwitchWrite(NewSwitch("recommendations", true, 1, 1)), Ct)).ShouldBeTrue();
        (await Store.SaveSwitchAsync(SwitchWrite(NewSwitch("recommendations", false, 2, 2)), Ct)).ShouldBeTrue();
        await Store.SaveSwitchAsync(SwitchWrite(NewSwitch("other-flag", true, 1, 3)), Ct);

        // Another replica decided on version 1 too, or inserts a first switch again: neither is stored.
        (await Store.SaveSwitchAsync(SwitchWrite(NewSwitch("recommendations", true, 2, 4)), Ct)).ShouldBeFalse();
        (await Store.SaveSwitchAsync(SwitchWrite(NewSwitch("recommendations", true, 1, 5)), Ct)).ShouldBeFalse();

        (await Store.ListSwitchesAsync(Ct)).ShouldBe([
            FlagSwitchRow.AsStored(NewSwitch("other-flag", true, 1, 3)), FlagSwitchRow.AsStored(NewSwitch("recommendations", false, 2, 2))]);
        (await Store.GetTransitionsAsync("recommendations", 10, Ct)).Select(t => t.Trigger).ShouldBe([RolloutTrigger.SwitchOn, RolloutTrigger.SwitchOff]);
    }

    [Fact]
    public async Task Switches_survive_a_new_store_instance_as_a_restarted_process_opens_it()
    {
        await Store.SaveSwitchAsync(SwitchWrite(NewSwitch("recommendations", true, 1, 1)), Ct);

        (await OpenStore().ListSwitchesAsync(Ct)).Single().ShouldBe(FlagSwitchRow.AsStored(NewSwitch("recommendations", true, 1, 1)));
    }
}
