using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RolloutController.Ofrep;

internal static class OfrepServiceCollectionExtensions
{
    /// <summary>Binds and validates <see cref="OfrepEventStreamOptions"/> from <c>RolloutController:Ofrep:EventStream</c>.</summary>
    public static IServiceCollection AddOfrepEventStream(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OfrepEventStreamOptions>().Bind(configuration.GetSection(OfrepEventStreamOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OfrepEventStreamOptions>, OfrepEventStreamOptionsValidator>();
        return services;
    }
}
