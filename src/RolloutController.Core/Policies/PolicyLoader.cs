using RolloutController.Policies.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RolloutController.Policies;

/// <summary>
/// Parses and validates policy files (one or more YAML documents each), reporting every problem with its
/// file, line, column and field path. Pure: the caller reads the files.
/// </summary>
internal static class PolicyLoader
{
    /// <param name="files">Paths and texts, in the order results and messages should follow.</param>
    /// <param name="knownRoutes">Notification routes <c>spec.notify</c> may name; null skips the check.</param>
    /// <param name="knownProviders">
    /// Flag providers <c>spec.flag.provider</c> may name, with the platform each drives (the controller's configured
    /// connections and <c>builtin</c>); null accepts any name and checks no platform's own rules.
    /// </param>
    public static PolicyLoadResult Load(IEnumerable<PolicySourceFile> files, IReadOnlySet<string>? knownRoutes = null,
        IReadOnlyDictionary<string, FlagPlatform>? knownProviders = null)
    {
        var parsed = files.Select(f => SafeParseFile(f, knownRoutes, knownProviders)).ToList();
        var drafts = parsed.SelectMany(p => p.Drafts.Select(d => (p.Reader, Draft: d))).ToList();
        // Names and keys are unique per kind: a Flag and the RolloutPolicy that ramps it share both.
        foreach (var kind in PolicyPatterns.Kinds)
        {
            var ofKind = drafts.Where(d => d.Draft.Kind == kind).ToList();
            ReportDuplicates(ofKind, d => d.Name, kind == PolicyPatterns.Kind ? "policy name" : $"{kind} name");
            ReportDuplicates(ofKind, d => d.FlagKey, kind == PolicyPatterns.Kind ? "flag key" : $"{kind} key");
        }
        FlagGraphRules.Check(drafts);
        ApproverTeamRules.Check(drafts);

        return new PolicyLoadResult(parsed.Select(p =>
        {
            var diagnostics = p.Reader.Diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList();
            var valid = diagnostics.Count == 0;
            return new PolicyFileResult(
                p.File,
                valid ? p.Drafts.Where(d => d.Policy is not null).Select(d => d.Policy!).ToList() : [],
                diagnostics,
                valid ? p.Drafts.Where(d => d.Flag is not null).Select(d => d.Flag!).ToList() : [],
                valid ? p.Drafts.Where(d => d.Segment is not null).Select(d => d.Segment!).ToList() : [],
                p.Reader.Warnings.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList());
        }).ToList());
    }

    // Whatever happens while one file is read becomes that file's diagnostic: one bad file never hides the results of
    // the others, nor stops the controller that loads them.
    private static (string File, NodeReader Reader, List<PolicyDraft> Drafts) SafeParseFile(PolicySourceFile file, IReadOnlySet<string>? knownRoutes,
        IReadOnlyDictionary<string, FlagPlatform>? knownProviders)
    {
        try
        {
            return ParseFile(file, knownRoutes, knownProviders);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var reader = new NodeReader(file.Path);
            reader.Error(Mark.Empty, "", $"the file could not be checked ({e.GetType().Name}: {e.Message}); it is not applied");
            return (file.Path, reader, []);
        }
    }

    private static (string File, NodeReader Reader, List<PolicyDraft> Drafts) ParseFile(PolicySourceFile file, IReadOnlySet<string>? knownRoutes,
        IReadOnlyDictionary<string, FlagPlatform>? knownProviders)
    {
        var reader = new NodeReader(file.Path);
        var drafts = new List<PolicyDraft>();
        if (PolicyTextRules.Check(file) is { } problem)
        {
            reader.Diagnostics.Add(problem);
            return (file.Path, reader, drafts);
        }

        var parser = new FilteringParser(new Parser(new StringReader(file.Text)));
        var stream = new YamlStream();
        var malformed = false;
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            // Nothing after a syntax error can be trusted; documents before it are still checked.
            reader.Error(e.Start, "", $"invalid YAML: {e.Message}");
            malformed = true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // YamlStream trusts the parser's events; what it cannot load is a syntax error too, found where reading stopped.
            reader.Error(parser.Reached, "", $"invalid YAML: cannot be read after this point ({e.Message})");
            malformed = true;
        }

        foreach (var duplicate in parser.Duplicates)
        {
            reader.Error(duplicate.At, duplicate.Path,
                $"duplicate key '{DiagnosticText.Quote(duplicate.Key)}' (first at line {duplicate.First.Line}, column {duplicate.First.Column}); each field may appear once");
        }
        if (stream.Documents.Count == 0 && !malformed)
            reader.Error(Mark.Empty, "", $"no YAML document: expected a {PolicyPatterns.Kind}, a {PolicyPatterns.FlagKind} or a {PolicyPatterns.SegmentKind}");

        for (var i = 0; i < stream.Documents.Count; i++)
        {
            var root = stream.Documents[i].RootNode;
            try
            {
                var text = DocumentText(file.Text, parser.DocumentEnds, i, stream.Documents.Count);
                drafts.Add(PolicyDocumentReader.Read(reader, root, file.Path, text, knownRoutes, knownProviders));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A fault of the validator on an input it did not foresee: this document is reported, the others and
                // every other file are still checked, and the controller keeps running.
                reader.Error(root.Start, "", $"the document could not be checked ({e.GetType().Name}: {e.Message}); the file is not applied");
                drafts.Add(new PolicyDraft(null, null, null));
            }
        }
        return (file.Path, reader, drafts);
    }

    // A file's only (or last) document runs to the end of the text, so trailing comments are part of its revision too.
    private static string DocumentText(string text, IReadOnlyList<long> documentEnds, int index, int count)
    {
        var start = index == 0 ? 0 : (int)Math.Min(documentEnds[index - 1], text.Length);
        var end = index == count - 1 || index >= documentEnds.Count ? text.Length : (int)Math.Min(documentEnds[index], text.Length);
        return text[start..Math.Max(start, end)];
    }

    private static void ReportDuplicates(List<(NodeReader Reader, PolicyDraft Draft)> drafts, Func<PolicyDraft, Located?> select, string what)
    {
        var groups = drafts
            .Where(d => select(d.Draft) is not null)
            .GroupBy(d => select(d.Draft)!.Value, StringComparer.Ordinal)
            .Where(g => g.Count() > 1);
        foreach (var group in groups)
        {
            foreach (var (reader, draft) in group)
            {
                var at = select(draft)!;
                var others = group.Select(o => select(o.Draft)!).Where(o => o != at).Select(o => o.Where);
                reader.Error(at, $"duplicate {what} '{DiagnosticText.Quote(at.Value)}': also used at {string.Join(", ", others)}");
            }
        }
    }
}
