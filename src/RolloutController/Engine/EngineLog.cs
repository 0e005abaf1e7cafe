using RolloutController.Rollouts;

namespace RolloutController.Engine;

internal static partial class EngineLog
{
    [LoggerMessage(1, LogLevel.Information, "Rollout {Flag}: {Trigger} {From} → {To}, weight {FromWeight}% → {ToWeight}% by {Actor}: {Reason}")]
    public static partial void Transitioned(ILogger logger, string flag, RolloutTrigger trigger, RolloutPhase from, RolloutPhase to, decimal fromWeight, decimal toWeight, string actor, string reason);

    [LoggerMessage(2, LogLevel.Warning, "Rollout {Flag}: another writer changed it since it was read; this round is skipped and runs again at the next interval")]
    public static partial void Conflict(ILogger logger, string flag);

    [LoggerMessage(3, LogLevel.Error, "Rollout {Flag}: the round failed and will run again at the next interval")]
    public static partial void TickFailed(ILogger logger, Exception exception, string flag);

    [LoggerMessage(4, LogLevel.Warning, "Rollout {Flag}: guardrail {Guardrail} query failed: {Detail}")]
    public static partial void QueryFailed(ILogger logger, string flag, string guardrail, string detail);

    [LoggerMessage(5, LogLevel.Information, "Rollout {Flag}: resumed at stage {Stage} after a restart with {HoldServed} of its hold served; the time the controller was down does not count")]
    public static partial void Restored(ILogger logger, string flag, int stage, TimeSpan holdServed);

    [LoggerMessage(6, LogLevel.Information, "Rollout {Flag}: changed while its guardrails were measured (a command or another replica); this round's measurements are dropped")]
    public static partial void RoundDropped(ILogger logger, string flag);

    [LoggerMessage(7, LogLevel.Information, "Rollout {Flag}: holding: a safety move is served but not stored yet, so the round's move away from safety waits until it is")]
    public static partial void HeldForSafetyMove(ILogger logger, string flag);

    [LoggerMessage(8, LogLevel.Warning, "Rollout {Flag}: the store did not take this round ({Error}); its failure counts and measurements are kept in memory and stored with the next save")]
    public static partial void RoundKeptInMemory(ILogger logger, string flag, string error);
}
