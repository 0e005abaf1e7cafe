using RolloutController.Engine;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.Scheduling;
using RolloutController.Store;

namespace RolloutController.Api;

/// <summary>
/// The one path a person's pause, resume, promote, abort, approve, include, override-freeze or adopt takes, from the API and the dashboard alike, once the caller
/// is authorized (<see cref="ApiAccess"/>) and the reason checked (<see cref="CommandRequest.CheckReason"/>): the engine
/// decides and applies (an adopt on what the flag's platform serves, read first), and a promote, resume or adopt schedules
/// the round at the hold's end.
/// </summary>
internal static class RolloutCommands
{
    public static readonly IReadOnlyList<string> Names = ["pause", "resume", "promote", "abort", "approve", "include", "override-freeze", "adopt"];

    public static bool TryParse(string action, out RolloutCommand command)
    {
        command = default;
        return Names.Contains(action) && Enum.TryParse(action.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out command);
    }

    /// <summary>The action <see cref="ApiPolicies"/> authorizes for <paramref name="command"/>.</summary>
    public static ApiAction ActionOf(RolloutCommand command) => command switch
    {
        RolloutCommand.Pause => ApiAction.Pause,
        RolloutCommand.Resume => ApiAction.Resume,
        RolloutCommand.Promote => ApiAction.Promote,
        RolloutCommand.Approve => ApiAction.Approve,
        RolloutCommand.Include => ApiAction.Include,
        RolloutCommand.OverrideFreeze => ApiAction.OverrideFreeze,
        RolloutCommand.Adopt => ApiAction.Adopt,
        _ => ApiAction.Abort,
    };

    /// <param name="grant">The grant the caller acts under (<see cref="ApiGrant.ClaimValue"/>), recorded in the audit log.</param>
    /// <param name="memberships">For approve: the caller's roles and teams (<see cref="Memberships"/>); null: none.</param>
    /// <param name="segment">For include: the excluded segment to include again (<see cref="SegmentInclusion.Parse"/>).</param>
    /// <param name="services">For adopt: the flag platforms (read now for what the flag serves there), the kill switch and the
    /// rollouts this replica knows; null when none is configured.</param>
    public static async Task<RolloutCommandRun> RunAsync(RolloutPolicy policy, RolloutCommand command, string actor, string grant, string reason,
        RolloutEngine engine, RolloutScheduler scheduler, CancellationToken ct, IReadOnlyCollection<string>? memberships = null,
        Analysis.Segments.Segment? segment = null, IServiceProvider? services = null)
    {
        Flags.Platforms.PlatformObservation? observation = null;
        if (command == RolloutCommand.Adopt && services?.GetService<Flags.Platforms.PlatformSync>() is { } platforms)
        {
            // Decided on what the platform serves now, never on an older reading.
            var read = await platforms.ObserveAsync(policy, ct);
            if (!read.Succeeded) return new RolloutCommandRun(RolloutCommandResult.PlatformUnavailable, null, read.Failure);
            observation = read.Value;
            // Switched off by hand: adopting it is the kill switch, which serves exactly that and writes nothing else.
            if (services.GetService<KnownRollouts>()?.Find(policy.Flag.Key) is { } known && services.GetService<Flags.Switches.KillSwitch>() is { } killSwitch
                && Flags.Platforms.DriftAdoption.KeepsOff(policy, known, observation))
                return await SwitchOffAsync(policy, killSwitch, known, actor, grant, Flags.Platforms.DriftAdoption.KillSwitchReason(observation!, reason), ct);
        }
        CommandOutcome outcome;
        try
        {
            outcome = await engine.CommandAsync(policy, command, actor, reason, ct, grant, memberships, segment, observation);
        }
        catch (ConcurrencyConflictException ex)
        {
            return new RolloutCommandRun(RolloutCommandResult.Conflict, null, ex.Message + "; try again");
        }
        if (outcome.State is null)
            return new RolloutCommandRun(outcome.Unavailable ? RolloutCommandResult.Unavailable : RolloutCommandResult.Refused, null, outcome.Error);
        if (!outcome.Stored) return new RolloutCommandRun(RolloutCommandResult.NotStored, outcome.State, Note: outcome.Note);
        // A promote or resume can leave less than one interval of hold: schedule the round at its end now.
        if (command is RolloutCommand.Promote or RolloutCommand.Resume or RolloutCommand.Approve or RolloutCommand.OverrideFreeze or RolloutCommand.Adopt)
            await scheduler.ScheduleGateAsync(policy, outcome.State, ct);
        return new RolloutCommandRun(RolloutCommandResult.Done, outcome.State);
    }

    private static async Task<RolloutCommandRun> SwitchOffAsync(RolloutPolicy policy, Flags.Switches.KillSwitch killSwitch, RolloutState rollout,
        string actor, string grant, string reason, CancellationToken ct)
    {
        var outcome = await killSwitch.SwitchAsync(policy.Flag.Key, off: true, actor, reason, ct, grant);
        return outcome.Status switch
        {
            200 => new RolloutCommandRun(RolloutCommandResult.Done, rollout),
            202 => new RolloutCommandRun(RolloutCommandResult.NotStored, rollout, Note: outcome.Note),
            503 => new RolloutCommandRun(RolloutCommandResult.Unavailable, null, outcome.Error),
            _ => new RolloutCommandRun(RolloutCommandResult.Refused, null, outcome.Error),
        };
    }

    /// <summary>
    /// What an approver is matched on against a policy's <c>approvals.from</c>: every role they hold (with those it implies)
    /// and every team their roles are limited to.
    /// </summary>
    public static IReadOnlyCollection<string> Memberships(System.Security.Claims.ClaimsPrincipal caller)
    {
        var grants = ApiCaller.From(caller).Grants;
        return grants.SelectMany(g => ApiRoles.Implied(g.Role)).Concat(grants.Select(g => g.Team).OfType<string>()).ToHashSet(StringComparer.Ordinal);
    }
}
