namespace RolloutController.Flags.Platforms;

/// <summary>The outcome of one call to a flag platform: a value, or why there is none.</summary>
/// <param name="Value">The value when <see cref="Failure"/> is null.</param>
/// <param name="Failure">What went wrong, for status, logs and notices; null on success.</param>
/// <param name="RetryAfter">The platform asked to wait this long (<c>429</c> with <c>Retry-After</c>).</param>
internal sealed record PlatformCall<T>(T? Value, string? Failure, TimeSpan? RetryAfter = null)
{
    public bool Succeeded => Failure is null;

    public static PlatformCall<T> Ok(T value) => new(value, null);

    public static PlatformCall<T> Failed(string failure, TimeSpan? retryAfter = null) => new(default, failure, retryAfter);
}
