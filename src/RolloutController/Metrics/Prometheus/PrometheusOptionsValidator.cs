using Microsoft.Extensions.Options;

namespace RolloutController.Metrics.Prometheus;

/// <summary>Checks every <see cref="PrometheusOptions"/> field and reports all failures at once, each with the field and bad value.</summary>
internal sealed class PrometheusOptionsValidator : IValidateOptions<PrometheusOptions>
{
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);
    private const int MaxRetries = 10;
    private const string Section = PrometheusOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, PrometheusOptions options)
    {
        var failures = new List<string>();
        CheckUrl(failures, nameof(PrometheusOptions.Url), options.Url, required: true);
        CheckUrl(failures, nameof(PrometheusOptions.ExternalUrl), options.ExternalUrl, required: false);
        if (options.Timeout <= TimeSpan.Zero || options.Timeout > MaxTimeout)
            failures.Add($"{Section}:Timeout must be greater than 0 and at most {MaxTimeout} (was '{options.Timeout}')");
        if (options.Retries is < 0 or > MaxRetries)
            failures.Add($"{Section}:Retries must be between 0 and {MaxRetries} (was '{options.Retries}')");
        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > MaxRetryDelay)
            failures.Add($"{Section}:RetryDelay must be between 0 and {MaxRetryDelay} (was '{options.RetryDelay}')");
        if (options.MaxConcurrentQueries is < 1 or > PrometheusOptions.MaxMaxConcurrentQueries)
            failures.Add($"{Section}:MaxConcurrentQueries must be between 1 and {PrometheusOptions.MaxMaxConcurrentQueries} (was '{options.MaxConcurrentQueries}')");
        if (options.BatchWindow < TimeSpan.Zero || options.BatchWindow > PrometheusOptions.MaxBatchWindow)
            failures.Add($"{Section}:BatchWindow must be between 0 (off) and {PrometheusOptions.MaxBatchWindow} (was '{options.BatchWindow}')");
        if (options.BearerToken is { } token && (token.Length == 0 || token.Any(char.IsWhiteSpace)))
            failures.Add($"{Section}:BearerToken must be non-empty and contain no whitespace");
        foreach (var (header, value) in options.Headers)
        {
            if (header.Length == 0 || !header.All(IsTokenChar))
                failures.Add($"{Section}:Headers has an invalid header name '{header}'");
            if (value is null || value.Any(c => c is '\r' or '\n'))
                failures.Add($"{Section}:Headers:{header} must be a single-line value");
            if (options.BearerToken is not null && string.Equals(header, "Authorization", StringComparison.OrdinalIgnoreCase))
                failures.Add($"{Section}:Headers:Authorization conflicts with BearerToken; set only one");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckUrl(List<string> failures, string field, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) failures.Add($"{Section}:{field} is required (an absolute http or https URL)");
            return;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            failures.Add($"{Section}:{field} must be an absolute http or https URL (was '{value}')");
        else if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            failures.Add($"{Section}:{field} must not have a query string or fragment (was '{value}')");
    }

    // RFC 9110 token characters.
    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);
}
