using System.Text.Json.Nodes;
using Json.Schema;
using RolloutController.TestUtilities.Processes;

namespace RolloutController.TestUtilities.Teams;

/// <summary>
/// Checks a Teams webhook body against <c>tests/teams/adaptive-card-message.schema.json</c>: the message envelope and the
/// Adaptive Card 1.4 elements as Microsoft publishes them (the file says what it was written from).
/// </summary>
public static class TeamsCardSchema
{
    public static string SchemaPath { get; } = Path.Combine(RepositoryLayout.Root, "tests", "teams", "adaptive-card-message.schema.json");

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(SchemaPath)));

    private static readonly EvaluationOptions Options = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.List };

    /// <summary>Every violation as "instance location: message"; empty when the body is valid.</summary>
    public static IReadOnlyList<string> Violations(JsonNode? body)
    {
        var result = Schema.Value.Evaluate(body, Options);
        if (result.IsValid) return [];
        var errors = (result.Details ?? [])
            .Where(d => d.HasErrors)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
            .Distinct()
            .ToList();
        return errors.Count > 0 ? errors : ["(root): does not match the schema"];
    }
}
