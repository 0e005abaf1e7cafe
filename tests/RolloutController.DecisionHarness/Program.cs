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
            Console.Error.WriteLine(HarnessOptions.Usage);
            return 2;
        }

        var policies = HarnessPolicies.Load(options.Interval);
        var scenarios = ScenarioCatalog.Build(options.Traffic, policies[0].Policy.Stages)
            .Where(s => options.Harms.Contains(s.Harm))
            .ToList();
        var clock = Stopwatch.StartNew();
        var results = SimulationRunner.Run(scenarios, policies, options.Runs, options.Seed);
        var wall = clock.Elapsed;
        Console.Write(options.Output == OutputFormat.Json
            ? ReportWriter.Json(options, policies, results, wall)
            : ReportWriter.Markdown(options, policies, results, wall));
        return 0;
    }
}
