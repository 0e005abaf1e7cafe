using RolloutController.Engine;
using RolloutController.Flags;
using RolloutController.Policies;
namespace RolloutController.PolicyFiles;

/// <summary>
/// The policies in force. A reload replaces a file's policies only when the file is valid: a file that fails keeps its
/// previous valid version in force and its errors are kept (per file) until it is fixed. Deleting a file removes its
/// policies. Reads are lock-free snapshots.
/// </summary>
/// <param name="knownProviders">The flag providers policies may name (builtin and the configured platform connections); null accepts any.</param>
internal sealed class PolicyRegistry(TimeProvider timeProvider, IReadOnlySet<string>? knownRoutes = null,
    IReadOnlyDictionary<string, FlagPlatform>? knownProviders = null) : Engine.IPolicySource
{
    private readonly Lock _gate = new();
    private Dictionary<string, PolicySourceFile> _inForce = new(StringComparer.Ordinal);

    // The directory as last loaded in full, to tell a rescan that found nothing new.
    private PolicyDirectorySnapshot? _lastDirectory;
    private volatile Snapshot _snapshot = new([], new Dictionary<string, IReadOnlyList<PolicyDiagnostic>>(), null, [], []);

    /// <summary>Raised after a reload that changed <see cref="Current"/>; read the new set from the registry.</summary>
    public event EventHandler? Changed;

    /// <summary>Policies in force, ordered by file path then position in the file.</summary>
    public IReadOnlyList<RolloutPolicy> Current => _snapshot.Policies;

    /// <summary>Problems of the last reload, per file path (or per directory when it was not found).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PolicyDiagnostic>> Errors => _snapshot.Errors;

    /// <summary>When the last reload finished; null before the first.</summary>
    public DateTimeOffset? LastLoadedAt => _snapshot.LoadedAt;

    public RolloutPolicy? Find(string flagKey) => _snapshot.ByFlag.GetValueOrDefault(flagKey);

    /// <summary>Flag documents in force, ordered by file path then position in the file.</summary>
    public IReadOnlyList<FlagDefinition> Flags => _snapshot.Flags;

    /// <summary>Segment documents in force.</summary>
    public IReadOnlyList<SegmentDefinition> Segments => _snapshot.Segments;

    public PolicyReloadResult Apply(PolicyDirectorySnapshot directory)
    {
        bool changed;
        Snapshot next;
        lock (_gate)
        {
            var previous = _snapshot;
            if (!directory.Exists || !directory.Complete)
            {
                // Nothing may be taken as deleted from a directory that is missing or was not listed completely.
                IReadOnlyList<PolicyDiagnostic> problem = directory.Exists
                    ? directory.ReadErrors
                    : [new PolicyDiagnostic(directory.Root, 1, 1, "", "policy directory not found; the policies loaded before stay in force")];
                next = previous with { Errors = new Dictionary<string, IReadOnlyList<PolicyDiagnostic>> { [directory.Root] = problem }, LoadedAt = timeProvider.GetUtcNow() };
                _snapshot = next;
                return new PolicyReloadResult(false, false, next.Policies.Count, next.Errors.Count);
            }

            // A rescan that finds exactly the files (and read errors) of the last load changes nothing: with thousands of
            // policies, parsing and validating them all again every rescan would cost far more than everything else the
            // controller does.
            if (_lastDirectory is { } last && SameContent(last, directory))
            {
                next = previous with { LoadedAt = timeProvider.GetUtcNow() };
                _snapshot = next;
                return new PolicyReloadResult(next.Errors.Count == 0, false, next.Policies.Count, next.Errors.Count);
            }
            _lastDirectory = directory;

            var errors = directory.ReadErrors.GroupBy(e => e.File, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var (effective, loaded) = Resolve(directory, errors);
            var policies = loaded.Policies;

            _inForce = effective.ToDictionary(e => e.Key, e => e.Value.File, StringComparer.Ordinal);
            changed = !policies.Select(Identity).SequenceEqual(previous.Policies.Select(Identity))
                      || !loaded.Flags.Select(f => (f.Source, f.Revision)).SequenceEqual(previous.Flags.Select(f => (f.Source, f.Revision)))
                      || !loaded.Segments.Select(f => (f.Source, f.Revision)).SequenceEqual(previous.Segments.Select(f => (f.Source, f.Revision)));
            next = new Snapshot(policies, errors.ToDictionary(e => e.Key, e => (IReadOnlyList<PolicyDiagnostic>)e.Value, StringComparer.Ordinal), timeProvider.GetUtcNow(),
                loaded.Flags, loaded.Segments);
            _snapshot = next;
        }
        if (changed) Changed?.Invoke(this, EventArgs.Empty);
        return new PolicyReloadResult(next.Errors.Count == 0, changed, next.Policies.Count, next.Errors.Count);
    }

    // Validates the files on disk together with the previous versions of those that fail, so names and flag keys stay
    // unique across what will actually be in force. A newly valid file that collides with a kept previous version
    // fails in turn; each round demotes or removes at least one file, so this ends.
    private (Dictionary<string, (PolicySourceFile File, bool OnDisk)> Effective, PolicyLoadResult Loaded) Resolve(
        PolicyDirectorySnapshot directory, Dictionary<string, List<PolicyDiagnostic>> errors)
    {
        var effective = directory.Files.ToDictionary(f => f.Path, f => (File: f, OnDisk: true), StringComparer.Ordinal);
        foreach (var unreadable in errors.Keys)
            if (_inForce.TryGetValue(unreadable, out var kept)) effective[unreadable] = (kept, false);

        while (true)
        {
            var result = PolicyLoader.Load(effective.Values.OrderBy(e => e.File.Path, StringComparer.Ordinal).Select(e => e.File), knownRoutes, knownProviders);
            var failed = result.Files.Where(f => !f.IsValid).ToList();
            if (failed.Count == 0) return (effective, result);

            // Versions already in force win over new ones: a kept version is only dropped when it fails on its own.
            var onDisk = failed.Where(f => effective[f.File].OnDisk).ToList();
            foreach (var file in onDisk.Count > 0 ? onDisk : failed)
            {
                if (!errors.TryGetValue(file.File, out var list)) errors[file.File] = list = [];
                list.AddRange(file.Diagnostics);
                if (effective[file.File].OnDisk && _inForce.TryGetValue(file.File, out var kept)) effective[file.File] = (kept, false);
                else effective.Remove(file.File);
            }
        }
    }

    private static (string, string) Identity(RolloutPolicy policy) => (policy.Source, policy.Revision);

    private static bool SameContent(PolicyDirectorySnapshot a, PolicyDirectorySnapshot b) =>
        a.Root == b.Root && a.Files.SequenceEqual(b.Files) && a.ReadErrors.SequenceEqual(b.ReadErrors);

    private sealed record Snapshot(
        IReadOnlyList<RolloutPolicy> Policies,
        IReadOnlyDictionary<string, IReadOnlyList<PolicyDiagnostic>> Errors,
        DateTimeOffset? LoadedAt,
        IReadOnlyList<FlagDefinition> Flags,
        IReadOnlyList<SegmentDefinition> Segments)
    {
        // Rounds look their policy up by flag; with thousands of policies a scan per round would add up. Flag keys are
        // unique among the policies in force (validated).
        public IReadOnlyDictionary<string, RolloutPolicy> ByFlag { get; } =
            Policies.ToDictionary(p => p.Flag.Key, StringComparer.Ordinal);
    }
}
