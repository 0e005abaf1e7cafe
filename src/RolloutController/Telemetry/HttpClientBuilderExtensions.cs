namespace RolloutController.Telemetry;

internal static class HttpClientBuilderExtensions
{
    /// <summary>
    /// Replaces the client's default request logging by <see cref="RedactedHttpClientLogger"/> under the category
    /// <c>System.Net.Http.HttpClient.{name}.Redacted</c>, so the usual <c>System.Net.Http.HttpClient</c> log levels apply.
    /// For every client whose URL or headers carry a credential.
    /// </summary>
    public static IHttpClientBuilder AddRedactedLogging(this IHttpClientBuilder builder)
    {
        var category = $"System.Net.Http.HttpClient.{builder.Name}.Redacted";
        return builder
            .RemoveAllLoggers()
            .AddLogger(sp => new RedactedHttpClientLogger(sp.GetRequiredService<ILoggerFactory>().CreateLogger(category)));
    }
}
