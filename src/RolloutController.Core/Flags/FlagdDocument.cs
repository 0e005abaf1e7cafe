using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using RolloutController.Bucketing;

namespace RolloutController.Flags;

/// <summary>
/// The flag set as one flagd flag-definition document (schema <see cref="SchemaUrl"/>): what every flag serves right now,
/// as JsonLogic <c>targeting</c> that flagd and its in-process providers evaluate to the same variant as
/// <see cref="FlagEvaluator"/>. The order of <see cref="FlagEvaluator"/> becomes one <c>if</c> chain: prerequisites
/// (each inlined as the prerequisite's own expression, compared with the variant it must serve), rules in order,
/// then the fallthrough. Splits and ramps are <c>fractional</c> over <c>salt + targetingKey</c> with weights in
/// thousandths of a percent, which is <see cref="RolloutBuckets"/> exactly (MurmurHash3, <c>(hash × 100000) &gt;&gt; 32</c>).
/// Segments are shared evaluators (<c>$evaluators</c>, <c>{"$ref": "segment-NAME"}</c>). What cannot be carried exactly
/// (reasons flagd names differently, attribute types JsonLogic coerces) is listed in docs/flags.md. Pure.
/// </summary>
internal static class FlagdDocument
{
    public const string SchemaUrl = "https://flagd.dev/schema/v0/flags.json";

    /// <summary>The document's <c>metadata.flagSetId</c>.</summary>
    public const string FlagSetId = "rollout-controller";

    private const string SegmentPrefix = "segment-";

    /// <summary>The document for <paramref name="flags"/> (every flag OFREP serves, by key).</summary>
    /// <param name="version">What changes whenever any flag does (the bulk ETag): the document's <c>metadata.version</c>.</param>
    public static JsonObject Build(IReadOnlyDictionary<string, ServableFlag> flags, string version)
    {
        var evaluators = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        var flagNodes = new JsonObject();
        foreach (var flag in flags.Values.OrderBy(f => f.Key, StringComparer.Ordinal))
            flagNodes[flag.Key] = Flag(flag, evaluators);
        var document = new JsonObject
        {
            ["$schema"] = SchemaUrl,
            ["metadata"] = new JsonObject { ["flagSetId"] = FlagSetId, ["version"] = version },
        };
        if (evaluators.Count > 0)
        {
            var shared = new JsonObject();
            foreach (var (name, rule) in evaluators) shared[name] = rule;
            document["$evaluators"] = shared;
        }
        document["flags"] = flagNodes;
        return document;
    }

    /// <summary>
    /// The variant flagd serves when the targeting returns null: the flag's default variant, or the variant its
    /// fallthrough serves to everyone when it serves one (so an untargeted flag needs no targeting at all).
    /// </summary>
    public static int FlagdDefaultVariant(ServableFlag flag) =>
        flag.Disabled ? flag.Definition.DefaultVariant : FixedFallthrough(flag) ?? flag.Definition.DefaultVariant;

    /// <summary>Whether the flag is exported with a targeting expression (otherwise flagd answers <c>STATIC</c>).</summary>
    public static bool HasTargeting(ServableFlag flag) => !flag.Disabled && (flag.Targeted || FixedFallthrough(flag) is null);

    private static JsonObject Flag(ServableFlag flag, SortedDictionary<string, JsonNode> evaluators)
    {
        var definition = flag.Definition;
        var flagdDefault = FlagdDefaultVariant(flag);
        var variants = new JsonObject();
        foreach (var variant in definition.Variants) variants[variant.Name] = JsonNode.Parse(variant.Value.GetRawText());
        // A disabled flag stays ENABLED here: flagd's DISABLED answers the caller's code default, while the controller
        // serves the default variant; a flag without targeting serves exactly that (reason STATIC).
        var node = new JsonObject { ["state"] = "ENABLED", ["variants"] = variants, ["defaultVariant"] = definition.Variants[flagdDefault].Name };
        if (HasTargeting(flag)) node["targeting"] = Served(flag, evaluators, flagdDefault);
        node["metadata"] = Metadata(flag);
        return node;
    }

