using System.Globalization;

namespace RolloutController.ScaleBench;

/// <summary><c>--name value</c> pairs of one verb. Every option is named, so a script that calls the verbs reads plainly.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string> _values;

    private Arguments(Dictionary<string, string> values) => _values = values;

    public static Arguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
                throw new ArgumentException($"expected --name value pairs, got '{string.Join(' ', args)}'");
            values[args[i][2..]] = args[i + 1];
        }
        return new Arguments(values);
    }

    public string Text(string name, string? fallback = null) =>
        _values.TryGetValue(name, out var value) ? value : fallback ?? throw new ArgumentException($"--{name} is required");

    public string? Optional(string name) => _values.GetValueOrDefault(name);

    public int Int(string name, int? fallback = null) =>
        int.TryParse(Text(name, fallback?.ToString(CultureInfo.InvariantCulture)), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"--{name} must be a whole number (was '{Text(name)}')");

    public double Number(string name, double? fallback = null) =>
        double.TryParse(Text(name, fallback?.ToString(CultureInfo.InvariantCulture)), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"--{name} must be a number (was '{Text(name)}')");

    public TimeSpan Duration(string name, string? fallback = null) =>
        Durations.Parse(Text(name, fallback)) ?? throw new ArgumentException($"--{name} must be a duration such as 100ms, 10s, 2m (was '{Text(name)}')");
}

/// <summary>Durations as the policies write them: <c>250ms</c>, <c>10s</c>, <c>2m</c>, <c>1h</c>; a bare number is seconds.</summary>
internal static class Durations
{
    public static TimeSpan? Parse(string text)
    {
        (string Suffix, double Seconds)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];
        foreach (var (suffix, seconds) in units)
            if (text.EndsWith(suffix, StringComparison.Ordinal) && Number(text[..^suffix.Length]) is { } n) return TimeSpan.FromSeconds(n * seconds);
        return Number(text) is { } bare ? TimeSpan.FromSeconds(bare) : null;
    }

    /// <summary>How the policies write it: whole seconds, minutes or hours where exact, else milliseconds.</summary>
    public static string Format(TimeSpan duration) =>
        duration.TotalMilliseconds % 1000 != 0 ? $"{duration.TotalMilliseconds:0}ms"
        : duration.TotalSeconds % 3600 == 0 ? $"{duration.TotalHours:0}h"
        : duration.TotalSeconds % 60 == 0 ? $"{duration.TotalMinutes:0}m"
        : $"{duration.TotalSeconds:0}s";

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value : null;
}
