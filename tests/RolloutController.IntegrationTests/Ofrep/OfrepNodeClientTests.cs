using System.Diagnostics;
using System.Text;
using RolloutController.Flags;
using RolloutController.Flags.Builtin;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.TestUtilities.Dependencies;
using RolloutController.TestUtilities.Flags;
using Xunit.Abstractions;

namespace RolloutController.IntegrationTests.Ofrep;

/// <summary>
/// Runs tests/js/ofrep (node --test) against a live controller: the real OpenFeature server SDK and OFREP provider
/// evaluate the flags, and flagd-core's <c>fractional</c> checks the bucketing.
/// </summary>
public sealed class OfrepNodeClientTests(ITestOutputHelper output)
{
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromMinutes(4);

    // Mirrored by `splitFlags` and the flag names in tests/js/ofrep/ofrep.test.mjs.
    private static readonly ServedFlag[] Catalog =
    [
        new("ramp-one", 1m, RolloutPhase.Observing, 0, "ramps", FlagType.Release),
        new("ramp-ten", 10m, RolloutPhase.Observing, 1, "ramps", FlagType.Release),
        new("ramp-half", 50m, RolloutPhase.Observing, 2, "ramps", FlagType.Release),
        new("ramp-odd", 12.345m, RolloutPhase.Paused, 1, "odd", FlagType.Experiment),
        new("everyone", 100m, RolloutPhase.Completed, 3, "ramps", FlagType.Release),
        new("nobody", 0m, RolloutPhase.Pending, 0, "ramps", FlagType.Release),
        new("rolled-back", 10m, RolloutPhase.RolledBack, 1, "ramps", FlagType.Release),
        new("new-checkout", 10m, RolloutPhase.Observing, 1, "checkout", FlagType.Release),
    ];

    // Declared flags of every value type, served as declared (no policy): mirrored by the typed-flag tests in ofrep.test.mjs.
    private const string Declared = """
        apiVersion: rollout-controller/v1
        kind: Flag
        metadata: { name: button-copy, owner: team-checkout, type: experiment, reason: copy test, removal: { criterion: read out, reviewBy: 2027-01-01 } }
        spec:
          key: button-copy
          variants: { control: Buy now, treatment: Complete purchase }
          defaultVariant: control
          rules: [{ when: { email: { endsWith: "@example.com" } }, serve: treatment }]
          fallthrough: { split: [{ variant: control, weight: 50 }, { variant: treatment, weight: 50 }] }
        ---
        apiVersion: rollout-controller/v1
        kind: Flag
        metadata: { name: max-items, owner: team-catalog, type: ops, reason: page size, layer: infra }
        spec:
          key: max-items
          variants: { few: 10, many: 2.5e1 }
          defaultVariant: few
          rules: [{ when: { plan: { in: [enterprise] } }, serve: many }]
          fallthrough: { variant: few }
        ---
        apiVersion: rollout-controller/v1
        kind: Flag
        metadata: { name: theme, owner: team-design, type: ops, reason: colours }
        spec:
          key: theme
          variants: { light: { background: white, contrast: 1.5, tags: [a, b] }, dark: { background: black, contrast: 2 } }
          defaultVariant: light
          fallthrough: { variant: dark }
        ---
        apiVersion: rollout-controller/v1
        kind: Flag
        metadata: { name: sso-login, owner: team-identity, type: permission, reason: enterprise plan }
        spec:
          key: sso-login
          variants: { on: true, off: false }
          defaultVariant: off
          rules: [{ when: { plan: { in: [enterprise] } }, serve: on }]
          fallthrough: { variant: off }

        """;

    /// <summary>The rollouts of <see cref="Catalog"/> and the flags of <see cref="Declared"/>, in the controller's own catalog.</summary>
    private static BuiltinFlagCatalog Flags()
    {
        var declared = PolicyLoader.Load([new PolicySourceFile("declared.yaml", Declared)]);
        declared.Diagnostics.ShouldBeEmpty(string.Join(Environment.NewLine, declared.Diagnostics));
        var catalog = new BuiltinFlagCatalog();
        foreach (var flag in Catalog) catalog.Set(flag);
        catalog.SetDeclarations(declared.Flags, declared.Segments);
        return catalog;
    }

    [Fact]
    public async Task OpenFeature_ofrep_provider_and_flagd_core_agree_with_the_controller()
    {
        var node = RequiredDependency.Executable("node", "/usr/bin/node", "/usr/local/bin/node");
        var project = FindNodeProject();

        await using var server = await OfrepServer.StartAsync(Flags());
        var (exitCode, log) = await RunAsync(node, project, server.BaseAddress.GetLeftPart(UriPartial.Authority));

        output.WriteLine(log);
        exitCode.ShouldBe(0, $"node --test failed in {project}:\n{log}");
    }

    private static string FindNodeProject()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "RolloutController.sln"))) continue;

            var project = Path.Combine(dir.FullName, "tests", "js", "ofrep");
            foreach (var package in new[] { "server-sdk", "ofrep-provider", "flagd-core" })
            {
                if (!Directory.Exists(Path.Combine(project, "node_modules", "@openfeature", package)))
                {
                    throw new InvalidOperationException(
                        $"@openfeature/{package} is not installed in {project}. Run the README's test command (tests/run.sh), " +
                        "which runs `npm ci` there, or run `npm ci` in that folder yourself.");
                }
            }
            return project;
        }
        throw new InvalidOperationException($"No RolloutController.sln above {AppContext.BaseDirectory}; cannot find tests/js/ofrep.");
    }

    private static async Task<(int ExitCode, string Log)> RunAsync(string node, string project, string endpoint)
    {
        var start = new ProcessStartInfo(node, ["--test"])
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["OFREP_ENDPOINT"] = endpoint;
        start.Environment["NO_COLOR"] = "1";

        var log = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(NodeTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (log) log.AppendLine($"node --test did not finish within {NodeTimeout} and was stopped.");
            return (-1, log.ToString());
        }

        process.WaitForExit(); // flushes the redirected output
        lock (log) return (process.ExitCode, log.ToString());
    }
}