    private static JsonObject Metadata(ServableFlag flag)
    {
        var definition = flag.Definition;
        var metadata = new JsonObject
        {
            ["type"] = Lower(definition.Metadata.Type.ToString()),
            ["layer"] = Lower(definition.Layer.ToString()),
        };
        if (definition.Metadata.Owner.Length > 0) metadata["owner"] = definition.Metadata.Owner;
        if (definition.Fallthrough.Kind == FallthroughKind.Rollout)
            metadata["rolloutWeight"] = (double)(flag.Live.RolloutBuckets / 1000m);
        if (flag.Disabled) metadata["disabled"] = true;
        if (flag.Live.Switch is { } off && flag.Live.SwitchedOff) metadata["switchReason"] = off.Reason;
        return metadata;
    }

    private static string Lower(string name) => name.ToLowerInvariant();

    /// <summary>The variant the fallthrough serves to every context, or null when it depends on the targeting key.</summary>
    private static int? FixedFallthrough(ServableFlag flag)
    {
        var fallthrough = flag.Definition.Fallthrough;
        return fallthrough.Kind switch
        {
            FallthroughKind.Variant => fallthrough.Variant,
            FallthroughKind.Rollout when flag.Live.RolloutBuckets <= 0 => fallthrough.Otherwise,
            FallthroughKind.Rollout when flag.Live.RolloutBuckets >= RolloutBuckets.Count && flag.Excluded.Length == 0 => fallthrough.Variant,
            _ => null,
        };
    }

    /// <summary>
    /// JsonLogic that evaluates to the name of the variant <paramref name="flag"/> serves. With <paramref name="top"/>
    /// (the flag's own targeting) a fixed answer equal to flagd's default variant is <c>null</c>, which flagd reports as
    /// <c>DEFAULT</c> like the controller; inside another flag's prerequisite every answer is a name.
    /// </summary>
    private static JsonNode? Served(ServableFlag flag, SortedDictionary<string, JsonNode> evaluators, int? top)
    {
        var definition = flag.Definition;
        JsonNode? Fixed(int variant) => variant == top ? null : definition.Variants[variant].Name;
        if (flag.Disabled) return Fixed(definition.DefaultVariant);

        var chain = new JsonArray();
        if (flag.Prerequisites.Length > 0)
        {
            var met = And(flag.Prerequisites.Select(p => Op("===", Served(p.Flag, evaluators, null), p.Flag.Definition.Variants[p.Variant].Name)));
            chain.Add(Op("!", met));
            chain.Add(Fixed(definition.DefaultVariant));
        }
        for (var i = 0; i < definition.Rules.Length; i++)
        {
            chain.Add(Rule(definition.Rules[i], flag.RuleSegments[i], evaluators));
            chain.Add(definition.Variants[definition.Rules[i].Variant].Name);
        }
        chain.Add(Fallthrough(flag, Fixed));
        return chain.Count == 1 ? chain[0]!.DeepClone() : new JsonObject { ["if"] = chain };
    }

    private static JsonNode? Fallthrough(ServableFlag flag, Func<int, JsonNode?> fixedAnswer)
    {
        var definition = flag.Definition;
        var fallthrough = definition.Fallthrough;
        string Name(int variant) => definition.Variants[variant].Name;
        switch (fallthrough.Kind)
        {
            case FallthroughKind.Variant:
                return fixedAnswer(fallthrough.Variant);
            case FallthroughKind.Rollout:
                var threshold = flag.Live.RolloutBuckets;
                if (threshold <= 0) return fixedAnswer(fallthrough.Otherwise);
                var ramp = threshold >= RolloutBuckets.Count
                    ? fixedAnswer(fallthrough.Variant)
                    : Fractional(definition.Salt, [(Name(fallthrough.Variant), threshold), (Name(fallthrough.Otherwise), RolloutBuckets.Count - threshold)]);
                if (flag.Excluded.Length == 0) return ramp;
                // A segment a guardrail excluded gets the variant outside the ramp, matched as the controller does: by
                // the attribute's text (a label "3" matches "3" and 3, "true" matches "true" and true).
                return new JsonObject { ["if"] = new JsonArray(Excluded(flag.Excluded), Name(fallthrough.Otherwise), ramp) };
            default:
                var shares = new List<(string, int)>();
                var from = 0;
                foreach (var share in fallthrough.Split)
                {
                    shares.Add((Name(share.Variant), share.UpTo - from));
                    from = share.UpTo;
                }
                return Fractional(definition.Salt, shares);
        }
    }

