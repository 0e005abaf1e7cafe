using Spectre.Console;
using Spectre.Console.Rendering;

namespace RolloutController.ConsoleOutput;

/// <summary>Lines of text whose parts have their own <see cref="Tone"/>; plain consoles print the text alone.</summary>
internal static class ConsoleLine
{
    /// <summary>One line made of <paramref name="parts"/>.</summary>
    public static IRenderable Of(params Cell[] parts)
    {
        var line = new Paragraph();
        foreach (var part in parts) line.Append(part.Text, Tones.Style(part.Tone));
        return line;
    }

    /// <summary>Writes <paramref name="parts"/> and ends the line.</summary>
    public static void Write(IAnsiConsole console, params Cell[] parts)
    {
        console.Write(Of(parts));
        console.WriteLine();
    }

    /// <summary>
    /// Writes <paramref name="text"/> as it is, byte for byte, with a line end: JSON and other output that programs parse
    /// must not pass through styling or wrapping.
    /// </summary>
    public static void WriteVerbatim(IAnsiConsole console, string text) => console.Profile.Out.Writer.WriteLine(text);
}
