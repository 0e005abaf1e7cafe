using System.Diagnostics;
using System.Text.Json;
using RolloutController.TestUtilities.Dependencies;
using Shouldly;

namespace RolloutController.TestUtilities.Unleash;

/// <summary>What the real unleash-client Node SDK, polling an Unleash server, says for users <c>user-0</c> .. <c>user-(N-1)</c>.</summary>
/// <param name="Enabled">How many users the SDK says the flag is enabled for.</param>
/// <param name="Bits">Per user, '1' when enabled.</param>
public sealed record UnleashShare(int Enabled, int Total, string Bits)
{
    /// <summary>
    /// Runs <c>tests/js/unleash/share.js</c>: a fresh SDK client fetches the flags once (as it does on every poll) and
    /// evaluates the flag for every user, with the context properties given (e.g. <c>plan=enterprise</c>).
    /// </summary>
    public static async Task<UnleashShare> OfAsync(UnleashServer server, string flag, int users, params string[] properties)
    {
        var node = RequiredDependency.Executable("node", "/usr/bin/node", "/usr/local/bin/node");
        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = UnleashServer.PackageFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "share.js", server.BaseUri.ToString(), UnleashServer.ClientToken, flag, users.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(properties))
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        process.ExitCode.ShouldBe(0, $"share.js failed:\n{await stdout}\n{await stderr}");
        return JsonSerializer.Deserialize<UnleashShare>(await stdout, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }
}