    /// <summary>True for a context in any of <paramref name="segments"/> (every label of one matched by the attribute's text).</summary>
    public static JsonNode Excluded(IEnumerable<Analysis.Segments.Segment> segments) =>
        Or(segments.Select(segment => And(segment.Labels.Select(l => Op("in", Var(l.Name), LabelValues(l.Value))))));

    /// <summary>
    /// <c>fractional</c> over salt + targetingKey: flagd's own bucketing when the salt is the flag key, and the same salt
    /// wherever the flag is inlined as another flag's prerequisite; weights in buckets (thousandths of a percent). Without a
    /// targeting key the controller has no bucket to give (TARGETING_KEY_MISSING); here the expression answers null (flagd:
    /// the default variant, DEFAULT).
    /// </summary>
    public static JsonObject Fractional(string salt, IReadOnlyList<(string Variant, int Weight)> shares)
    {
        var arguments = new JsonArray(Op("cat", salt, Var("targetingKey")));
        foreach (var (variant, weight) in shares) arguments.Add(new JsonArray(variant, weight));
        return new JsonObject { ["if"] = new JsonArray(Var("targetingKey"), new JsonObject { ["fractional"] = arguments }, null) };
    }

    private static JsonArray LabelValues(string value)
    {
        var values = new JsonArray(value);
        if (value is "true" or "false") values.Add(value == "true");
        else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                 && number.ToString("R", CultureInfo.InvariantCulture) == value)
            values.Add(number);
        return values;
    }

    private static JsonNode Rule(FlagRule rule, SegmentDefinition? segment, SortedDictionary<string, JsonNode> evaluators)
    {
        var tests = new List<JsonNode?>();
        if (rule.Segment is not null)
        {
            // Validation refuses an unknown segment; if one slipped through, the controller's rule never matches.
            if (segment is null) return false;
            var name = SegmentPrefix + segment.Name;
            if (!evaluators.ContainsKey(name)) evaluators[name] = Segment(segment);
            tests.Add(new JsonObject { ["$ref"] = name });
        }
        tests.AddRange(rule.When.Select(Condition));
        return tests.Count == 0 ? true : And(tests);
    }

    private static JsonNode Segment(SegmentDefinition segment)
    {
        var tests = new List<JsonNode?>();
        if (segment.Keys.Count > 0)
            tests.Add(Op("in", Var("targetingKey"), new JsonArray(segment.Keys.Order(StringComparer.Ordinal).Select(k => (JsonNode?)k).ToArray())));
        if (segment.When.Length > 0) tests.Add(And(segment.When.Select(Condition)));
        return tests.Count == 0 ? false : Or(tests);
    }

    /// <summary>
    /// One condition with the controller's typing: an attribute of another type makes it false. Strict equality and
    /// <c>in</c> (which compares strictly) need no guard; negations, number and version comparisons are guarded by
    /// the attribute's type, since JsonLogic would coerce (<c>"3" &lt; 5</c>) or answer true for a missing attribute.
    /// </summary>
    private static JsonNode Condition(Condition condition)
    {
        var x = Var(condition.Attribute);
        var first = condition.Values[0];
        return condition.Operator switch
        {
            ConditionOperator.EqualTo => Op("===", x, Literal(first)),
            ConditionOperator.NotEqualTo => And([IsKind(x, first.Kind), Op("!==", Var(condition.Attribute), Literal(first))]),
            ConditionOperator.In => Op("in", x, List(condition.Values)),
            ConditionOperator.NotIn => And([IsKind(x, first.Kind), Op("!", Op("in", Var(condition.Attribute), List(condition.Values)))]),
            ConditionOperator.StartsWith => Op("starts_with", x, first.Text),
            ConditionOperator.EndsWith => Op("ends_with", x, first.Text),
            ConditionOperator.Lt => Compare("<", condition),
            ConditionOperator.Lte => Compare("<=", condition),
            ConditionOperator.Gt => Compare(">", condition),
            ConditionOperator.Gte => Compare(">=", condition),
            ConditionOperator.SemverLt => Version("<", condition),
            ConditionOperator.SemverLte => Version("<=", condition),
            ConditionOperator.SemverGt => Version(">", condition),
            _ => Version(">=", condition),
        };
    }

    private static JsonNode Compare(string op, Condition condition) =>
        And([IsKind(Var(condition.Attribute), ContextValueKind.Number), Op(op, Var(condition.Attribute), condition.Values[0].Number)]);

    // sem_ver takes the literal without the 'v' the controller allows (flagd's schema wants a plain version there).
    private static JsonNode Version(string op, Condition condition)
    {
        var literal = condition.Values[0].Text!;
        if (literal.StartsWith('v')) literal = literal[1..];
        return And([IsKind(Var(condition.Attribute), ContextValueKind.String), new JsonObject { ["sem_ver"] = new JsonArray(Var(condition.Attribute), op, literal) }]);
    }

    /// <summary>
    /// The attribute is of <paramref name="kind"/>: a string is what <c>starts_with(x, "")</c> accepts, a boolean is in
    /// <c>[true, false]</c>, a number is neither and not null (<c>!==</c>: a missing attribute reads as null, and
    /// json-logic's loose <c>!=</c> takes 0 for null). JsonLogic has no type test: arrays and objects pass as numbers.
    /// </summary>
    private static JsonNode IsKind(JsonNode x, ContextValueKind kind)
    {
        var isString = Op("starts_with", x, "");
        var isBoolean = Op("in", x.DeepClone(), new JsonArray(true, false));
        return kind switch
        {
            ContextValueKind.String => isString,
            ContextValueKind.Boolean => isBoolean,
            _ => And([Op("!==", x.DeepClone(), null), Op("!", isString), Op("!", isBoolean)]),
        };
    }

    private static JsonNode? Literal(ContextValue value) => value.Kind switch
    {
        ContextValueKind.String => value.Text,
        ContextValueKind.Number => value.Number,
        ContextValueKind.Boolean => value.Boolean,
        _ => null,
    };

    private static JsonArray List(ContextValue[] values) => new(values.Select(Literal).ToArray());

    /// <summary>
    /// <c>{"var": name}</c> for a context attribute by its whole name: a dot is escaped (<c>\.</c>), since JsonLogic reads
    /// <c>a.b</c> as a path into an object while the controller reads the attribute named <c>a.b</c>.
    /// </summary>
    private static JsonObject Var(string attribute) =>
        new() { ["var"] = attribute.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(".", "\\.", StringComparison.Ordinal) };

    private static JsonObject Op(string op, params JsonNode?[] arguments) =>
        new() { [op] = op == "!" ? arguments[0] : new JsonArray(arguments.Select(a => a?.DeepClone()).ToArray()) };

    private static JsonNode And(IEnumerable<JsonNode?> tests) => Join("and", tests);

    private static JsonNode Or(IEnumerable<JsonNode?> tests) => Join("or", tests);

    private static JsonNode Join(string op, IEnumerable<JsonNode?> tests)
    {
        var list = tests.ToList();
        return list.Count == 1 ? list[0]!.DeepClone() : new JsonObject { [op] = new JsonArray(list.Select(t => t?.DeepClone()).ToArray()) };
    }

    /// <summary>
    /// The document as text: indented, property order as built (stable for the same flag set), operators such as
    /// <c>&gt;=</c> written as they are rather than as <c>\u003E=</c> (it is served as JSON, never embedded in HTML).
    /// </summary>
    public static string ToText(JsonObject document) =>
        document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
