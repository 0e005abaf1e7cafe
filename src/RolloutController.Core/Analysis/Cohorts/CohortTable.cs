using RolloutController.Analysis.Segments;

namespace RolloutController.Analysis.Cohorts;

/// <summary>
/// The readings of one query template arranged by cohort and segment. Series for cohorts other than on/off are set
/// aside (and named in <see cref="IgnoredCohorts"/>); two series for the same cohort and segment, or a failed query, make
/// the table unusable (<see cref="Error"/>).
/// </summary>
internal sealed class CohortTable
{
    private readonly Dictionary<CohortKey, double> _values;

    private CohortTable(Dictionary<CohortKey, double> values, IReadOnlyList<string> ignored, string? error, string? errorQuery)
    {
        _values = values;
        IgnoredCohorts = ignored;
        Error = error;
        ErrorQuery = errorQuery;
    }

    /// <summary>Why the readings cannot be used; null when they can.</summary>
    public string? Error { get; }

    /// <summary>The query the error came from.</summary>
    public string? ErrorQuery { get; }

    /// <summary>Cohort label values returned that the policy does not name, e.g. <c>variant="beta"</c>.</summary>
    public IReadOnlyList<string> IgnoredCohorts { get; }

    /// <summary>" (ignored series of cohorts the policy does not name: variant="beta")", or "" when none were ignored.</summary>
    public static string IgnoredNote(params CohortTable?[] tables)
    {
        var ignored = tables.SelectMany(t => t?.IgnoredCohorts ?? []).Distinct(StringComparer.Ordinal).ToList();
        return ignored.Count == 0 ? "" : $" (ignored series of cohorts the policy does not name: {string.Join(", ", ignored)})";
    }

    public IEnumerable<Segment> Segments => _values.Keys.Select(k => k.Segment).Distinct();

    public double? Get(string cohort, Segment segment) => _values.TryGetValue(new CohortKey(cohort, segment), out var v) ? v : null;

    public static CohortTable From(IReadOnlyList<QueryReading> readings, IReadOnlyList<string> by)
    {
        var values = new Dictionary<CohortKey, double>();
        var ignored = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var reading in readings)
        {
            if (reading.Outcome.Kind == QueryOutcomeKind.Error)
                return new CohortTable([], [], reading.Outcome.Detail ?? "query failed", reading.Planned.Query);
            foreach (var series in reading.Outcome.Series)
            {
                var cohort = reading.Planned.Cohort ?? series.Label(Cohort.Label);
                if (cohort is not (Cohort.On or Cohort.Off))
                {
                    ignored.Add($"{Cohort.Label}=\"{cohort}\"");
                    continue;
                }
                var segment = new Segment(by.Select(label => new SegmentLabel(label, series.Label(label))));
                if (!values.TryAdd(new CohortKey(cohort, segment), series.Value))
                    return new CohortTable([], [], Duplicate(cohort, segment, by), reading.Planned.Query);
            }
        }
        return new CohortTable(values, ignored.ToList(), null, null);
    }

    private static string Duplicate(string cohort, Segment segment, IReadOnlyList<string> by)
    {
        var where = segment.IsAll ? $"cohort {cohort}" : $"cohort {cohort}, {segment}";
        var grouping = by.Count == 0 ? "sum(…)" : $"sum by ({string.Join(", ", by)}) (…)";
        return $"query returned several series for {where} where one is expected; aggregate them, e.g. {grouping}";
    }
}
