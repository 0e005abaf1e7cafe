using Spectre.Console;

namespace RolloutController.ConsoleOutput;

/// <summary>
/// The consoles rolloutctl renders through. Rich (colours, bordered tables, live views) only on a terminal without
/// <c>NO_COLOR</c>; plain everywhere else, so what scripts and tests read does not depend on the terminal.
/// </summary>
internal static class Consoles
{
    /// <summary>
    /// Width of a plain console, in characters: wide enough that no line is ever wrapped or cut (a plain console is read
    /// by programs, not by eyes at a terminal's width).
    /// </summary>
    private const int PlainWidth = 1 << 16;

    /// <summary>Rich on a terminal (see <see cref="IsTerminal"/>), plain otherwise.</summary>
    public static IAnsiConsole For(TextWriter writer) => IsTerminal(writer) ? Rich(writer) : Plain(writer);

    /// <summary>No escape codes, no colours, no width limit, not interactive: the same bytes wherever it is written.</summary>
    public static IAnsiConsole Plain(TextWriter writer)
    {
        var console = Create(writer, AnsiSupport.No, ColorSystemSupport.NoColors, InteractionSupport.No);
        console.Profile.Width = PlainWidth;
        return console;
    }

    /// <summary>
    /// Escape codes and colours (by default as many as the terminal reports), the terminal's width, live views.
    /// </summary>
    public static IAnsiConsole Rich(TextWriter writer, ColorSystemSupport colours = ColorSystemSupport.Detect) =>
        Create(writer, AnsiSupport.Yes, colours, InteractionSupport.Yes);

    private static IAnsiConsole Create(TextWriter writer, AnsiSupport ansi, ColorSystemSupport colours, InteractionSupport interaction) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Ansi = ansi, ColorSystem = colours, Interactive = interaction, Out = new AnsiConsoleOutput(writer) });

    /// <summary>Whether <paramref name="console"/> renders colours and borders (a rich console).</summary>
    public static bool IsRich(IAnsiConsole console) => console.Profile.Capabilities.Ansi;

    /// <summary>
    /// The process's standard output, not redirected, with <c>NO_COLOR</c> unset or empty (https://no-color.org) and
    /// <c>TERM</c> not <c>dumb</c>.
    /// </summary>
    public static bool IsTerminal(TextWriter writer) =>
        ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
        && Environment.GetEnvironmentVariable("TERM") != "dumb";
}
