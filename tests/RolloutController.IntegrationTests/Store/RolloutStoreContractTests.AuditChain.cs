using RolloutController.Audit;
using RolloutController.Rollouts;
using Microsoft.Extensions.Logging.Abstractions;

namespace RolloutController.IntegrationTests.Store;

public abstract partial class RolloutStoreContractTests
{
    private Task<AuditVerification> VerifyAsync() => new AuditVerifier(Store, NullLogger<AuditVerifier>.Instance).VerifyAsync(Ct);

    private async Task<IReadOnlyList<AuditRecord>> AuditedAsync() => await Store.GetAuditAsync(0, AuditVerifier.Beginning, 1000, Ct);

    [Fact]
    public async Task Every_saved_transition_is_appended_to_the_audit_log_in_its_save()
    {
        var state = await Store.SaveAsync(NewState(), [NewTransition("checkout-v2", 1, RolloutTrigger.Start)], [], Ct);
        await Store.SaveAsync(state, [NewTransition("checkout-v2", 2) with { Role = "operator@team-payments" }], [], Ct);

        var audited = await AuditedAsync();

        audited.Select(r => (r.Seq, r.Entry.Action, r.Entry.Role)).ShouldBe([(1L, "start", "unknown"), (2L, "advance", "operator@team-payments")]);
        audited[1].Entry.ShouldBe(new AuditEntry(T0.AddMinutes(2), "alice@example.com", "operator@team-payments", "advance", "flag/checkout-v2",
            "reason 2", "Observing stage 3 at 0.001%", "Observing stage 4 at 12.345%"));
        (await VerifyAsync()).ShouldBe(new AuditVerification(true, 2, 2, audited[1].Hash, null, null));
    }

    [Fact]
    public async Task A_lost_save_appends_nothing()
    {
        var state = await Store.SaveAsync(NewState(), [NewTransition("checkout-v2", 1, RolloutTrigger.Start)], [], Ct);
        await Store.SaveAsync(state, [NewTransition("checkout-v2", 2)], [], Ct);

        await Should.ThrowAsync<RolloutController.Store.ConcurrencyConflictException>(() => Store.SaveAsync(state, [NewTransition("checkout-v2", 3)], [], Ct));

        (await AuditedAsync()).Count.ShouldBe(2);
    }

    [Fact]
    public async Task An_entry_unchanged_since_the_last_of_its_subject_is_appended_once_and_then_with_what_it_replaced()
    {
        var revision = new AuditEntry(T0, "policy-files", "controller", "revision", "policy/checkout", "new", null, "sha-1");

        (await Store.AppendAuditAsync(revision, unlessUnchanged: true, Ct)).ShouldNotBeNull();
        (await Store.AppendAuditAsync(revision, unlessUnchanged: true, Ct)).ShouldBeNull();
        var next = await Store.AppendAuditAsync(revision with { After = "sha-2" }, unlessUnchanged: true, Ct);

        next!.Entry.Before.ShouldBe("sha-1");
        (await AuditedAsync()).Select(r => r.Entry.After).ShouldBe(["sha-1", "sha-2"]);
        (await Store.GetAuditAsync(1, T0, 10, Ct)).ShouldHaveSingleItem().Seq.ShouldBe(2);
        (await Store.GetAuditAsync(0, T0.AddSeconds(1), 10, Ct)).ShouldBeEmpty();
    }

    private async Task AppendFourAsync()
    {
        for (var i = 1; i <= 4; i++)
            await Store.AppendAuditAsync(new AuditEntry(T0.AddMinutes(i), "alice", "admin", "configure", "controller", $"change {i}", $"{i - 1}", $"{i}"), false, Ct);
        (await VerifyAsync()).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task Verify_names_an_entry_modified_in_the_database()
    {
        await AppendFourAsync();

        await ScalarAsync("UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 3");

        var result = await VerifyAsync();
        (result.Intact, result.BrokenAt, result.LastIntact).ShouldBe((false, 3L, 2L));
        result.Problem.ShouldBe("entry 3 was modified: its content does not match its hash");
    }

    [Fact]
    public async Task Verify_names_an_entry_deleted_from_the_database()
    {
        await AppendFourAsync();

        await ScalarAsync("DELETE FROM audit_log WHERE seq = 2");

        var result = await VerifyAsync();
        (result.BrokenAt, result.Problem).ShouldBe((2L, "entry 2 is missing: the chain goes from 1 to 3 (deleted)"));
    }

    [Fact]
    public async Task Verify_names_entries_reordered_in_the_database()
    {
        await AppendFourAsync();

        // Swap the numbers of entries 2 and 3, so the rows read in the other order.
        await ScalarAsync("UPDATE audit_log SET seq = -2 WHERE seq = 2");
        await ScalarAsync("UPDATE audit_log SET seq = 2 WHERE seq = 3");
        await ScalarAsync("UPDATE audit_log SET seq = 3 WHERE seq = -2");

        var result = await VerifyAsync();
        (result.BrokenAt, result.Problem).ShouldBe((2L, "entry 2 does not link to entry 1: its previous hash is not that entry's hash (reordered or replaced)"));
    }

    [Fact]
    public async Task Retention_never_prunes_the_audit_log()
    {
        await AppendFourAsync();

        await Store.PruneAsync(T0.AddYears(10), Ct);

        (await AuditedAsync()).Count.ShouldBe(4);
    }
}
