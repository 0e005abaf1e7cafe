using RolloutController.Cli;

namespace RolloutController.IntegrationTests.Cli;

/// <summary>Exit code and output of one in-process <c>rolloutctl</c> run.</summary>
internal sealed record CliResult(int Exit, string Stdout, string Stderr)
{
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(args, CancellationToken.None);

    /// <summary>Runs rolloutctl; cancelling <paramref name="stop"/> is Ctrl+C.</summary>
    public static async Task<CliResult> RunAsync(string[] args, CancellationToken stop)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await RolloutCtl.RunAsync(args, stdout, stderr, stop);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    public override string ToString() => $"exit {Exit}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
