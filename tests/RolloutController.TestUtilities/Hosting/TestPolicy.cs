using System.Globalization;
using System.Text;

namespace RolloutController.TestUtilities.Hosting;

/// <summary>
/// A rollout policy file for tests of the running controller. Its one guardrail reads the gauge
/// <see cref="GuardrailMetrics.ErrorRatioMetric"/> of the flag, which <see cref="GuardrailMetrics"/> sets.
/// </summary>
/// <param name="Flag">Flag key; also the policy name.</param>
/// <param name="Stages">Weight (percent) and hold (policy duration syntax, e.g. <c>1h</c>, <c>2s</c>) of each stage.</param>
/// <param name="Interval">Analysis interval (policy duration syntax). Default <c>1s</c>.</param>
/// <param name="MaxErrorRatio">Upper bound of the guardrail. Default 0.01.</param>
/// <param name="FailureLimit">Consecutive failures before a rollback. Default 1.</param>
/// <param name="Notify">Notification routes (must be configured in the controller). Default none.</param>
/// <param name="ConsecutiveErrorLimit">Rounds of failed queries in a row before a pause; null leaves the policy default (5).</param>
/// <param name="ReviewBy"><c>metadata.removal.reviewBy</c>. Default 2099-01-01.</param>
/// <param name="Owner">The policy's owner (the scope of team-limited API roles). Default <c>team-test</c>.</param>
/// <param name="Provider"><c>spec.flag.provider</c>: a flag platform connection of the controller's configuration. Default <c>builtin</c>.</param>
public sealed record TestPolicy(
    string Flag,
    IReadOnlyList<(decimal Weight, string Hold)> Stages,
    string Interval = "1s",
    double MaxErrorRatio = 0.01,
    int FailureLimit = 1,
    IReadOnlyList<string>? Notify = null,
    int? ConsecutiveErrorLimit = null,
    string Owner = "team-test",
    string ReviewBy = "2099-01-01",
    string Provider = "builtin")
{
    /// <summary>The guardrail's name in every test policy.</summary>
    public const string GuardrailName = "error-rate";

    /// <summary>1% → 10% → 50% → 100%, each held <paramref name="hold"/>.</summary>
    public static TestPolicy FourStages(string flag, string hold = "1h", string interval = "1s") =>
        new(flag, [(1m, hold), (10m, hold), (50m, hold), (100m, hold)], interval);

    /// <summary>The YAML text of the policy file.</summary>
    public string Render()
    {
        var yaml = new StringBuilder()
            .AppendLine("apiVersion: rollout-controller/v1")
            .AppendLine("kind: RolloutPolicy")
            .AppendLine("metadata:")
            .AppendLine($"  name: {Flag}")
            .AppendLine($"  owner: {Owner}")
            .AppendLine("  type: release")
            .AppendLine($"  reason: Test rollout of {Flag}")
            .AppendLine("  removal:")
            .AppendLine("    criterion: at 100% for a day")
            .AppendLine($"    reviewBy: {ReviewBy}")
            .AppendLine("spec:")
            .AppendLine(Provider == "builtin" ? $"  flag: {{ key: {Flag} }}" : $"  flag: {{ key: {Flag}, provider: {Provider} }}")
            .AppendLine("  stages:");
        foreach (var (weight, hold) in Stages)
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    - {{ weight: {weight}, hold: {hold} }}");
        yaml.AppendLine("  analysis:")
            .AppendLine($"    interval: {Interval}");
        if (ConsecutiveErrorLimit is { } limit) yaml.AppendLine(CultureInfo.InvariantCulture, $"    consecutiveErrorLimit: {limit}");
        yaml
            .AppendLine("    guardrails:")
            .AppendLine($"      - name: {GuardrailName}")
            .AppendLine($"        query: max({GuardrailMetrics.ErrorRatioMetric}{{flag=\"{{{{ flag }}}}\"}})")
            .AppendLine(CultureInfo.InvariantCulture, $"        max: {MaxErrorRatio}")
            .AppendLine(CultureInfo.InvariantCulture, $"        failureLimit: {FailureLimit}");
        if (Notify is { Count: > 0 }) yaml.AppendLine($"  notify: [{string.Join(", ", Notify)}]");
        return yaml.ToString();
    }

    /// <summary>Writes <c>{Flag}.yaml</c> into <paramref name="directory"/> and returns its path.</summary>
    public string WriteTo(string directory)
    {
        var path = Path.Combine(directory, Flag + ".yaml");
        File.WriteAllText(path, Render());
        return path;
    }
}
