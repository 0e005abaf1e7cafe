using System.Diagnostics;
using System.Globalization;
using System.Text;
using RolloutController.Policies;
using RolloutController.TestUtilities.Fuzzing;
using RolloutController.TestUtilities.Processes;
using Xunit.Abstractions;

namespace RolloutController.UnitTests.Policies;

/// <summary>
/// Mutations of the example policies (<see cref="PolicyMutator"/>) through the whole reader: decoding, limits,
/// parsing and validation. No exception may escape, and every diagnostic must be one line with a location. Bounded
/// in time (5 s by default) and seeded: POLICY_FUZZ_SECONDS and POLICY_FUZZ_SEED change both, and
/// tests/soak-policy-fuzz.sh runs it for minutes.
/// </summary>
public sealed class PolicyReaderFuzzTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 20_251_202;
    private static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(5);

    [Fact]
    public void Mutated_example_policies_never_throw_and_every_diagnostic_has_a_location()
    {
        var seed = Setting("POLICY_FUZZ_SEED") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : DefaultSeed;
        var duration = Setting("POLICY_FUZZ_SECONDS") is { } d ? TimeSpan.FromSeconds(double.Parse(d, CultureInfo.InvariantCulture)) : DefaultDuration;
        var examples = Directory.GetFiles(Path.Combine(RepositoryLayout.Root, "policies"), "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        examples.Count.ShouldBeGreaterThanOrEqualTo(3);
        var mutator = new PolicyMutator(examples, seed);

        var elapsed = Stopwatch.StartNew();
        var iterations = 0;
        var valid = 0;
        while (elapsed.Elapsed < duration)
        {
            var input = mutator.Next();
            iterations++;
            try
            {
                var file = Read($"policies/fuzz-{iterations}.yaml", input);
                if (file.IsValid) valid++;
                else MalformedPolicyFileTests.ShouldAllBeLocated(file.Diagnostics);
            }
            catch (Exception e)
            {
                throw new ShouldAssertException(
                    $"seed {seed}, input {iterations}: {e.GetType().Name}: {e.Message}\ninput (base64): {Convert.ToBase64String(input)}", e);
            }
        }

        output.WriteLine($"seed {seed}: {iterations} inputs in {elapsed.Elapsed.TotalSeconds:F1} s, {valid} of them valid policies");
        iterations.ShouldBeGreaterThan(20, "the fuzzer ran too few inputs to mean anything");
    }

    // What the controller does with a file's bytes: decode (or report), then parse and validate.
    private static PolicyFileResult Read(string path, byte[] bytes)
    {
        var text = PolicyTextDecoder.Decode(path, bytes, out var problem);
        if (text is null) return new PolicyFileResult(path, [], [problem!]);
        return PolicyLoader.Load([new PolicySourceFile(path, text)]).Files.Single();
    }

    private static string? Setting(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
