namespace RolloutController.Metrics;

/// <summary>No links: what notifications use when no metrics backend is registered (a notification then has no graph links).</summary>
internal sealed class NoQueryLinks : IQueryLinks
{
    public string? GraphLink(string query) => null;
}
