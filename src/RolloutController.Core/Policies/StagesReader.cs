using System.Globalization;
using RolloutController.Policies.Yaml;

namespace RolloutController.Policies;

/// <summary>Reads <c>spec.stages</c>: weights in (0, 100] with at most three decimals, strictly increasing; holds longer than zero.</summary>
internal static class StagesReader
{
    public const decimal MaxWeight = 100m;
    public const int WeightDecimals = 3;

    /// <summary>The stages, <see cref="RolloutPolicy.DefaultStages"/> when the field is absent, null when invalid.</summary>
    public static IReadOnlyList<StageSpec>? Read(NodeReader reader, Field field)
    {
        if (field.Node is null) return RolloutPolicy.DefaultStages;
        if (reader.Sequence(field) is not { } sequence) return null;
        if (sequence.Children.Count == 0)
        {
            reader.Error(sequence, field.Path, "must list at least one stage (omit the field to use the default 1%, 10%, 50%, 100% ramp)");
            return null;
        }

        var stages = new List<StageSpec>();
        var valid = true;
        decimal? previous = null;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var path = PathJoin.Index(field.Path, i);
            if (reader.Fields(new Field(sequence.Children[i], path), "weight", "hold") is not { } fields)
            {
                valid = false;
                continue;
            }
            var weightField = fields.Required("weight");
            var weight = reader.Decimal(weightField);
            if (weight is not null && CheckWeight(reader, weightField, weight.Value, previous) is false) weight = null;
            var hold = reader.Duration(fields.Required("hold"));
            if (hold == TimeSpan.Zero)
            {
                reader.Error(fields.Optional("hold").Node!, PathJoin.Field(path, "hold"), "must be longer than 0s");
                hold = null;
            }
            // Order is checked against the last good weight, so one bad stage is reported once, not again by the next one.
            if (weight is not null) previous = weight;
            if (weight is null || hold is null) valid = false;
            else stages.Add(new StageSpec(weight.Value, hold.Value));
        }
        return valid ? stages : null;
    }

    private static bool CheckWeight(NodeReader reader, Field field, decimal weight, decimal? previous)
    {
        var text = weight.ToString(CultureInfo.InvariantCulture);
        string? problem = null;
        if (weight <= 0) problem = $"must be greater than 0, got {text}";
        else if (weight > MaxWeight) problem = $"must be at most 100, got {text}";
        else if (decimal.Round(weight, WeightDecimals) != weight) problem = $"must have at most {WeightDecimals} decimals, got {text}";
        else if (previous is { } before && weight <= before)
            problem = $"must be greater than the previous stage's weight {before.ToString(CultureInfo.InvariantCulture)}, got {text}";
        if (problem is not null) reader.Error(field.Node!, field.Path, problem);
        return problem is null;
    }
}
