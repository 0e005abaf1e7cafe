using System.Text;

namespace RolloutController.TestUtilities.Prometheus;

/// <summary>The prometheus.yml of <see cref="PrometheusServer"/>: one job per target, scraped every second.</summary>
public static class PrometheusTestConfig
{
    public static string Render(IReadOnlyList<Uri> targets)
    {
        var yaml = new StringBuilder()
            .AppendLine("global:")
            .AppendLine("  scrape_interval: 1s")
            .AppendLine("  scrape_timeout: 1s")
            .AppendLine("  evaluation_interval: 1s")
            .AppendLine(targets.Count == 0 ? "scrape_configs: []" : "scrape_configs:");
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            yaml.AppendLine($"  - job_name: 'target{i}'")
                .AppendLine($"    scheme: '{target.Scheme}'")
                .AppendLine($"    metrics_path: '{target.AbsolutePath}'")
                .AppendLine("    static_configs:")
                .AppendLine($"      - targets: ['{target.Authority}']");
        }
        return yaml.ToString();
    }
}
