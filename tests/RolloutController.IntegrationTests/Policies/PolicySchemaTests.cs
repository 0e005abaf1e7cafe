using RolloutController.TestUtilities.Processes;

namespace RolloutController.IntegrationTests.Policies;

/// <summary>Runs the JSON Schema tests in tests/js/schema (ajv against policies/ and known-bad documents) with node.</summary>
public sealed class PolicySchemaTests
{
    [Fact]
    public async Task Schema_accepts_the_example_policies_and_rejects_bad_documents() =>
        await NodeTestRun.RunAsync("schema", "ajv");
}
