namespace RolloutController.DecisionHarness;

internal enum OutputFormat
{
    Markdown,
    Json,
}
