using RolloutController.ConsoleOutput;

namespace RolloutController.UnitTests.ConsoleOutput;

public sealed class ConsoleTableTests
{
    private static readonly string[] Headers = ["FLAG", "PHASE", "NOTE"];

    private static readonly IReadOnlyList<Cell>[] Rows =
    [
        ["checkout", new("RolledBack", Tone.Bad), ""],
        ["search-ranking-v2", new("Completed", Tone.Good), "done"],
    ];

    [Fact]
    public void Plain_tables_are_aligned_two_spaces_apart_without_trailing_spaces_or_colour()
    {
        using var o = new StringWriter();

        ConsoleTable.Write(Consoles.Plain(o), Headers, Rows);

        o.ToString().ReplaceLineEndings("\n").ShouldBe("""
            FLAG               PHASE       NOTE
            checkout           RolledBack
            search-ranking-v2  Completed   done

            """);
    }

    [Fact]
    public void Plain_tables_are_never_wrapped()
    {
        using var o = new StringWriter();
        var longText = new string('x', 500);

        ConsoleTable.Write(Consoles.Plain(o), ["A", "B"], [["a", longText]]);

        o.ToString().ReplaceLineEndings("\n").Split('\n')[1].ShouldBe("a  " + longText);
    }

    [Fact]
    public void Rich_tables_have_a_border_and_colour_phases()
    {
        using var o = new StringWriter();

        ConsoleTable.Write(RichConsole.Over(o), Headers, Rows);

        var text = o.ToString();
        text.ShouldContain("╭");
        text.ShouldContain("\u001b[91mRolledBack"); // red
        text.ShouldContain("\u001b[32mCompleted"); // green
    }

    [Theory]
    [InlineData("RolledBack", "Bad")]
    [InlineData("Aborted", "Bad")]
    [InlineData("Paused", "Warning")]
    [InlineData("Completed", "Good")]
    [InlineData("Observing", "Active")]
    [InlineData("Pending", "Muted")]
    public void Phases_have_their_tone(string phase, string tone) => Tones.Phase(phase).ToString().ShouldBe(tone);

    [Fact]
    public void A_writer_that_is_not_the_terminal_gets_a_plain_console()
    {
        using var o = new StringWriter();

        Consoles.IsRich(Consoles.For(o)).ShouldBeFalse();
        Consoles.IsTerminal(o).ShouldBeFalse();
    }
}
