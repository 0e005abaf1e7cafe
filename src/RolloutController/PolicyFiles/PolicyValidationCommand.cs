using System.Text;
using System.Text.Json;
using RolloutController.Policies;

namespace RolloutController.PolicyFiles;

/// <summary><c>rolloutctl validate &lt;dir-or-file&gt;</c>: checks policy files the way the controller will load them.</summary>
internal static class PolicyValidationCommand
{
    public const int Valid = 0;
    public const int Invalid = 1;
    public const int NotFound = 2;

    /// <summary>
    /// Validates every <c>*.yaml</c>/<c>*.yml</c> under <paramref name="path"/> (or the one file). Problems go to
    /// <paramref name="stderr"/> as <c>file:line:column: error: field: message</c>, the summary to
    /// <paramref name="stdout"/>; with <paramref name="json"/>, a single JSON object goes to stdout instead:
    /// <c>{"valid":bool,"files":N,"policies":N,"errors":[{file,line,column,path,message}]}</c>.
    /// </summary>
    /// <returns>0 when valid, 1 when any file is invalid, 2 when the path does not exist.</returns>
    /// <param name="knownRoutes">Notification route names to check <c>notify</c> against (from the controller's configuration); null skips the check.</param>
    public static int Run(string path, TextWriter stdout, TextWriter stderr, bool json, IReadOnlySet<string>? knownRoutes = null)
    {
        var directory = PolicyDirectoryReader.Read(path);
        if (!directory.Exists)
        {
            stderr.WriteLine($"rolloutctl validate: '{path}' does not exist");
            return NotFound;
        }

        var result = PolicyLoader.Load(directory.Files, knownRoutes);
        var errors = directory.ReadErrors.Concat(result.Diagnostics).ToList();
        var fileCount = directory.Files.Count + directory.ReadErrors.Count;
        var policyCount = result.Policies.Count;

        if (json)
        {
            stdout.WriteLine(ToJson(errors.Count == 0, fileCount, policyCount, errors));
        }
        else
        {
            foreach (var error in errors) stderr.WriteLine(error);
            if (errors.Count == 0)
                stdout.WriteLine($"{path}: {Plural(policyCount, "policy", "policies")} in {Plural(fileCount, "file", "files")}, all valid");
            else
                stderr.WriteLine($"{path}: {Plural(errors.Count, "error", "errors")} in {Plural(errors.Select(e => e.File).Distinct().Count(), "file", "files")} of {fileCount}");
        }
        return errors.Count == 0 ? Valid : Invalid;
    }

    private static string ToJson(bool valid, int files, int policies, IReadOnlyList<PolicyDiagnostic> errors)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("valid", valid);
            writer.WriteNumber("files", files);
            writer.WriteNumber("policies", policies);
            writer.WriteStartArray("errors");
            foreach (var error in errors)
            {
                writer.WriteStartObject();
                writer.WriteString("file", error.File);
                writer.WriteNumber("line", error.Line);
                writer.WriteNumber("column", error.Column);
                writer.WriteString("path", error.Path);
                writer.WriteString("message", error.Message);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Plural(int count, string one, string many) => $"{count} {(count == 1 ? one : many)}";
}
