using System.Diagnostics;

namespace RolloutController.DecisionHarness;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project tests/RolloutController.DecisionHarness -- --runs 2000 --seed 20250101</c>.
/// Exit code 0 on success, 2 on bad arguments.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var (options, problems) = HarnessOptions.Parse(args);
        if (options is null)
        {
            foreach (var problem in problems) Console.Error.WriteLine(problem);
            Console.Error.WriteLine("usage: --runs N --seed S --output markdown|json --interval-minutes M --traffic 1000,10000");
            return 2;
        }

        var settings = SimulationSettings.Default with { Interval = TimeSpan.FromMinutes(options.IntervalMinutes) };
        var scenarios = ScenarioCatalog.Build(options.Traffic, settings);
        var clock = Stopwatch.StartNew();
        var results = SimulationRunner.Run(scenarios, settings, options.Runs, options.Seed);
        var wall = clock.Elapsed;
        Console.Write(options.Output == OutputFormat.Json
            ? ReportWriter.Json(options, settings, results, wall)
            : ReportWriter.Markdown(options, settings, results, wall));
        return 0;
    }
}
