using System.Reflection;
using System.Text;
using Json.Schema;
using RolloutController.Policies;
using RolloutController.TestUtilities.Fuzzing;
using Shouldly;
using Xunit.Sdk;

namespace RolloutController.UnitTests.Policies.Schema;

/// <summary>
/// The published JSON Schema (docs/schema/rollout-policy.v1.json, run by JsonSchema.Net) and the validator agree on the
/// validator's corpus: every example in policies/, the valid document the rule tests start from, every variant of it the
/// rule tests check (their <c>[InlineData(find, replace, ...)]</c> rows), and the files that once crashed the reader.
/// What the schema accepts and the validator rejects is allowed only for the rules listed in <see cref="KnownDifferences"/>,
/// each with the reason a schema cannot express it (docs/policies.md, "Editor completion and checking"); nothing the validator accepts may
/// the schema reject.
/// </summary>
public sealed class SchemaAgreementTests
{
    /// <summary>
    /// Validator rules the JSON Schema does not express, by the start of the message the validator gives, each with why. A document the
    /// schema accepts and the validator rejects must have only diagnostics listed here.
    /// </summary>
    public static readonly IReadOnlyList<(string Message, string Reason)> KnownDifferences =
    [
        ("must be greater than the previous stage's weight", "compares items of an array with each other (weights strictly increase)"),
        ("must not be greater than max", "compares two fields (min <= max)"),
        ("duplicate guardrail name", "one field unique across array items (uniqueItems compares whole items)"),
        ("duplicate flag key", "cross-file (and cross-document) rule: flag keys and policy names are unique over every file loaded"),
        ("must be at least 1s", "duration semantics: the schema checks a duration's spelling, not its length"),
        ("unknown template variable", "query template rules: which {{ variables }} a query may use needs a template reader"),
        ("'{{ variant }}' is only for queries that compare cohorts", "query template rules depend on the guardrail's kind and the query's text together"),
        ("must give one value per cohort", "PromQL rules: whether a query yields a value per cohort needs a PromQL reader"),
        ("must count since the stage started", "PromQL rules: counting since the stage started ({{ window }}) needs a PromQL reader"),
        ("aggregates away", "PromQL rules: whether the outermost aggregation keeps the 'by' labels needs a PromQL reader"),
        ("the file has", "file limits (size in bytes) apply to the text before it is a document"),
        ("unknown variant", "a reference to a key of another field (variants), in the same document or another flag's"),
        ("every variant of a flag has one type", "compares the types of a mapping's values with each other"),
        ("values of one list must have one type", "compares the types of an array's items with each other"),
        ("the weights add up to", "sums an array's items (split weights add up to 100)"),
        ("the ramped share and the rest get the same variant", "compares two fields (rollout variant and otherwise)"),
        ("no flag", "cross-document rule: a prerequisite names a flag declared anywhere in the files loaded"),
        ("prerequisite cycle", "cross-document rule: the prerequisite graph over every flag loaded"),
        ("no segment", "cross-document rule: a rule names a segment declared anywhere in the files loaded"),
        ("no RolloutPolicy drives flag", "cross-document rule: a rollout fallthrough needs a policy for the same key"),
        ("a Flag document declares", "cross-document rule: a policy ramps only a flag whose fallthrough is its rollout"),
        ("unknown time zone", "the IANA time zone database: which names exist is data, not a pattern"),
        ("the window must end after it starts", "compares two parts of one string (a window's start and end times)"),
        ("not the weight of a stage", "a reference to the items of another field (approvals name stages by weight)"),
        ("the first stage starts without approval", "a reference to the items of another field (the first stage's weight)"),
        ("duplicate Flag key", "cross-file (and cross-document) rule: flag documents' keys are unique over every file loaded"),
        ("neither a role nor a team owning a document here", "cross-document rule: a team an approver may hold is an owner of a document anywhere in the files loaded"),
    ];

