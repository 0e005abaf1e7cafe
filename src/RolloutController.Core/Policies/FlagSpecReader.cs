using RolloutController.Bucketing;
using RolloutController.Flags;
using RolloutController.Policies.Yaml;

namespace RolloutController.Policies;

/// <summary>Reads a flag's prerequisites, rules and fallthrough, checking every variant they name against the flag's variants.</summary>
internal static class FlagSpecReader
{
    public static FlagPrerequisite[]? Prerequisites(NodeReader reader, Field field)
    {
        if (field.Node is null) return [];
        if (reader.Sequence(field) is not { } sequence) return null;
        var errors = reader.Diagnostics.Count;
        var list = new List<FlagPrerequisite>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (reader.Fields(new Field(sequence.Children[i], PathJoin.Index(field.Path, i)), "flag", "variant") is not { } fields) continue;
            var flagField = fields.Required("flag");
            var variantField = fields.Required("variant");
            var flag = reader.String(flagField, PolicyPatterns.FlagKeyRegex(), "flag key", "use 1 to 128 letters, digits, '-', '_' or '.'");
            var variant = reader.String(variantField, PolicyPatterns.VariantNameRegex(), "variant name", "use 1 to 64 letters, digits, '-', '_' or '.'");
            if (reader.Locate(flag, flagField) is { } flagAt && reader.Locate(variant, variantField) is { } variantAt)
                list.Add(new FlagPrerequisite(flag!, variant!, flagAt, variantAt));
        }
        return reader.Diagnostics.Count > errors ? null : list.ToArray();
    }

    public static FlagRule[]? Rules(NodeReader reader, Field field, FlagVariant[]? variants)
    {
        if (field.Node is null) return [];
        if (reader.Sequence(field) is not { } sequence) return null;
        var errors = reader.Diagnostics.Count;
        var rules = new List<FlagRule>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var ruleField = new Field(sequence.Children[i], PathJoin.Index(field.Path, i));
            if (reader.Fields(ruleField, "name", "when", "segment", "serve") is not { } fields) continue;
            var nameField = fields.Optional("name");
            var name = nameField.Node is null ? null : reader.String(nameField);
            var when = ConditionReader.Read(reader, fields.Optional("when"));
            var segmentField = fields.Optional("segment");
            var segment = segmentField.Node is null ? null
                : reader.String(segmentField, PolicyPatterns.PolicyNameRegex(), "segment name",
                    "use 1 to 63 lower-case letters, digits and '-', starting and ending with a letter or digit");
            if (fields.Optional("when").Node is null && segmentField.Node is null)
                reader.Error(fields.At, ruleField.Path, "a rule needs 'when', 'segment' or both: which contexts it serves");
            var serve = VariantReader.Reference(reader, fields.Required("serve"), variants);
            if (when is not null && serve is not null)
                rules.Add(new FlagRule(name, when, segment, serve.Value, reader.Locate(segment, segmentField)));
        }
        return reader.Diagnostics.Count > errors ? null : rules.ToArray();
    }

    /// <summary>One of <c>variant</c>, <c>split</c> or <c>rollout</c>; absent: the default variant.</summary>
    public static Fallthrough? Fallthrough(NodeReader reader, Field field, FlagVariant[]? variants, int? defaultVariant)
    {
        if (field.Node is null) return defaultVariant is { } d ? Flags.Fallthrough.One(d) : null;
        if (reader.Fields(field, "variant", "split", "rollout") is not { } fields) return null;
        var given = new[] { "variant", "split", "rollout" }.Where(n => fields.Optional(n).Node is not null).ToList();
        if (given.Count != 1)
        {
            reader.Error(fields.At, field.Path, $"give exactly one of variant, split or rollout{(given.Count > 1 ? $", got {string.Join(" and ", given)}" : "")}");
            return null;
        }
        var at = reader.Locate(given[0], new Field(fields.Optional(given[0]).Key, PathJoin.Field(field.Path, given[0])));
        switch (given[0])
        {
            case "variant":
                return VariantReader.Reference(reader, fields.Optional("variant"), variants) is { } one ? Flags.Fallthrough.One(one) : null;
            case "split":
                return Split(reader, fields.Optional("split"), variants) is { } shares ? new Fallthrough(FallthroughKind.Split, shares[0].Variant, shares[0].Variant, shares, at) : null;
            default:
                if (reader.Fields(fields.Optional("rollout"), "variant", "otherwise") is not { } rollout) return null;
                var on = VariantReader.Reference(reader, rollout.Required("variant"), variants);
                var otherwiseField = rollout.Optional("otherwise");
                var otherwise = otherwiseField.Node is null ? defaultVariant : VariantReader.Reference(reader, otherwiseField, variants);
                if (on is null || otherwise is null) return null;
                if (on == otherwise)
                {
                    reader.Error(rollout.At, rollout.Path, $"the ramped share and the rest get the same variant '{DiagnosticText.Quote(variants![on.Value].Name)}': set 'otherwise' to another variant");
                    return null;
                }
                return new Fallthrough(FallthroughKind.Rollout, on.Value, otherwise.Value, [], at);
        }
    }

    private static SplitShare[]? Split(NodeReader reader, Field field, FlagVariant[]? variants)
    {
        if (reader.Sequence(field) is not { } sequence) return null;
        var errors = reader.Diagnostics.Count;
        var shares = new List<SplitShare>();
        var total = 0m;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (reader.Fields(new Field(sequence.Children[i], PathJoin.Index(field.Path, i)), "variant", "weight") is not { } fields) continue;
            var variant = VariantReader.Reference(reader, fields.Required("variant"), variants);
            var weightField = fields.Required("weight");
            var weight = reader.Decimal(weightField);
            if (weight is { } w && (w <= 0 || w > 100 || decimal.Round(w, StagesReader.WeightDecimals) != w))
            {
                reader.Error(weightField.Node!, weightField.Path, $"must be greater than 0 and at most 100, with at most {StagesReader.WeightDecimals} decimals, got {weightField.Node}");
                weight = null;
            }
            if (variant is null || weight is null) continue;
            total += weight.Value;
            shares.Add(new SplitShare(variant.Value, weight.Value, RolloutBuckets.Threshold(total)));
        }
        if (reader.Diagnostics.Count > errors) return null;
        if (shares.Count == 0 || total != 100m)
        {
            reader.Error(sequence, field.Path, $"the weights add up to {total}; they must add up to 100");
            return null;
        }
        return shares.ToArray();
    }
}
