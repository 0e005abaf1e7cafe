using RolloutController.Policies.Yaml;
using RolloutController.Time;

namespace RolloutController.Policies;

/// <summary>Reads <c>spec.analysis</c>: measurement interval, pause limits and the guardrails (at least one, unique names).</summary>
internal static class AnalysisReader
{
    /// <summary>Shortest interval: Prometheus scrapes are rarely more frequent, so faster polling only re-reads the same data.</summary>
    // One second lets demos and tests run stages in seconds; an interval below the Prometheus scrape interval only re-reads the same data.
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    public static AnalysisSpec? Read(NodeReader reader, Field field)
    {
        if (reader.Fields(field, "interval", "consecutiveErrorLimit", "errorLimit", "consecutiveNoDataLimit", "inconclusiveLimit",
                "sampleRatio", "guardrails") is not { } fields)
            return null;

        var interval = ReadInterval(reader, fields.Optional("interval"));
        var errorLimit = ReadErrorLimit(reader, fields);
        var noDataLimit = OptionalLimit(reader, fields.Optional("consecutiveNoDataLimit"), AnalysisSpec.DefaultConsecutiveNoDataLimit);
        var inconclusiveField = fields.Optional("inconclusiveLimit");
        var inconclusiveLimit = inconclusiveField.Node is null ? null : RoundLimitReader.Read(reader, inconclusiveField);
        var sampleRatioField = fields.Optional("sampleRatio");
        var sampleRatio = sampleRatioField.Node is null ? null : SampleRatioReader.Read(reader, sampleRatioField);
        var guardrails = ReadGuardrails(reader, fields.Required("guardrails"));

        var invalid = interval is null || errorLimit is null || noDataLimit is null || guardrails is null
                      || (inconclusiveField.Node is not null && inconclusiveLimit is null)
                      || (sampleRatioField.Node is not null && sampleRatio is null);
        return invalid
            ? null
            : new AnalysisSpec(interval!.Value, guardrails!, errorLimit!.Rounds, noDataLimit!.Value)
            {
                OnErrorLimit = errorLimit.Action,
                InconclusiveLimit = inconclusiveLimit,
                SampleRatio = sampleRatio,
            };
    }

    // consecutiveErrorLimit: N is the short form of errorLimit: { rounds: N, action: pause }; one or the other.
    private static RoundLimit? ReadErrorLimit(NodeReader reader, MappingFields fields)
    {
        var shortForm = fields.Optional("consecutiveErrorLimit");
        var longForm = fields.Optional("errorLimit");
        if (shortForm.Node is not null && longForm.Node is not null)
        {
            reader.Error(longForm.Key ?? longForm.Node, longForm.Path,
                "give either 'errorLimit' or its short form 'consecutiveErrorLimit', not both");
            return null;
        }
        if (longForm.Node is not null) return RoundLimitReader.Read(reader, longForm);
        var rounds = OptionalLimit(reader, shortForm, AnalysisSpec.DefaultConsecutiveErrorLimit);
        return rounds is null ? null : new RoundLimit(rounds.Value, LimitAction.Pause);
    }

    private static TimeSpan? ReadInterval(NodeReader reader, Field field)
    {
        if (field.Node is null) return AnalysisSpec.DefaultInterval;
        var interval = reader.Duration(field);
        if (interval is null || interval >= MinimumInterval) return interval;
        reader.Error(field.Node, field.Path, $"must be at least {DurationParser.Format(MinimumInterval)}, got {DurationParser.Format(interval.Value)}");
        return null;
    }

    private static int? OptionalLimit(NodeReader reader, Field field, int defaultValue) =>
        field.Node is null ? defaultValue : reader.Integer(field, minimum: 1);

    private static IReadOnlyList<GuardrailSpec>? ReadGuardrails(NodeReader reader, Field field)
    {
        if (reader.Sequence(field) is not { } sequence) return null;
        if (sequence.Children.Count == 0)
        {
            reader.Error(sequence, field.Path, "must list at least one guardrail");
            return null;
        }

        var guardrails = new List<GuardrailSpec>();
        var names = new Dictionary<string, Located>(StringComparer.Ordinal);
        var valid = true;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var (guardrail, name) = GuardrailReader.Read(reader, new Field(sequence.Children[i], PathJoin.Index(field.Path, i)));
            if (name is not null && !names.TryAdd(name.Value, name))
            {
                var first = names[name.Value];
                reader.Error(name, $"duplicate guardrail name '{DiagnosticText.Quote(name.Value)}' (first used at line {first.Line}, column {first.Column})");
                valid = false;
            }
            if (guardrail is null) valid = false;
            else guardrails.Add(guardrail);
        }
        return valid ? guardrails : null;
    }
}
