using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace RolloutController.Calendar;

internal static class CalendarServiceCollectionExtensions
{
    /// <summary>Binds and validates the freeze calendar (<see cref="ReleaseCalendarOptions"/>) and registers <see cref="FreezeCalendar"/>.</summary>
    public static IServiceCollection AddReleaseCalendar(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReleaseCalendarOptions>().Bind(configuration.GetSection(ReleaseCalendarOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReleaseCalendarOptions>, ReleaseCalendarOptionsValidator>();
        services.TryAddSingleton<FreezeCalendar>();
        return services;
    }
}
