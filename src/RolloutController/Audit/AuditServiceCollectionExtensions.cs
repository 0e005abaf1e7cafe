using RolloutController.PolicyFiles;

namespace RolloutController.Audit;

internal static class AuditServiceCollectionExtensions
{
    /// <summary>The audit trail (the one call that appends), its verifier, and the recording of policy revisions.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services, string policiesDirectory)
    {
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AuditVerifier>();
        services.AddHostedService(sp => new PolicyRevisionAuditor(
            sp.GetRequiredService<PolicyRegistry>(), sp.GetRequiredService<AuditTrail>(), sp.GetRequiredService<TimeProvider>(), policiesDirectory));
        return services;
    }
}
