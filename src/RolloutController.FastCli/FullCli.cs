using System.Diagnostics;
using RolloutController.Cli;

namespace RolloutController.FastCli;

/// <summary>
/// Hands a command rolloutctl-fast does not run (status, list, watch, validate, serve…) to rolloutctl, with the same
/// arguments, terminal and exit code. Which rolloutctl: <c>$ROLLOUTCTL_FULL</c> (a program, or a <c>.dll</c> run with
/// <c>dotnet</c>), else <c>rolloutctl</c> next to this program, else on the <c>PATH</c>.
/// </summary>
internal static class FullCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (program, prefix) = Locate();
        var start = new ProcessStartInfo(program) { UseShellExecute = false };
        foreach (var a in prefix.Concat(args)) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            await process.WaitForExitAsync();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            await Console.Error.WriteLineAsync(
                $"error: '{args[0]}' is a rolloutctl command, and rolloutctl could not be started ({program}: {ex.Message}); set ROLLOUTCTL_FULL to its path");
            return ExitCodes.Usage;
        }
    }

    private static (string Program, string[] Prefix) Locate()
    {
        var full = Environment.GetEnvironmentVariable("ROLLOUTCTL_FULL");
        if (string.IsNullOrEmpty(full))
        {
            var beside = Path.Combine(AppContext.BaseDirectory, "rolloutctl");
            full = File.Exists(beside) ? beside : "rolloutctl";
        }
        return full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? ("dotnet", [full]) : (full, []);
    }
}
