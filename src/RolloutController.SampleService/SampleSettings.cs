using System.Globalization;

namespace RolloutController.SampleService;

/// <summary>
/// Command-line/env settings: --urls, --ofrep (controller URL), --flag, --rps (simulated requests per second), --users
/// (distinct simulated users, default 1,000,000), --webhookSecret.
/// </summary>
internal sealed record SampleSettings(
    string Urls, Uri Ofrep, string Flag, int RequestsPerSecond, double BaseErrorRate, double Conversion, string WebhookSecret, int Users)
{
    public static SampleSettings From(IConfiguration c) => new(
        c["urls"] ?? "http://127.0.0.1:8090",
        new Uri(c["ofrep"] ?? "http://127.0.0.1:8080"),
        c["flag"] ?? "new-checkout",
        int.Parse(c["rps"] ?? "200", CultureInfo.InvariantCulture),
        double.Parse(c["baseErrorRate"] ?? "0.002", CultureInfo.InvariantCulture),
        double.Parse(c["conversion"] ?? "0.3", CultureInfo.InvariantCulture),
        c["webhookSecret"] ?? "demo-webhook-secret-0123456789",
        int.Parse(c["users"] ?? "1000000", CultureInfo.InvariantCulture));
}
