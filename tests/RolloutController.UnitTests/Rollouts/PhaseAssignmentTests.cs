using System.Text.RegularExpressions;
using RolloutController.TestUtilities.Processes;

namespace RolloutController.UnitTests.Rollouts;

public sealed partial class PhaseAssignmentTests
{
    // Reading a stored rollout back is not a phase change: the store's row and journal readers rebuild the state as it was.
    private static readonly string[] Allowed =
    [
        "src/RolloutController.Core/Rollouts/RolloutStateMachine.cs",
        "src/RolloutController/Store/RolloutRow.cs",
        "src/RolloutController/Store/Journal/JournalJson.cs",
    ];

    [Fact]
    public void Only_the_state_machine_sets_a_rollouts_phase()
    {
        var src = Path.Combine(RepositoryLayout.Root, "src");
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryLayout.Root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Where(f => !Allowed.Contains(f))
            .SelectMany(f => File.ReadLines(Path.Combine(RepositoryLayout.Root, f)).Select((line, i) => (f, line, i)))
            .Where(x => Assignment().IsMatch(x.line))
            .Select(x => $"{x.f}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        offenders.ShouldBeEmpty("a rollout's phase changes only through RolloutStateMachine.Fire (its trigger, its guards); " +
                                "fire the trigger there and apply the move's other changes to the state it returns");
    }

    [Fact]
    public void The_scan_finds_assignments_and_ignores_comparisons() =>
        new[] { "state with { Phase = RolloutPhase.Paused }", "x.Phase=p;", "Phase == RolloutPhase.Observing", "p => p.Phase" }
            .Select(l => Assignment().IsMatch(l)).ShouldBe([true, true, false, false]);

    [GeneratedRegex(@"\bPhase\s*=(?![=>])")]
    private static partial Regex Assignment();
}
