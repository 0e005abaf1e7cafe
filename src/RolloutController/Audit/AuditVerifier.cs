using RolloutController.Store;

namespace RolloutController.Audit;

/// <summary>Reads the audit log page by page, oldest first, and checks each link with <see cref="AuditChain.Check"/>.</summary>
internal sealed class AuditVerifier(IRolloutStore store, ILogger<AuditVerifier> logger)
{
    private const int PageSize = 1_000;

    /// <summary>The first time any entry can have: the log is read from here when no <c>since</c> is given.</summary>
    public static readonly DateTimeOffset Beginning = DateTimeOffset.UnixEpoch;

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        AuditRecord? previous = null;
        long count = 0;
        while (true)
        {
            var page = await store.GetAuditAsync(previous?.Seq ?? 0, Beginning, PageSize, cancellationToken);
            foreach (var record in page)
            {
                count++;
                if (AuditChain.Check(previous, record) is { } broken)
                {
                    AuditLog.ChainBroken(logger, broken.Seq, broken.Problem);
                    return new AuditVerification(false, count, previous?.Seq ?? 0, previous?.Hash ?? AuditChain.Genesis, broken.Seq, broken.Problem);
                }
                previous = record;
            }
            if (page.Count < PageSize)
                return new AuditVerification(true, count, previous?.Seq ?? 0, previous?.Hash ?? AuditChain.Genesis, null, null);
        }
    }
}
