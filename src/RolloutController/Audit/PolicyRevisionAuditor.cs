using RolloutController.PolicyFiles;

namespace RolloutController.Audit;

/// <summary>
/// Records every revision of a policy, flag or segment document that comes into force, and every one that leaves it:
/// the document's content hash before and after, its file and — when the policy directory is a git checkout — the
/// commit checked out. Each replica records what it loads; the store appends a revision only when it differs from the
/// last one recorded for the document, so several replicas record it once.
/// </summary>
internal sealed class PolicyRevisionAuditor(PolicyRegistry registry, AuditTrail audit, TimeProvider time, string policiesDirectory) : IHostedService
{
    /// <summary>Actor of policy revisions: the files changed, whoever changed them (the commit says who).</summary>
    public const string Actor = "policy-files";

    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly Lock _chain = new();
    private readonly Dictionary<string, string> _inForce = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        registry.Changed += OnChanged;
        OnChanged(null, EventArgs.Empty);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        registry.Changed -= OnChanged;
        await _stopping.CancelAsync();
        await _running.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    // Never blocks the reload that raised it: recorded in the background, one recording at a time, in order.
    private void OnChanged(object? sender, EventArgs e)
    {
        lock (_chain) _running = _running.ContinueWith(_ => RecordAsync(_stopping.Token), TaskScheduler.Default).Unwrap();
    }

    private async Task RecordAsync(CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            var documents = registry.Current.Select(p => ($"policy/{p.Metadata.Name}", p.Source, p.Revision))
                .Concat(registry.Flags.Select(f => ($"flag-document/{f.Key}", f.Source, f.Revision)))
                .Concat(registry.Segments.Select(s => ($"segment/{s.Name}", s.Source, s.Revision)))
                .ToList();
            var commit = GitCheckout.HeadCommit(policiesDirectory);
            var now = time.GetUtcNow();
            foreach (var (subject, source, revision) in documents)
            {
                if (_inForce.TryGetValue(subject, out var known) && known == revision) continue;
                var details = commit is null ? $"file {source}" : $"file {source}; commit {commit}";
                if (await audit.AppendAsync(new AuditEntry(now, Actor, AuditActions.ControllerRole, "revision", subject,
                        "a new revision came into force", known, revision, details), unlessUnchanged: true, cancellationToken))
                    _inForce[subject] = revision;
            }
            foreach (var gone in _inForce.Keys.Except(documents.Select(d => d.Item1)).ToList())
            {
                if (await audit.AppendAsync(new AuditEntry(now, Actor, AuditActions.ControllerRole, "revision", gone,
                        "the document left the policy directory", _inForce[gone], null, commit is null ? null : $"commit {commit}"), unlessUnchanged: true, cancellationToken))
                    _inForce.Remove(gone);
            }
        }
        finally
        {
            _one.Release();
        }
    }
}
