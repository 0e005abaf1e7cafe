using System.Globalization;

namespace RolloutController.DecisionHarness;

/// <summary>Command line: <c>--runs N --seed S --output markdown|json --interval-minutes M --traffic 1000,10000</c>.</summary>
/// <param name="Runs">Simulated rollouts per scenario. Default 2000.</param>
/// <param name="Seed">Base seed. Default 20250101.</param>
/// <param name="Output">Report format. Default markdown.</param>
/// <param name="IntervalMinutes">Virtual minutes between checks. Default 60.</param>
/// <param name="Traffic">Mean total requests per minute, one scenario set per value. Default 1000 and 10000.</param>
internal sealed record HarnessOptions(int Runs, ulong Seed, OutputFormat Output, double IntervalMinutes, IReadOnlyList<double> Traffic)
{
    public static HarnessOptions Default { get; } = new(2000, 20250101, OutputFormat.Markdown, 60, [1000, 10000]);

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
                case "--interval-minutes" when double.TryParse(value, CultureInfo.InvariantCulture, out var minutes) && minutes > 0:
                    options = options with { IntervalMinutes = minutes };
                    break;
                case "--traffic" when ParseList(value) is { } traffic:
                    options = options with { Traffic = traffic };
                    break;
                case "--runs" or "--seed" or "--output" or "--interval-minutes" or "--traffic":
                    problems.Add($"{name}: invalid value '{value}'");
                    break;
                default:
                    problems.Add($"unknown option '{name}'");
                    break;
            }
        }
        return problems.Count == 0 ? (options, problems) : (null, problems);
    }

    private static IReadOnlyList<double>? ParseList(string value)
    {
        var parts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var numbers = new List<double>(parts.Length);
        foreach (var part in parts)
        {
            if (!double.TryParse(part, CultureInfo.InvariantCulture, out var n) || !(n > 0)) return null;
            numbers.Add(n);
        }
        return numbers.Count > 0 ? numbers : null;
    }
}
