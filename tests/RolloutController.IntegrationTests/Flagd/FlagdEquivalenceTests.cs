using RolloutController.Analysis.Segments;
using RolloutController.Api;
using RolloutController.Flags;
using RolloutController.Flags.Builtin;
using RolloutController.IntegrationTests.Ofrep;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.TestUtilities.Processes;

namespace RolloutController.IntegrationTests.Flagd;

/// <summary>
/// The flag set exported in flagd's format is evaluated by <c>@openfeature/flagd-core</c> exactly as the controller's
/// OFREP serves it: tests/js/flagd validates the export against flagd's schema, then evaluates every flag for 12,000
/// generated contexts with flagd-core and over OFREP (bulk), comparing value, variant and reason class. The flags are
/// every example in <c>policies/</c> (ramped, with an excluded segment) plus <see cref="Generated"/>, which uses every
/// operator, segments by keys and by conditions, prerequisite chains, splits, a disabled and a switched-off flag.
/// </summary>
public sealed class FlagdEquivalenceTests
{
    // Every operator, on attributes the generator in tests/js/flagd/equivalence.test.mjs varies over types.
    private const string Generated = """
        apiVersion: rollout-controller/v1
        kind: Flag
        metadata: { name: gen-operators, owner: team-gen, type: experiment, reason: operators, removal: { criterion: test, reviewBy: 2027-01-01 } }
        spec:
          key: gen-operators
          variants: { a: alpha, b: beta, c: gamma }
          defaultVariant: a
          rules:
            - { when: { seats: { gte: 500 }, plan: { notEquals: free } }, serve: b }
            - { when: { seats: { lt: 10 } }, serve: c }
            - { when: { account.seats: { gt: 40 } }, serve: c }
            - { when: { tier: { in: [3, 4] } }, serve: b }
            - { when: { appVersion: { semverGte: v2.4.0 }, country: { notIn: [DE, FR] } }, serve: b }
            - { when: { appVersion: { semverLt: 2.4.0-rc.2 } }, serve: c }
            - { when: { beta: { equals: true } }, serve: c }
            - { when: { email: { startsWith: admin } }, serve: b }
            - { when: { seats: { lte: 10.5, gt: 9 } }, serve: a }
            - { when: { country: { notEquals: US } }, serve: c }
          fallthrough: { split: [{ variant: a, weight: 33.333 }, { variant: b, weight: 33.333 }, { variant: c, weight: 33.334 }] }
        ---
        apiVersion: rollout-controller/v1
        kind: Segment
        metadata: { name: gen-listed, owner: team-gen, reason: listed keys }
        spec:
          keys: [user-7, user-42, acct-1]
        ---
        apiVersion: rollout-controller/v1
        kind: Segment
        metadata: { name: gen-big-accounts, owner: team-gen, reason: by conditions and keys }
        spec:
          when: { seats: { gte: 100 }, plan: { in: [enterprise, business] } }
          keys: [user-9]
        ---
        apiVersion: rollout-controller/v1
        kind: Flag
        metadata: { name: gen-segments, owner: team-gen, type: permission, reason: segments }
        spec:
          key: gen-segments
          variants: { low: 1, high: 2.5, none: 0 }
          defaultVariant: none
          rules:
            - { segment: gen-listed, serve: high }
            - { segment: gen-big-accounts, when: { country: { equals: US } }, serve: low }
            - { segment: gen-big-accounts, serve: high }
          fallthrough: { variant: low }
        ---
        apiVersion: rollout-controller/v1
        kind: Flag
        metadata: { name: gen-chain, owner: team-gen, type: release, reason: prerequisites, layer: app, removal: { criterion: test, reviewBy: 2027-01-01 } }
        spec:
          key: gen-chain
          variants: { on: { layout: wide, columns: 3 }, off: { layout: narrow } }
          defaultVariant: off
          bucketing: { salt: gen-shared }
          prerequisites:
            - { flag: gen-operators, variant: b }
            - { flag: new-checkout, variant: on }
          rules:
            - { when: { email: { endsWith: "@example.com" } }, serve: on }
          fallthrough: { split: [{ variant: on, weight: 0.001 }, { variant: off, weight: 99.999 }] }
        ---
        apiVersion: rollout-controller/v1
        kind: Flag
        metadata: { name: gen-deep, owner: team-gen, type: release, reason: a chain of prerequisites, removal: { criterion: test, reviewBy: 2027-01-01 } }
        spec:
          key: gen-deep
          variants: { yes: true, no: false }
          defaultVariant: no
          prerequisites:
            - { flag: gen-chain, variant: off }
            - { flag: gen-disabled, variant: red }
          fallthrough: { split: [{ variant: yes, weight: 70.5 }, { variant: no, weight: 29.5 }] }
        ---
        apiVersion: rollout-controller/v1
        kind: Flag
        metadata: { name: gen-disabled, owner: team-gen, type: ops, reason: declared disabled }
        spec:
          key: gen-disabled
          state: disabled
          variants: { red: red, blue: blue }
          defaultVariant: red
          rules: [{ when: { plan: { in: [free] } }, serve: blue }]
          fallthrough: { variant: blue }
        ---
        apiVersion: rollout-controller/v1
        kind: Flag
        metadata: { name: gen-switched, owner: team-gen, type: ops, reason: switched off by a person }
        spec:
          key: gen-switched
          variants: { on: true, off: false }
          defaultVariant: on
          rules: [{ when: { plan: { in: [free] } }, serve: off }]
          fallthrough: { variant: on }

        """;

