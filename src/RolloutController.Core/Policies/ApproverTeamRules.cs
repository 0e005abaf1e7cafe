using RolloutController.Policies.Yaml;

namespace RolloutController.Policies;

/// <summary>
/// A team named in a policy's <c>spec.approvals.from</c> must own a document of the set being loaded (a policy, flag or
/// segment with that <c>metadata.owner</c>): a name that is neither a role nor such a team is a misspelling, reported
/// where it is written with the roles and teams that exist.
/// </summary>
internal static class ApproverTeamRules
{
    public static void Check(IReadOnlyList<(NodeReader Reader, PolicyDraft Draft)> drafts)
    {
        var owners = drafts.Select(d => d.Draft.Policy?.Metadata.Owner ?? d.Draft.Flag?.Metadata.Owner ?? d.Draft.Segment?.Owner)
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var (reader, draft) in drafts)
        {
            if (draft.Policy?.Governance.Approvals is not { } approvals) continue;
            foreach (var team in approvals.TeamsAt.Where(t => !owners.Contains(t.Value)))
                reader.Error(team,
                    $"neither a role nor a team owning a document here: '{DiagnosticText.Quote(team.Value)}'; roles: {string.Join(", ", ApproverNames.Roles)} " +
                    $"(the plural is accepted too, e.g. release-managers); teams: {string.Join(", ", owners.Order(StringComparer.Ordinal))}");
        }
    }
}
