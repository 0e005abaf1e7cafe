using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Flags;

/// <summary>
/// Where a rollout's weight takes effect. The built-in backend serves it over OFREP from this controller;
/// external flag platforms get their own implementation in their own folder.
/// </summary>
internal interface IFlagBackend
{
    /// <summary>Makes the served weight match <paramref name="state"/>. Called after the state is persisted.</summary>
    Task ApplyAsync(RolloutPolicy policy, RolloutState state, CancellationToken cancellationToken);

    /// <summary>
    /// Serves <paramref name="state"/> — a safety move not yet stored — at once, and holds it: until <see cref="Unpin"/>,
    /// no other state of the rollout replaces it (a refresh from the store, a round that read the store before).
    /// </summary>
    Task ApplyPinnedAsync(RolloutPolicy policy, RolloutState state, CancellationToken cancellationToken);

    /// <summary>The safety move is stored: states of the rollout apply again as usual.</summary>
    void Unpin(string flagKey);

    /// <summary>
    /// Why the state applied next was decided: the decision's transitions, told just before it is applied. A backend that
    /// records a reason with each change (a flag platform's change comment) says it; the built-in one has no use for it.
    /// </summary>
    void Explain(string flagKey, IReadOnlyList<Transition> transitions)
    {
    }

    /// <summary>What the flag's infra prerequisites serve now, for its advancement gate (none when it has no Flag document).</summary>
    IReadOnlyList<PrerequisiteShare> PrerequisitesOf(string flagKey) => [];

    /// <summary>
    /// Serves a person's kill switch of a flag (<see cref="KillSwitchRule"/>) at once. With <paramref name="pinned"/> (a
    /// switch-off not stored yet) no stored switch replaces it until <see cref="UnpinSwitch"/>.
    /// </summary>
    void ApplySwitch(FlagSwitch flagSwitch, bool pinned);

    /// <summary>Serves the stored switches (start-up, refreshes): each replaces an older version of its flag's switch, never a pinned one.</summary>
    void ApplySwitches(IReadOnlyList<FlagSwitch> stored);

    /// <summary>The switch-off is stored: stored switches apply to the flag again as usual.</summary>
    void UnpinSwitch(string flagKey);

    /// <summary>The kill switch served for <paramref name="flagKey"/> now (on or off), or null when nobody ever switched it.</summary>
    FlagSwitch? SwitchOf(string flagKey);

    /// <summary>
    /// Where the flag's platform stands, as a round's measurement (<see cref="Flags.Platforms.PlatformReading"/>): null
    /// for a flag served by this controller.
    /// </summary>
    Analysis.Measurement? ReadingOf(RolloutPolicy policy, DateTimeOffset now) => null;

    /// <summary>Applies many states (start-up, refreshes); a backend that can should publish them together.</summary>
    async Task ApplyManyAsync(IReadOnlyList<(RolloutPolicy Policy, RolloutState State)> states, CancellationToken cancellationToken)
    {
        foreach (var (policy, state) in states) await ApplyAsync(policy, state, cancellationToken);
    }
}
