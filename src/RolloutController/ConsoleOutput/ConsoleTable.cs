using Spectre.Console;
using Spectre.Console.Rendering;

namespace RolloutController.ConsoleOutput;

/// <summary>
/// A table. Plain: left-aligned columns two spaces apart, a header line, no trailing spaces, never wrapped (scripts
/// split it on runs of two spaces). Rich: a Spectre.Console table with a rounded border, bold headers and coloured
/// cells, fitted to the terminal's width.
/// </summary>
internal static class ConsoleTable
{
    public static void Write(IAnsiConsole console, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<Cell>> rows) =>
        console.Write(Of(console, headers, rows));

    public static IRenderable Of(IAnsiConsole console, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<Cell>> rows) =>
        Consoles.IsRich(console) ? Rich(headers, rows) : Plain(headers, rows);

    private static Table Rich(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<Cell>> rows)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers) table.AddColumn(new TableColumn(new Text(header, Tones.Style(Tone.Heading))));
        foreach (var row in rows) table.AddRow(row.Select(c => (IRenderable)new Text(c.Text, Tones.Style(c.Tone))));
        return table;
    }

    private static Rows Plain(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<Cell>> rows)
    {
        var all = rows.Select(r => r.Select(c => c.Text).ToList()).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => r[i].Length))).ToArray();
        return new Rows(new[] { (IReadOnlyList<string>)headers }.Concat(all).Select(r => new Text(Line(r, widths))));
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
}
