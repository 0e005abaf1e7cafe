using System.CommandLine;
using System.CommandLine.Parsing;
using RolloutController.Time;
using Spectre.Console;

namespace RolloutController.Cli;

/// <summary><c>rolloutctl watch FLAG [--every 2s]</c>: follows one rollout until it ends (see <see cref="RolloutWatch"/>).</summary>
internal static class WatchCommand
{
    public const string Name = "watch";

    /// <summary>Time between two reads of the rollout when <c>--every</c> is not given: 2 seconds.</summary>
    public static readonly TimeSpan DefaultEvery = TimeSpan.FromSeconds(2);

    /// <summary>The shortest <c>--every</c> accepted: 250 ms (each refresh is one API read).</summary>
    public static readonly TimeSpan MinimumEvery = TimeSpan.FromMilliseconds(250);

    public static Command Create(IAnsiConsole stdout, TextWriter stderr, TimeProvider time)
    {
        var flag = new Argument<string>("flag") { Description = "Flag key" };
        // Nullable, without a default value factory, so that help shows the default as policies write durations.
        var every = new Option<TimeSpan?>("--every")
        {
            Description = $"Time between refreshes: 500ms, 2s, 1m, ... (at least {DurationParser.Format(MinimumEvery)}). Default: {DurationParser.Format(DefaultEvery)}",
            HelpName = "duration",
            CustomParser = ParseEvery,
        };
        var (server, token) = (CommonOptions.Server(), CommonOptions.Token());
        var command = new Command(Name,
            "Follow one rollout live: stage, weight, hold countdown, guardrails against their bounds, what blocks advancing. " +
            "Ends when it completes (exit 0), rolls back or is aborted (exit 1); Ctrl+C stops watching (exit 130)")
        {
            flag, every, server, token,
        };
        command.SetAction((parse, ct) => ControllerClient.RunAsync(parse.GetValue(server)!, parse.GetValue(token), stderr,
            client => new RolloutWatch(client, parse.GetValue(flag)!, parse.GetValue(every) ?? DefaultEvery, stdout, time).RunAsync(ct)));
        return command;
    }

    private static TimeSpan? ParseEvery(ArgumentResult result)
    {
        if (result.Tokens.Count == 0) return DefaultEvery;
        var text = result.Tokens[0].Value;
        if (!DurationParser.TryParse(text, out var every, out var error)) result.AddError($"--every: {error}");
        else if (every < MinimumEvery) result.AddError($"--every must be at least {DurationParser.Format(MinimumEvery)}, got '{text}'");
        return every;
    }
}