    // Weights the policies' ramps serve: one between stages, one with decimals, one complete.
    private static readonly decimal[] Weights = [37.5m, 12.345m, 100m, 5m];

    [Fact]
    public async Task Flagd_core_evaluates_the_exported_flag_set_exactly_as_ofrep_serves_it()
    {
        var catalog = Catalog();
        catalog.Current.Servable.Count.ShouldBeGreaterThanOrEqualTo(15);
        await using var server = await OfrepServer.StartAsync(catalog, map: (app, _) =>
            app.MapGet("/export/{format}", (string format, HttpContext http, IFlagCatalog flags) => FlagSetExportApi.Export(format, http, flags)));

        var output = await NodeTestRun.RunAsync("flagd", "@openfeature/flagd-core", new Dictionary<string, string>
        {
            ["CONTROLLER_URL"] = server.BaseAddress.GetLeftPart(UriPartial.Authority),
            ["EXPORT_PATH"] = "/export/flagd",
        });

        output.ShouldContain("# pass 4");
    }

    /// <summary>The examples of policies/ and <see cref="Generated"/>, each policy ramped to one of <see cref="Weights"/>.</summary>
    private static BuiltinFlagCatalog Catalog()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryLayout.Root, "policies"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(path => new PolicySourceFile(Path.GetFileName(path), File.ReadAllText(path)))
            .Append(new PolicySourceFile("generated.yaml", Generated))
            .ToList();
        var loaded = PolicyLoader.Load(files);
        loaded.Diagnostics.Where(d => !d.IsWarning).ShouldBeEmpty(string.Join(Environment.NewLine, loaded.Diagnostics));
        var catalog = new BuiltinFlagCatalog();
        var i = 0;
        foreach (var policy in loaded.Policies.OrderBy(p => p.Flag.Key, StringComparer.Ordinal))
        {
            // The per-segment guardrail of checkout-canary has excluded a plan; another ramp excludes a numeric label.
            IReadOnlyList<Segment> excluded = policy.Flag.Key switch
            {
                "checkout-payment-form" => [Segment.Of(("plan", "free"))],
                "new-checkout" => [Segment.Of(("tier", "3"))],
                _ => [],
            };
            catalog.Set(new ServedFlag(policy.Flag.Key, Weights[i++ % Weights.Length], RolloutPhase.Observing, 1, policy.Metadata.Name,
                policy.Metadata.Type, excluded, policy.Metadata.Owner));
        }
        catalog.SetDeclarations(loaded.Flags, loaded.Segments);
        catalog.ApplySwitch(new FlagSwitch("gen-switched", true, "oncall", "INC-1: switched off", DateTimeOffset.UnixEpoch, 1), pinned: false);
        return catalog;
    }
}
