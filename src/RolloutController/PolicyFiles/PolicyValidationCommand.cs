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
    /// <c>{"valid":bool,"files":N,"policies":N,"flags":N,"segments":N,"errors":[{file,line,column,path,message}],"warnings":[…]}</c>.
    /// Warnings (<c>file:line:column: warning: …</c>, e.g. a segment no flag uses) are shown but leave the files valid.
    /// </summary>
    /// <returns>0 when valid, 1 when any file is invalid, 2 when the path does not exist.</returns>
    /// <param name="knownRoutes">Notification route names to check <c>notify</c> against (from the controller's configuration); null skips the check.</param>
    /// <param name="configuration">What is wrong with the controller's configuration file, when one was given: printed as
    /// <c>file: error: message</c> (JSON: <c>"configuration": {"file", "errors": [...]}</c>), and invalid like a policy error.</param>
    /// <param name="today">When given, a <c>removal.reviewBy</c> before it is a warning.</param>
    /// <param name="knownProviders">Flag providers to check <c>spec.flag.provider</c> against (builtin and the configured
    /// platform connections); null checks only the name's form.</param>
    public static int Run(string path, TextWriter stdout, TextWriter stderr, bool json, IReadOnlySet<string>? knownRoutes = null,
        ConfigurationErrors? configuration = null, DateOnly? today = null, IReadOnlyDictionary<string, FlagPlatform>? knownProviders = null)
    {
        var directory = PolicyDirectoryReader.Read(path);
        if (!directory.Exists)
        {
            stderr.WriteLine($"rolloutctl validate: '{path}' does not exist");
            return NotFound;
        }

        var result = PolicyLoader.Load(directory.Files, knownRoutes, knownProviders);
        var errors = directory.ReadErrors.Concat(result.Diagnostics).ToList();
        var fileCount = directory.Files.Count + directory.ReadErrors.Count;
        var policyCount = result.Policies.Count;
        // A review date in the past is a warning, never an error: the flag still works, its owner has a review to do.
        IReadOnlyList<PolicyDiagnostic> warnings = today is { } day ? [.. result.Warnings, .. Lifecycle.FlagLifecycle.PastReviewBy(result.Policies, day)] : result.Warnings;
        var configErrors = configuration?.Errors ?? [];
        var valid = errors.Count == 0 && configErrors.Count == 0;

        if (json)
        {
            stdout.WriteLine(ToJson(valid, fileCount, (policyCount, result.Flags.Count, result.Segments.Count), errors, warnings, configuration));
        }
        else
        {
            foreach (var problem in configErrors)
                stderr.WriteLine($"{configuration!.File}: error: {problem}");
            if (configErrors.Count > 0)
                stderr.WriteLine($"{configuration!.File}: {Plural(configErrors.Count, "error", "errors")} in the configuration");
            foreach (var problem in errors.Concat(warnings).OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column))
                stderr.WriteLine(problem);
            var documents = Plural(policyCount, "policy", "policies")
                + (result.Flags.Count > 0 ? ", " + Plural(result.Flags.Count, "flag", "flags") : "")
                + (result.Segments.Count > 0 ? ", " + Plural(result.Segments.Count, "segment", "segments") : "");
            if (errors.Count == 0 && configErrors.Count == 0)
                stdout.WriteLine($"{path}: {documents} in {Plural(fileCount, "file", "files")}, all valid"
                                 + (warnings.Count > 0 ? $" ({Plural(warnings.Count, "warning", "warnings")})" : ""));
            else if (errors.Count > 0)
                stderr.WriteLine($"{path}: {Plural(errors.Count, "error", "errors")} in {Plural(errors.Select(e => e.File).Distinct().Count(), "file", "files")} of {fileCount}");
        }
        return valid ? Valid : Invalid;
    }

    private static string ToJson(bool valid, int files, (int Policies, int Flags, int Segments) counts, IReadOnlyList<PolicyDiagnostic> errors,
        IReadOnlyList<PolicyDiagnostic> warnings, ConfigurationErrors? configuration)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("valid", valid);
            writer.WriteNumber("files", files);
            writer.WriteNumber("policies", counts.Policies);
            writer.WriteNumber("flags", counts.Flags);
            writer.WriteNumber("segments", counts.Segments);
            WriteList(writer, "errors", errors);
            WriteList(writer, "warnings", warnings);
            if (configuration is not null)
            {
                writer.WriteStartObject("configuration");
                writer.WriteString("file", configuration.File);
                writer.WriteStartArray("errors");
                foreach (var error in configuration.Errors) writer.WriteStringValue(error);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<PolicyDiagnostic> problems)
    {
        writer.WriteStartArray(name);
        foreach (var problem in problems)
        {
            writer.WriteStartObject();
            writer.WriteString("file", problem.File);
            writer.WriteNumber("line", problem.Line);
            writer.WriteNumber("column", problem.Column);
            writer.WriteString("path", problem.Path);
            writer.WriteString("message", problem.Message);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static string Plural(int count, string one, string many) => $"{count} {(count == 1 ? one : many)}";
}
