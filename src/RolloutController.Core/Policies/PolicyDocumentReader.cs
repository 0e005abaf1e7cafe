using System.Security.Cryptography;
using System.Text;
using RolloutController.Policies.Yaml;
using YamlDotNet.RepresentationModel;

namespace RolloutController.Policies;

/// <summary>Turns one YAML document into a <see cref="PolicyDraft"/>, recording every problem in the reader.</summary>
internal static class PolicyDocumentReader
{
    public static PolicyDraft Read(NodeReader reader, YamlNode root, string file, string documentText, IReadOnlySet<string>? knownRoutes,
        IReadOnlyDictionary<string, FlagPlatform>? knownProviders = null)
    {
        var errorsBefore = reader.Diagnostics.Count;
        if (reader.Fields(new Field(root, ""), "apiVersion", "kind", "metadata", "spec") is not { } fields)
            return new PolicyDraft(null, null, null);

        ExpectConstant(reader, fields.Required("apiVersion"), PolicyPatterns.ApiVersion);
        var kindField = fields.Required("kind");
        var kind = reader.String(kindField);
        if (kind == PolicyPatterns.FlagKind) return FlagDocumentReader.Read(reader, fields, file, documentText);
        if (kind == PolicyPatterns.SegmentKind) return SegmentDocumentReader.Read(reader, fields, file, documentText);
        if (kind is not null && kind != PolicyPatterns.Kind)
            reader.Error(kindField.Node!, kindField.Path,
                $"must be one of {string.Join(", ", PolicyPatterns.Kinds)}, got '{DiagnosticText.Quote(kind)}'");
        var (metadata, name) = MetadataReader.Read(reader, fields.Required("metadata"));
        var spec = SpecReader.Read(reader, fields.Required("spec"), knownRoutes, knownProviders, out var flagKey);

        var policy = reader.Diagnostics.Count > errorsBefore || metadata is null || spec is not { } s
            ? null
            : new RolloutPolicy(metadata, s.Flag, s.Stages, s.Analysis, s.Notify, file, Revision(documentText)) { Governance = s.Governance };
        return new PolicyDraft(policy, name, flagKey);
    }

    /// <summary>First 12 hex digits of the SHA-256 of the document's text: enough to tell revisions apart in logs and history.</summary>
    public static string Revision(string documentText) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(documentText)))[..12];

    private static void ExpectConstant(NodeReader reader, Field field, string expected)
    {
        if (reader.String(field) is { } value && value != expected)
            reader.Error(field.Node!, field.Path, $"must be '{expected}', got '{DiagnosticText.Quote(value)}'");
    }
}
