using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RolloutController.Api.Oidc;

namespace RolloutController.Api;

internal static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="ApiOptions"/> from <c>RolloutController:Api</c> (at start-up, the raw section's
    /// shape included), warns about tokens without roles, and registers the bearer-token authentication schemes (static tokens and OpenID Connect JWTs), the
    /// policies of the API's endpoint groups and the handler that answers their refusals.
    /// </summary>
    public static IServiceCollection AddApiAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiOptions>>(new ApiOptionsValidator(configuration)));
        services.AddHostedService<ApiTokenAudit>();

        // No default scheme, not even the only one registered (ASP.NET Core makes a single scheme the default unless this
        // switch is set): the policies name the scheme, so requests outside the API (OFREP, health, metrics) never run it.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
        services.AddAuthentication().AddApiSchemes();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, OidcAuthentication>();
        services.AddSingleton<ApiAccess>();
        ApiPolicies.Add(services.AddAuthorizationBuilder());
        services.AddSingleton<IAuthorizationHandler, ApiRoleHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiRefusalHandler>();
        return services;
    }
}
