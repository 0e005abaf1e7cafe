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

    /// <summary>
    /// As <see cref="OfAsync"/>, asked again every half second until <paramref name="served"/> holds or 15 s have passed;
    /// the last answer (the caller asserts on it). Unleash answers its SDKs from a cache of the flag set that it refreshes
    /// shortly after a change, so a fresh client can still be given the previous state for a moment after a confirmed write.
    /// </summary>
    public static async Task<UnleashShare> WhenAsync(UnleashServer server, string flag, int users, Func<UnleashShare, bool> served, params string[] properties)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var share = await OfAsync(server, flag, users, properties);
            if (served(share) || waited.Elapsed > TimeSpan.FromSeconds(15)) return share;
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>True when <see cref="Enabled"/> is within four standard deviations of <paramref name="share"/> (0–1) of the users.</summary>
    public bool Near(double share) => Math.Abs(Enabled - Total * share) <= 4 * Math.Sqrt(Total * share * (1 - share)) + 0.5;
}
