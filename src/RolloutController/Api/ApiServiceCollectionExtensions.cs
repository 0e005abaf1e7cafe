using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace RolloutController.Api;

internal static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="ApiOptions"/> from <c>RolloutController:Api</c> (at start-up, the raw section's
    /// shape included) and warns about tokens without roles.
    /// </summary>
    public static IServiceCollection AddApiAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiOptions>>(new ApiOptionsValidator(configuration)));
        services.AddSingleton<ApiCaller>();
        services.AddHostedService<ApiTokenAudit>();
        return services;
    }
}
