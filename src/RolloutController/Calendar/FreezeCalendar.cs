using Microsoft.Extensions.Options;

namespace RolloutController.Calendar;

/// <summary>The configured freezes, as the gate reads them (<see cref="ReleaseCalendar"/>). Validated at start-up.</summary>
internal sealed class FreezeCalendar(IOptions<ReleaseCalendarOptions> options)
{
    private readonly Lazy<IReadOnlyList<FreezePeriod>> _periods = new(() =>
    {
        var unused = new List<string>();
        return options.Value.Freezes
            .Select((f, i) => ReleaseCalendarOptionsValidator.Check(f, $"{ReleaseCalendarOptions.SectionName}:Freezes:{i}", unused))
            .OfType<FreezePeriod>().ToList();
    });

    /// <summary>Every freeze configured, in order; empty when none is.</summary>
    public IReadOnlyList<FreezePeriod> Periods => _periods.Value;
}
