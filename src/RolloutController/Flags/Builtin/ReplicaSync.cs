namespace RolloutController.Flags.Builtin;

/// <summary>
/// What a batch of change notifications asks this replica to do: read some rollouts again, reload the policies, or,
/// for anything it does not recognise, read every rollout again. Notifications are <c>{table}:{key}</c> or
/// <c>policies</c>; a kill switch (<c>flag_switches:{key}</c>) is read with everything else. See docs/push.md.
/// </summary>
/// <param name="Rollouts">Flag keys whose stored rollout changed.</param>
/// <param name="Policies">A replica reloaded its policies.</param>
/// <param name="Everything">A kill switch, or a payload this version does not know: read every rollout and switch.</param>
internal sealed record ReplicaSync(IReadOnlySet<string> Rollouts, bool Policies, bool Everything)
{
    public const string Channel = "rollout_controller_changes";

    public const string PoliciesPayload = "policies";

    private const string RolloutsPrefix = "rollouts:";

    public static ReplicaSync Of(IEnumerable<string> payloads)
    {
        var rollouts = new HashSet<string>(StringComparer.Ordinal);
        bool policies = false, everything = false;
        foreach (var payload in payloads)
        {
            if (payload == PoliciesPayload) policies = true;
            else if (payload.StartsWith(RolloutsPrefix, StringComparison.Ordinal) && payload.Length > RolloutsPrefix.Length)
                rollouts.Add(payload[RolloutsPrefix.Length..]);
            else everything = true;
        }
        return new ReplicaSync(rollouts, policies, everything);
    }
}
