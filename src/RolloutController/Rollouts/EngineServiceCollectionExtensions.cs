using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RolloutController.Store;
using RolloutController.Store.Journal;

namespace RolloutController.Rollouts;

internal static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the rollout engine and what it keeps in memory: the known rollouts, the safety moves waiting to be stored
    /// and their journal (at <see cref="StoreOptions.EffectiveJournalPath"/> unless a <see cref="SafetyJournal"/> is
    /// registered before), the guardrail measurer. Needs the store, a flag backend, a notice publisher and the metrics.
    /// </summary>
    public static IServiceCollection AddRolloutEngine(this IServiceCollection services)
    {
        services.TryAddSingleton<KnownRollouts>();
        services.TryAddSingleton<PendingSafetyMoves>();
        services.TryAddSingleton(sp => new SafetyJournal(sp.GetRequiredService<IOptions<StoreOptions>>().Value.EffectiveJournalPath));
        services.TryAddSingleton<SafetyMoveWriter>();
        services.TryAddSingleton<GuardrailMeasurer>();
        services.TryAddSingleton<RolloutEngine>();
        return services;
    }
}
