using System.Globalization;
using RolloutController.Policies.Yaml;

namespace RolloutController.Policies;

/// <summary>
/// Reads <c>spec.stages</c>: weights in (0, 100] with at most three decimals, strictly increasing; holds longer than zero;
/// <c>gate: manual</c> for a stage left only once approved (its hold then optional).
/// </summary>
internal static class StagesReader
{
    public const decimal MaxWeight = 100m;
    public const int WeightDecimals = 3;

    /// <summary>The stages, <see cref="RolloutPolicy.DefaultStages"/> when the field is absent, null when invalid.</summary>
    /// <param name="platform">The flag platform the policy drives: its own rules on weights apply (<see cref="FlagPlatformRules"/>).</param>
    public static IReadOnlyList<StageSpec>? Read(NodeReader reader, Field field, FlagPlatform platform = FlagPlatform.Builtin)
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
            if (reader.Fields(new Field(sequence.Children[i], path), "weight", "hold", "gate") is not { } fields)
            {
                valid = false;
                continue;
            }
            var weightField = fields.Required("weight");
            var weight = reader.Decimal(weightField);
            if (weight is not null && CheckWeight(reader, weightField, weight.Value, previous) is false) weight = null;
            if (weight is not null && FlagPlatformRules.WeightProblem(platform, weight.Value) is { } platformProblem)
            {
                reader.Error(weightField.Node!, weightField.Path, platformProblem);
                weight = null;
            }
            var manual = ReadGate(reader, fields.Optional("gate"), out var gateValid);
            // A manual gate has no timer: its hold is optional. A bad gate is reported alone, not with a missing hold too.
            var hold = (manual || !gateValid) && fields.Optional("hold").Node is null ? TimeSpan.Zero : reader.Duration(fields.Required("hold"));
            if (hold == TimeSpan.Zero && fields.Optional("hold").Node is not null)
            {
                reader.Error(fields.Optional("hold").Node!, PathJoin.Field(path, "hold"), "must be longer than 0s");
                hold = null;
            }
            // Order is checked against the last good weight, so one bad stage is reported once, not again by the next one.
            if (weight is not null) previous = weight;
            if (weight is null || hold is null || !gateValid) valid = false;
            else stages.Add(new StageSpec(weight.Value, hold.Value) { ManualGate = manual });
        }
        return valid ? stages : null;
    }

    // gate: manual, the only gate there is; absent: none.
    private static bool ReadGate(NodeReader reader, Field field, out bool valid)
    {
        valid = true;
        if (field.Node is null) return false;
        var text = reader.String(field);
        if (text == "manual") return true;
        if (text is not null) reader.Error(field.Node, field.Path, $"'{DiagnosticText.Quote(text)}' is not a gate: the only gate is manual");
        valid = false;
        return false;
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
