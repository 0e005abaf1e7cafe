using System.Globalization;

namespace RolloutController.DecisionHarness;

/// <summary>
/// Command line: <c>--runs N --seed S --output markdown|json --interval-minutes M --traffic 1000,10000
/// --harms none,errorrate,conversion,sampleratio</c>.
/// </summary>
/// <param name="Runs">Simulated rollouts per scenario and policy. Default 2000.</param>
/// <param name="Seed">Base seed. Default 20250101.</param>
/// <param name="Output">Report format. Default markdown.</param>
/// <param name="IntervalMinutes">The policies' <c>analysis.interval</c> in minutes, at least 1 s. Default 60.</param>
/// <param name="Traffic">Mean total requests per minute, one scenario set per value. Default 1000 and 10000.</param>
/// <param name="Harms">Which scenarios to run (<c>none</c> is the A/A scenario). Default all.</param>
internal sealed record HarnessOptions(int Runs, ulong Seed, OutputFormat Output, double IntervalMinutes, IReadOnlyList<double> Traffic, IReadOnlySet<HarmKind> Harms)
{
    public const string Usage =
        "usage: --runs N --seed S --output markdown|json --interval-minutes M --traffic 1000,10000 --harms none,errorrate,conversion,sampleratio";

    public static HarnessOptions Default { get; } =
        new(2000, 20250101, OutputFormat.Markdown, 60, [1000, 10000], Enum.GetValues<HarmKind>().ToHashSet());

    /// <summary>The analysis interval, rounded to whole milliseconds as policies write durations.</summary>
    public TimeSpan Interval => TimeSpan.FromMilliseconds(Math.Round(IntervalMinutes * 60_000));

    /// <summary>Parses the arguments; every problem is listed, none is thrown.</summary>
    public static (HarnessOptions? Options, IReadOnlyList<string> Problems) Parse(IReadOnlyList<string> args)
    {
        var options = Default;
        var problems = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                problems.Add($"{name}: missing value");
                break;
            }
            var value = args[++i];
            switch (name)
            {
                case "--runs" when int.TryParse(value, CultureInfo.InvariantCulture, out var runs) && runs > 0:
                    options = options with { Runs = runs };
                    break;
                case "--seed" when ulong.TryParse(value, CultureInfo.InvariantCulture, out var seed):
                    options = options with { Seed = seed };
                    break;
                case "--output" when Enum.TryParse<OutputFormat>(value, ignoreCase: true, out var output):
                    options = options with { Output = output };
                    break;
                // A policy's interval is at least one second.
                case "--interval-minutes" when double.TryParse(value, CultureInfo.InvariantCulture, out var minutes) && minutes * 60 >= 1 && minutes <= 24 * 60:
                    options = options with { IntervalMinutes = minutes };
                    break;
                case "--traffic" when ParseList(value, double.Parse) is { } traffic && traffic.All(t => t > 0 && double.IsFinite(t)):
                    options = options with { Traffic = traffic };
                    break;
                case "--harms" when ParseList(value, ParseHarm) is { } harms:
                    options = options with { Harms = harms.ToHashSet() };
                    break;
                case "--runs" or "--seed" or "--output" or "--interval-minutes" or "--traffic" or "--harms":
                    problems.Add($"{name}: invalid value '{value}'");
                    break;
                default:
                    problems.Add($"unknown option '{name}'");
                    break;
            }
        }
        return problems.Count == 0 ? (options, problems) : (null, problems);
    }

    private static HarmKind ParseHarm(string text, IFormatProvider _) =>
        Enum.TryParse<HarmKind>(text, ignoreCase: true, out var harm) && Enum.IsDefined(harm) && !char.IsDigit(text[0])
            ? harm
            : throw new FormatException(text);

    private static IReadOnlyList<T>? ParseList<T>(string value, Func<string, IFormatProvider, T> parse)
    {
        var parts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        try
        {
            var items = parts.Select(p => parse(p, CultureInfo.InvariantCulture)).ToList();
            return items.Count > 0 ? items : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
