using RolloutController.Audit;
using RolloutController.Rollouts;

namespace RolloutController.UnitTests.Audit;

/// <summary>Each entry's hash covers its place, content and predecessor: a modified, deleted or reordered entry breaks the chain there.</summary>
public sealed class AuditChainTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);

    private static List<AuditRecord> Chain(int count)
    {
        var chain = new List<AuditRecord>();
        for (var i = 0; i < count; i++)
            chain.Add(AuditChain.Append(chain.LastOrDefault(), new AuditEntry(T0.AddMinutes(i), "alice", "operator", "pause", "flag/x", $"reason {i}", "before", "after")));
        return chain;
    }

    private static AuditBreak? FirstBreak(IReadOnlyList<AuditRecord> records)
    {
        AuditRecord? previous = null;
        foreach (var record in records)
        {
            if (AuditChain.Check(previous, record) is { } broken) return broken;
            previous = record;
        }
        return null;
    }

    [Fact]
    public void An_intact_chain_starts_at_genesis_and_links_every_entry()
    {
        var chain = Chain(3);

        chain.Select(r => r.Seq).ShouldBe([1L, 2L, 3L]);
        chain[0].PreviousHash.ShouldBe(AuditChain.Genesis);
        chain[1].PreviousHash.ShouldBe(chain[0].Hash);
        chain[0].Hash.ShouldMatch("^[0-9a-f]{64}$");
        FirstBreak(chain).ShouldBeNull();
    }

    [Fact]
    public void A_modified_entry_is_named()
    {
        var chain = Chain(4);
        chain[2] = chain[2] with { Entry = chain[2].Entry with { Reason = "edited" } };

        FirstBreak(chain).ShouldBe(new AuditBreak(3, "entry 3 was modified: its content does not match its hash"));
    }

    [Fact]
    public void A_deleted_entry_is_named()
    {
        var chain = Chain(4);
        chain.RemoveAt(1);

        FirstBreak(chain).ShouldBe(new AuditBreak(2, "entry 2 is missing: the chain goes from 1 to 3 (deleted)"));
    }

    [Fact]
    public void Reordered_entries_renumbered_to_hide_it_are_named()
    {
        var chain = Chain(4);
        (chain[1], chain[2]) = (chain[2] with { Seq = 2 }, chain[1] with { Seq = 3 });

        FirstBreak(chain).ShouldBe(new AuditBreak(2,
            "entry 2 does not link to entry 1: its previous hash is not that entry's hash (reordered or replaced)"));
    }

    [Fact]
    public void Times_are_hashed_to_the_microsecond_as_stored()
    {
        var entry = new AuditEntry(T0.AddTicks(7), "a", "r", "x", "s", "why", null, null);

        var record = AuditChain.Append(null, entry);

        record.Entry.At.ShouldBe(T0);
        AuditChain.Check(null, record with { Entry = record.Entry with { At = T0 } }).ShouldBeNull();
    }

    [Fact]
    public void A_transition_is_recorded_with_its_role_or_as_the_controller()
    {
        var transition = new Transition("x", RolloutTrigger.Pause, RolloutPhase.Observing, RolloutPhase.Paused, 2, 2, 10m, 10m, "dana", "INC-1", T0, "operator@team-payments");

        AuditActions.Of(transition).ShouldBe(new AuditEntry(T0, "dana", "operator@team-payments", "pause", "flag/x", "INC-1",
            "Observing stage 3 at 10%", "Paused stage 3 at 10%"));
        AuditActions.Of(transition with { Actor = RolloutDecider.ControllerActor, Role = null, Trigger = RolloutTrigger.Rollback }).Role.ShouldBe("controller");
    }
}
