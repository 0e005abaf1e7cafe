using RolloutController.Rollouts;
using RolloutController.Store;
using RolloutController.Store.Journal;

namespace RolloutController.UnitTests.Store;

/// <summary>The journal gives back exactly the safety moves not yet stored, across a restart and a torn last write.</summary>
public sealed class SafetyJournalTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("journal-").FullName, "rollouts.db.journal");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);

    [Fact]
    public void Entries_not_marked_stored_come_back_with_their_state_and_transitions()
    {
        using (var journal = new SafetyJournal(_path))
        {
            journal.Pending(Entry("a", "1"));
            journal.Pending(Entry("b", "2"));
            journal.Stored("1");
        }

        using var reopened = new SafetyJournal(_path);
        var entries = reopened.Recover(out var skipped);

        skipped.ShouldBe(0);
        var entry = entries.ShouldHaveSingleItem();
        entry.Id.ShouldBe("2");
        entry.State.FlagKey.ShouldBe("b");
        entry.State.Phase.ShouldBe(RolloutPhase.RolledBack);
        entry.State.Version.ShouldBe(7);
        entry.Transitions.ShouldHaveSingleItem().Reason.ShouldBe("error-rate failed");
        File.ReadAllLines(_path).Length.ShouldBe(1, "recovery compacts the file to what is outstanding");
    }

    [Fact]
    public void The_latest_record_of_an_entry_wins_and_a_torn_last_line_is_skipped()
    {
        using (var journal = new SafetyJournal(_path))
        {
            journal.Pending(Entry("a", "1"));
            journal.Pending(Entry("a", "1") with { State = Entry("a", "1").State with { Phase = RolloutPhase.Aborted } });
        }
        File.AppendAllText(_path, "{\"op\":\"pending\",\"id\":\"9\",\"entry\":{\"id\":");

        using var reopened = new SafetyJournal(_path);
        var entries = reopened.Recover(out var skipped);

        skipped.ShouldBe(1);
        entries.ShouldHaveSingleItem().State.Phase.ShouldBe(RolloutPhase.Aborted);
    }

    [Fact]
    public void A_journal_that_cannot_be_written_says_so()
    {
        Directory.CreateDirectory(_path);
        using var journal = new SafetyJournal(_path);
        Should.Throw<IOException>(() => journal.Pending(Entry("a", "1"))).Message.ShouldContain(_path);
    }

    private static JournalEntry Entry(string flag, string id)
    {
        var state = RolloutState.New(flag, flag, "rev1", Now) with { Phase = RolloutPhase.RolledBack, StageIndex = 1, Weight = 0m, Version = 7 };
        var t = new Transition(flag, RolloutTrigger.Rollback, RolloutPhase.Observing, RolloutPhase.RolledBack, 1, 1, 10m, 0m, "controller", "error-rate failed", Now);
        return new JournalEntry(id, flag, state, [t], [], Now);
    }
}
