namespace RolloutController.Api.Oidc;

/// <summary>Whether a token is valid at a time, by its <c>nbf</c> and <c>exp</c>. Pure: the host passes its clock's time.</summary>
internal static class TokenLifetime
{
    /// <summary>A token without <c>exp</c> is never valid: one that cannot expire is not accepted.</summary>
    public static bool Valid(DateTime? notBefore, DateTime? expires, DateTimeOffset now, TimeSpan skew) =>
        expires is { } exp
        && now < new DateTimeOffset(DateTime.SpecifyKind(exp, DateTimeKind.Utc)) + skew
        && (notBefore is not { } nbf || now >= new DateTimeOffset(DateTime.SpecifyKind(nbf, DateTimeKind.Utc)) - skew);
}
