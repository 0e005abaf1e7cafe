using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RolloutController.Store;

namespace RolloutController.Flags.Switches;

internal static class KillSwitchServiceCollectionExtensions
{
    /// <summary>
    /// Registers the kill switch (<see cref="KillSwitch"/>), its journal (beside the safety journal:
    /// <see cref="StoreOptions.EffectiveJournalPath"/> + <c>.switches</c>) and <see cref="SwitchService"/>. Needs the store,
    /// the engine, a flag backend, the notifications and the policies; register it after the engine.
    /// </summary>
    public static IServiceCollection AddKillSwitch(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new SwitchJournal(sp.GetRequiredService<IOptions<StoreOptions>>().Value.EffectiveJournalPath + ".switches"));
        services.TryAddSingleton<KillSwitch>();
        services.AddHostedService<SwitchService>();
        return services;
    }
}
