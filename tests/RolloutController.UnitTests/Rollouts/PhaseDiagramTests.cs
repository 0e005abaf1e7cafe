using RolloutController.Rollouts;
using RolloutController.TestUtilities.Processes;

namespace RolloutController.UnitTests.Rollouts;

/// <summary>
/// README.md's phase diagram is generated from the state machine's configuration. To regenerate it after changing the
/// configuration: <c>UPDATE_DIAGRAMS=1 dotnet test tests/RolloutController.UnitTests -c Release --filter FullyQualifiedName~PhaseDiagram</c>.
/// </summary>
public sealed class PhaseDiagramTests
{
    private const string Begin = "<!-- phase-diagram:begin (generated from RolloutStateMachine; see PhaseDiagramTests) -->";
    private const string End = "<!-- phase-diagram:end -->";
    private const string Regenerate =
        "UPDATE_DIAGRAMS=1 dotnet test tests/RolloutController.UnitTests -c Release --filter FullyQualifiedName~PhaseDiagram";

    private static string Readme => Path.Combine(RepositoryLayout.Root, "README.md");

    [Fact]
    public void The_committed_diagram_is_the_one_the_configuration_generates()
    {
        var text = File.ReadAllText(Readme).ReplaceLineEndings("\n");
        var begin = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        (begin >= 0 && end > begin).ShouldBeTrue($"README.md has no '{Begin}' … '{End}' block for the phase diagram");
        var generated = Generated();

        if (Environment.GetEnvironmentVariable("UPDATE_DIAGRAMS") == "1")
        {
            File.WriteAllText(Readme, text[..(begin + Begin.Length)] + "\n" + generated + text[end..]);
            return;
        }
        var committed = text[(begin + Begin.Length)..end].Trim('\n') + "\n";
        committed.ShouldBe(generated, $"README.md's phase diagram is not what the state machine's configuration generates; regenerate it: {Regenerate}");
    }

    [Fact]
    public void The_diagram_shows_every_phase_and_the_gate()
    {
        var generated = Generated();

        foreach (var phase in Enum.GetNames<RolloutPhase>()) generated.ShouldContain(phase);
        generated.ShouldContain("hold served");
        RolloutStateMachine.Dot().ShouldContain("digraph");
    }

    private static string Generated() =>
        "```mermaid\n" + RolloutStateMachine.Mermaid().ReplaceLineEndings("\n").Trim('\n') + "\n```\n";
}