    private static readonly Lazy<JsonSchema> PolicySchema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "schema", "rollout-policy.v1.json"))));

    private static readonly EvaluationOptions Options = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.List };

    [Fact]
    public void The_corpus_covers_the_examples_the_rule_tests_and_the_crashing_files()
    {
        var corpus = Corpus().ToList();

        corpus.Count(c => c.Name.StartsWith("policies/", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(4);
        corpus.Count(c => c.Name.StartsWith("rule ", StringComparison.Ordinal)).ShouldBeGreaterThan(150);
        corpus.Count(c => !ValidatorAccepts(c.Text)).ShouldBeGreaterThan(100, "most rule-test documents are invalid");
    }

    [Fact]
    public void Schema_and_validator_agree_on_every_file_but_the_listed_rules()
    {
        var disagreements = new List<string>();
        foreach (var (name, text) in Corpus())
        {
            var diagnostics = PolicyLoader.Load([new PolicySourceFile("policy.yaml", text)]).Diagnostics;
            var (schemaAccepts, schemaErrors) = SchemaVerdict(text);
            if (diagnostics.Count == 0 && !schemaAccepts)
                disagreements.Add($"{name}: the validator accepts it, the schema rejects it: {schemaErrors}");
            else if (diagnostics.Count > 0 && schemaAccepts)
            {
                var unexplained = diagnostics.Where(d => !KnownDifferences.Any(k => d.Message.StartsWith(k.Message, StringComparison.Ordinal))).ToList();
                if (unexplained.Count > 0)
                    disagreements.Add($"{name}: the schema accepts it, the validator rejects it: {string.Join("; ", unexplained.Select(d => $"{d.Path}: {d.Message}"))}");
            }
        }

        disagreements.ShouldBeEmpty(string.Join(Environment.NewLine, disagreements));
    }

    [Fact]
    public void Every_listed_difference_is_one_the_corpus_shows()
    {
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, text) in Corpus())
        {
            var diagnostics = PolicyLoader.Load([new PolicySourceFile("policy.yaml", text)]).Diagnostics;
            if (diagnostics.Count == 0 || !SchemaVerdict(text).Accepts) continue;
            foreach (var d in diagnostics)
                if (KnownDifferences.FirstOrDefault(k => d.Message.StartsWith(k.Message, StringComparison.Ordinal)) is { Message: { } known })
                    shown.Add(known);
        }

        KnownDifferences.Select(k => k.Message).Where(m => !shown.Contains(m)).ShouldBeEmpty("listed differences the corpus never shows: drop them");
    }

    private static bool ValidatorAccepts(string text) => PolicyLoader.Load([new PolicySourceFile("policy.yaml", text)]).Diagnostics.Count == 0;

    private static (bool Accepts, string Errors) SchemaVerdict(string text)
    {
        if (YamlToJson.Documents(text) is not { Count: > 0 } documents) return (false, "no JSON form (not YAML a JSON tool loads)");
        var errors = new List<string>();
        foreach (var document in documents)
        {
            var result = PolicySchema.Value.Evaluate(document, Options);
            if (!result.IsValid)
                errors.AddRange((result.Details ?? []).Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
        }
        return (errors.Count == 0 && documents.All(d => PolicySchema.Value.Evaluate(d, Options).IsValid), string.Join("; ", errors));
    }

    private static readonly Lazy<IReadOnlyList<(string Name, string Text)>> CorpusOnce = new(() => ReadCorpus().ToList());

    /// <summary>Name and text of every file the validator's tests judge.</summary>
    private static IReadOnlyList<(string Name, string Text)> Corpus() => CorpusOnce.Value;

    private static IEnumerable<(string Name, string Text)> ReadCorpus()
    {
        var policies = Path.Combine(RepositoryRoot(), "policies");
        foreach (var file in Directory.EnumerateFiles(policies).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            yield return ($"policies/{Path.GetFileName(file)}", File.ReadAllText(file));
        yield return ("the rule tests' valid document", PolicyYaml.Valid);
        foreach (var document in RuleTestDocuments())
            yield return document;
        foreach (var (name, content, _) in MalformedPolicyFiles.All)
            yield return ($"crashing file {name}", Encoding.UTF8.GetString(content));
    }

    /// <summary>
    /// Every document the policy rule tests give the validator (through <see cref="PolicyYaml"/>): each rule test is run,
    /// with each of its <c>[InlineData]</c> rows, while <see cref="PolicyYaml.Recording"/> collects what it loads.
    /// </summary>
    private static IEnumerable<(string Name, string Text)> RuleTestDocuments()
    {
        var tests = typeof(SchemaAgreementTests).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(PolicyYaml).Namespace && (t.Name.EndsWith("RulesTests", StringComparison.Ordinal) || t.Name == "PolicyLimitsTests"))
            .OrderBy(t => t.Name, StringComparer.Ordinal);
        foreach (var type in tests)
        foreach (var method in type.GetMethods().Where(m => m.GetCustomAttributes<FactAttribute>().Any()).OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            var rows = method.GetCustomAttributes<InlineDataAttribute>().SelectMany(a => a.GetData(method)).ToList();
            if (rows.Count == 0) rows.Add([]);
            foreach (var row in rows)
            {
                var texts = PolicyYaml.Recording(() => Invoke(type, method, row));
                foreach (var (text, i) in texts.Distinct().Select((text, i) => (text, i)))
                    yield return ($"rule {type.Name}.{method.Name}({string.Join(", ", row)}) #{i}".ReplaceLineEndings(" "), text);
            }
        }
    }

    // The test's own assertions are not the point here: what it loaded is.
    private static void Invoke(Type type, MethodInfo method, object?[] row)
    {
        try
        {
            var result = method.Invoke(method.IsStatic ? null : Activator.CreateInstance(type), row);
            if (result is Task task) task.GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is TargetInvocationException or ShouldAssertException)
        {
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RolloutController.sln"))) return dir.FullName;
        throw new InvalidOperationException($"RolloutController.sln not found above {AppContext.BaseDirectory}");
    }
}
