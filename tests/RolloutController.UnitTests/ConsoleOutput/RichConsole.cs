using RolloutController.ConsoleOutput;
using Spectre.Console;

namespace RolloutController.UnitTests.ConsoleOutput;

/// <summary>A rich console writing to a string, with a fixed colour system and width so the escape codes are known.</summary>
internal static class RichConsole
{
    public static IAnsiConsole Over(TextWriter writer)
    {
        var console = Consoles.Rich(writer, ColorSystemSupport.Standard);
        console.Profile.Width = 120;
        return console;
    }
}
