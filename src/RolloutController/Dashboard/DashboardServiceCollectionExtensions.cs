using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;

namespace RolloutController.Dashboard;

internal static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// Registers the dashboard's session scheme (its policies are <see cref="Api.ApiPolicies"/>'s) and its form tokens.
    /// The keys that sign form tokens live in memory: a restart makes open forms ask for a reload, and nothing has to be
    /// written to disk (the container's root file system is read-only).
    /// </summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, DashboardSession>(DashboardSession.SchemeName, configureOptions: null);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAntiforgery(DashboardForms.Configure);
        services.AddSingleton<DashboardEvents>();
        return services;
    }
}
