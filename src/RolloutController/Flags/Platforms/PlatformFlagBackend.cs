using RolloutController.Analysis;
using RolloutController.Flags.Builtin;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Flags.Platforms;

/// <summary>
/// The flag backend when platform connections are configured: every state goes to the built-in catalog (the controller's
/// own OFREP endpoint keeps answering for every flag), and a policy whose <c>spec.flag.provider</c> names a connection
/// has its state applied on that platform too (<see cref="PlatformSync"/>). Nothing here waits on a platform.
/// </summary>
internal sealed class PlatformFlagBackend(BuiltinFlagCatalog builtin, PlatformSync platforms) : IFlagBackend
{
    private IFlagBackend Builtin => builtin;

    public async Task ApplyAsync(RolloutPolicy policy, RolloutState state, CancellationToken cancellationToken)
    {
        await Builtin.ApplyAsync(policy, state, cancellationToken);
        if (platforms.Drives(policy)) platforms.Want(policy, state, pinned: false);
    }

    public async Task ApplyPinnedAsync(RolloutPolicy policy, RolloutState state, CancellationToken cancellationToken)
    {
        if (platforms.Drives(policy)) platforms.Want(policy, state, pinned: true);
        await Builtin.ApplyPinnedAsync(policy, state, cancellationToken);
    }

    public void Unpin(string flagKey)
    {
        Builtin.Unpin(flagKey);
        platforms.Unpin(flagKey);
    }

    public IReadOnlyList<PrerequisiteShare> PrerequisitesOf(string flagKey) => Builtin.PrerequisitesOf(flagKey);

    // A person's kill switch (rolloutctl flag off|on): the built-in catalog decides which switch is in force (pinned, newest
    // version), and a flag on a platform follows it there too — off turns its environment off, on restores the rollout.
    public void ApplySwitch(FlagSwitch flagSwitch, bool pinned)
    {
        Builtin.ApplySwitch(flagSwitch, pinned);
        Follow(flagSwitch.FlagKey);
    }

    public void ApplySwitches(IReadOnlyList<FlagSwitch> stored)
    {
        Builtin.ApplySwitches(stored);
        foreach (var flagSwitch in stored) Follow(flagSwitch.FlagKey);
    }

    public void UnpinSwitch(string flagKey)
    {
        Builtin.UnpinSwitch(flagKey);
        Follow(flagKey);
    }

    private void Follow(string flagKey) => platforms.Switch(flagKey, Builtin.SwitchOf(flagKey));

    public void Explain(string flagKey, IReadOnlyList<Transition> transitions) => platforms.Explain(flagKey, transitions);

    public FlagSwitch? SwitchOf(string flagKey) => Builtin.SwitchOf(flagKey);

    public async Task ApplyManyAsync(IReadOnlyList<(RolloutPolicy Policy, RolloutState State)> states, CancellationToken cancellationToken)
    {
        await Builtin.ApplyManyAsync(states, cancellationToken);
        foreach (var (policy, state) in states.Where(s => platforms.Drives(s.Policy))) platforms.Want(policy, state, pinned: false);
    }

    public Measurement? ReadingOf(RolloutPolicy policy, DateTimeOffset now) => platforms.ReadingOf(policy, now);
}
