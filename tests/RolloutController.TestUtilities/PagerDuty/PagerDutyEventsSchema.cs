using System.Text.Json.Nodes;
using Json.Schema;

namespace RolloutController.TestUtilities.PagerDuty;

/// <summary>The Events API v2 request schema (<c>pagerduty-events-v2.schema.json</c>, from PagerDuty's documentation), evaluated by JsonSchema.Net.</summary>
public static class PagerDutyEventsSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "PagerDuty", "pagerduty-events-v2.schema.json"))));

    private static readonly EvaluationOptions Options = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.List };

    /// <summary>Every violation as "location: message"; empty when the body is a valid event. A body that is not JSON is one error.</summary>
    public static IReadOnlyList<string> Errors(string body)
    {
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException e)
        {
            return [$"not JSON: {e.Message}"];
        }
        var result = Schema.Value.Evaluate(document, Options);
        return result.IsValid
            ? []
            : (result.Details ?? []).Where(d => d.HasErrors)
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
                .DefaultIfEmpty("invalid event")
                .ToList();
    }
}
