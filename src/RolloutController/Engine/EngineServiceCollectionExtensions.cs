using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RolloutController.Calendar;
using RolloutController.Store;
using RolloutController.Store.Journal;
using RolloutController.Rollouts;

namespace RolloutController.Engine;

internal static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the rollout engine and what it keeps in memory: the known rollouts, the safety moves waiting to be stored
    /// and their journal (at <see cref="StoreOptions.EffectiveJournalPath"/> unless a <see cref="SafetyJournal"/> is
    /// registered before), the guardrail measurer; and the hosted services that serve the journal's moves again at start
    /// (<see cref="JournalRecovery"/>) and keep storing them (<see cref="PendingSafetyService"/>). Needs the store, a flag
    /// backend, a notice publisher and the metrics.
    /// </summary>
    public static IServiceCollection AddRolloutEngine(this IServiceCollection services)
    {
        services.TryAddSingleton<KnownRollouts>();
        services.TryAddSingleton<PendingSafetyMoves>();
        services.TryAddSingleton(sp => new SafetyJournal(sp.GetRequiredService<IOptions<StoreOptions>>().Value.EffectiveJournalPath));
        services.TryAddSingleton<SafetyMoveWriter>();
        services.TryAddSingleton<GuardrailMeasurer>();
        services.TryAddSingleton<FreezeCalendar>();
        services.TryAddSingleton<RolloutEngine>();
        // Before the rounds' services (registered after this): what the journal holds is served before any rollout is
        // restored from the store.
        services.AddHostedService<JournalRecovery>();
        services.AddHostedService<PendingSafetyService>();
        return services;
    }
}
