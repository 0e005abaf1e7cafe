using RolloutController.ConsoleOutput;
using RolloutController.Policies;
using RolloutController.Rollouts;
using Spectre.Console;
using RolloutController.Engine;
using RolloutController.PolicyFiles;

namespace RolloutController.Backtesting;

/// <summary>
/// <c>rolloutctl backtest</c>: loads the policy, checks the range, replays it against Prometheus and prints the report.
/// Its result is <see cref="Ran"/> (whatever the replay decided, query errors included), <see cref="InvalidPolicy"/> or
/// <see cref="BadArguments"/> (missing file, bad dates or range, bad configuration); rolloutctl turns it into an exit code.
/// </summary>
internal static class BacktestInvocation
{
    public const int Ran = 0;
    public const int InvalidPolicy = 1;
    public const int BadArguments = 2;

    private const string Command = "rolloutctl backtest";

    public static async Task<int> RunAsync(BacktestArguments args, IAnsiConsole stdout, TextWriter stderr, TimeProvider time, CancellationToken cancellationToken)
    {
        var (policy, exit) = LoadPolicy(args, stderr);
        if (policy is null) return exit;

        if (!BacktestRangeParser.TryParse(args.From, args.To, args.Interval, policy.Analysis.Interval, time.GetUtcNow(), out var range, out var error))
        {
            await stderr.WriteLineAsync($"{Command}: {error}");
            return BadArguments;
        }

        if (!BacktestServices.TryBuild(args.ConfigFile, args.Prometheus, out var services, out var problems))
        {
            foreach (var problem in problems) await stderr.WriteLineAsync($"{Command}: {problem}");
            return BadArguments;
        }

        BacktestReport report;
        await using (services)
        {
            report = await Backtester.Over(services.GetRequiredService<GuardrailMeasurer>()).RunAsync(policy, range, cancellationToken);
        }

        if (args.Json)
        {
            ConsoleLine.WriteVerbatim(stdout, BacktestJson.Serialize(report));
            // The JSON carries the counts; people watching the terminal still hear about failed queries.
            foreach (var warning in BacktestText.Warnings(report.Summary)) await stderr.WriteLineAsync($"{Command}: {warning}");
        }
        else
        {
            BacktestText.Write(stdout, report);
        }
        return Ran;
    }

    private static (RolloutPolicy? Policy, int Exit) LoadPolicy(BacktestArguments args, TextWriter stderr)
    {
        var directory = PolicyDirectoryReader.Read(args.PolicyPath);
        if (!directory.Exists)
        {
            stderr.WriteLine($"{Command}: '{args.PolicyPath}' does not exist");
            return (null, BadArguments);
        }
        var loaded = PolicyLoader.Load(directory.Files);
        if (directory.ReadErrors.Count > 0 || !loaded.IsValid)
        {
            // Exactly what `rolloutctl validate` prints, so the two commands never disagree on a file.
            PolicyValidationCommand.Run(args.PolicyPath, TextWriter.Null, stderr, json: false);
            return (null, InvalidPolicy);
        }

        var policies = loaded.Policies;
        if (args.PolicyName is { } name)
        {
            var chosen = policies.FirstOrDefault(p => p.Metadata.Name == name) ?? policies.FirstOrDefault(p => p.Flag.Key == name);
            if (chosen is not null) return (chosen, Ran);
            stderr.WriteLine($"{Command}: no policy named '{name}' (and no flag with that key) in '{args.PolicyPath}'; it has: {Names(policies)}");
            return (null, BadArguments);
        }
        if (policies.Count == 1) return (policies[0], Ran);
        stderr.WriteLine(policies.Count == 0
            ? $"{Command}: '{args.PolicyPath}' holds no policy file (*.yaml, *.yml)"
            : $"{Command}: '{args.PolicyPath}' holds {policies.Count} policies; choose one with --name: {Names(policies)}");
        return (null, BadArguments);
    }

    private static string Names(IReadOnlyList<RolloutPolicy> policies) =>
        string.Join(", ", policies.Select(p => p.Metadata.Name));
}
