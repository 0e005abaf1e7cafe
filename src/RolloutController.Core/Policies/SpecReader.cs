using RolloutController.Policies.Yaml;

namespace RolloutController.Policies;

/// <summary>Reads <c>spec</c>: the flag, the stages, the analysis, the notification routes and the governance (<see cref="GovernanceReader"/>).</summary>
internal static class SpecReader
{
    public static (FlagSpec Flag, IReadOnlyList<StageSpec> Stages, AnalysisSpec Analysis, IReadOnlyList<string> Notify, GovernanceSpec Governance)? Read(
        NodeReader reader, Field field, IReadOnlySet<string>? knownRoutes, IReadOnlyDictionary<string, FlagPlatform>? knownProviders,
        out Located? flagKey)
    {
        flagKey = null;
        if (reader.Fields(field, "flag", "stages", "analysis", "notify", "windows", "startAt", "mode", "approvals") is not { } fields) return null;

        var flagField = fields.Required("flag");
        var flag = ReadFlag(reader, flagField, knownProviders, out flagKey, out var providerAt);
        var platform = flag is null ? FlagPlatform.Builtin : knownProviders?.GetValueOrDefault(flag.Provider) ?? FlagPlatform.Builtin;
        var stages = StagesReader.Read(reader, fields.Optional("stages"), platform);
        var analysis = AnalysisReader.Read(reader, fields.Required("analysis"));
        var notify = ReadNotify(reader, fields.Optional("notify"), knownRoutes);
        var governance = GovernanceReader.Read(reader, fields, stages);
        if (analysis is not null && platform != FlagPlatform.Builtin)
        {
            foreach (var g in analysis.Guardrails.Where(g => g.OnSegmentBreach == SegmentBreachAction.Exclude))
            {
                if (FlagPlatformRules.ExclusionProblem(platform, g.Name, g.By) is not { } problem) continue;
                reader.Error(providerAt!, problem);
                analysis = null;
            }
        }

        return flag is null || stages is null || analysis is null || notify is null || governance is null
            ? null
            : (flag, stages, analysis, notify, governance);
    }

    private static FlagSpec? ReadFlag(NodeReader reader, Field field, IReadOnlyDictionary<string, FlagPlatform>? knownProviders,
        out Located? located, out Located? providerAt)
    {
        located = null;
        providerAt = null;
        if (reader.Fields(field, "key", "provider") is not { } fields) return null;

        var keyField = fields.Required("key");
        var key = reader.String(keyField, PolicyPatterns.FlagKeyRegex(), "flag key", "use 1 to 128 letters, digits, '-', '_' or '.', and not '.' or '..' alone (they cannot be used in a URL path)");
        located = reader.Locate(key, keyField);

        var providerField = fields.Optional("provider");
        var provider = providerField.Node is null ? FlagSpec.BuiltinProvider : reader.String(providerField);
        providerAt = reader.Locate(provider, providerField);
        // Without the controller's configuration (rolloutctl validate without --config) only the name's form is checked.
        if (provider is not null && provider != FlagSpec.BuiltinProvider && knownProviders is not null && !knownProviders.ContainsKey(provider))
        {
            var known = string.Join(", ", knownProviders.Keys.Append(FlagSpec.BuiltinProvider).Distinct().Order(StringComparer.Ordinal));
            reader.Error(providerField.Node!, providerField.Path,
                $"unknown flag provider '{DiagnosticText.Quote(provider)}'; known providers: {known} (connections are configured under RolloutController:FlagPlatforms)");
            provider = null;
        }
        return key is null || provider is null ? null : new FlagSpec(key, provider);
    }

    private static IReadOnlyList<string>? ReadNotify(NodeReader reader, Field field, IReadOnlySet<string>? knownRoutes)
    {
        if (field.Node is null) return [];
        if (reader.Sequence(field) is not { } sequence) return null;

        var routes = new List<string>();
        var valid = true;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var entry = new Field(sequence.Children[i], PathJoin.Index(field.Path, i));
            var route = reader.String(entry);
            if (route is not null && knownRoutes is not null && !knownRoutes.Contains(route))
            {
                var known = knownRoutes.Count == 0 ? "none are configured" : "known routes: " + string.Join(", ", knownRoutes.Order(StringComparer.Ordinal));
                reader.Error(entry.Node!, entry.Path, $"unknown notification route '{DiagnosticText.Quote(route)}'; {known}");
                route = null;
            }
            if (route is null) valid = false;
            else routes.Add(route);
        }
        return valid ? routes : null;
    }
}
