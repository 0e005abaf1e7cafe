using RolloutController.Policies;
using RolloutController.PolicyFiles;

namespace RolloutController.Api;

/// <summary>
/// <c>GET /api/v1/policies</c>: the policies in force and, per file, the validation errors that keep a newer version out
/// (the previous valid version of such a file stays in force).
/// </summary>
internal sealed record PolicyStatus(DateTimeOffset? LoadedAt, IReadOnlyList<PolicyView> Policies, IReadOnlyList<PolicyErrorView> Errors)
{
    public static PolicyStatus Of(PolicyRegistry registry) => new(
        registry.LastLoadedAt,
        registry.Current.OrderBy(p => p.Flag.Key, StringComparer.Ordinal)
            .Select(p => new PolicyView(p.Metadata.Name, p.Flag.Key, p.Metadata.Type.ToString().ToLowerInvariant(), p.Metadata.Owner, p.Source, p.Revision))
            .ToList(),
        registry.Errors.SelectMany(e => e.Value)
            .Select(d => new PolicyErrorView(d.File, d.Line, d.Column, d.Path, d.Message, d.ToString()))
            .ToList());
}
