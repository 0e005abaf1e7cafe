namespace RolloutController.Notifications.Alertmanager;

/// <summary>
/// One alert of Alertmanager's <c>POST /api/v2/alerts</c> (<c>postableAlert</c> in its OpenAPI definition). Alertmanager
/// identifies an alert by its labels: every post of the same incident's alert carries the same ones.
/// </summary>
/// <param name="EndsAt">When the alert stops firing: in the past to resolve it, in the future while it fires.</param>
/// <param name="GeneratorUrl">Where the alert comes from, as Alertmanager links it; null when there is no link to give.</param>
internal sealed record AlertmanagerAlert(
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    IReadOnlyList<KeyValuePair<string, string>> Annotations,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? GeneratorUrl)
{
    /// <summary>The label value of <paramref name="name"/>, or null.</summary>
    public string? Label(string name) => Labels.FirstOrDefault(l => l.Key == name).Value;

    /// <summary>The annotation value of <paramref name="name"/>, or null.</summary>
    public string? Annotation(string name) => Annotations.FirstOrDefault(a => a.Key == name).Value;
}
