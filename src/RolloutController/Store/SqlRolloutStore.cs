using System.Data.Common;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RolloutController.Audit;
using RolloutController.Rollouts;
using RolloutController.Store.Migrations;

namespace RolloutController.Store;

/// <summary>
/// The rollout store over ADO.NET, one implementation for every database; <see cref="SqlDialect"/> holds the
/// differences. Opens a (pooled) connection per call. Owns and disposes the data source.
/// </summary>
internal sealed class SqlRolloutStore(DbDataSource dataSource, SqlDialect dialect, ILogger logger) : IRolloutStore, IAsyncDisposable, IDisposable
{
    public Task MigrateAsync(CancellationToken cancellationToken) =>
        RunAsync("migrating the schema", async () =>
        {
            await new SchemaMigrator(dataSource, dialect, SchemaMigrations.All, logger).MigrateAsync(cancellationToken);
            return true;
        });

    public Task<RolloutState?> GetAsync(string flagKey, CancellationToken cancellationToken) =>
        RunAsync($"reading rollout '{flagKey}'", async () =>
        {
            var states = await QueryAsync(
                RolloutRow.SelectSql + " WHERE flag_key = @flag_key",
                command => dialect.AddParameter(command, "flag_key", flagKey),
                RolloutRow.Read,
                cancellationToken);
            return states.Count == 0 ? null : states[0];
        });

    public Task<IReadOnlyList<RolloutState>> ListAsync(CancellationToken cancellationToken) =>
        RunAsync("listing rollouts", () =>
            QueryAsync(RolloutRow.SelectSql + " ORDER BY flag_key", _ => { }, RolloutRow.Read, cancellationToken));

    public async Task<RolloutState> SaveAsync(
        RolloutState state,
        IReadOnlyList<Transition> transitions,
        IReadOnlyList<MeasurementRecord> measurements,
        CancellationToken cancellationToken)
    {
        var saved = await SaveManyAsync([new RolloutWrite(state, transitions, measurements)], cancellationToken);
        return saved[0] ?? throw new ConcurrencyConflictException(state.FlagKey, state.Version);
    }

    public async Task<IReadOnlyList<RolloutState?>> SaveManyAsync(IReadOnlyList<RolloutWrite> writes, CancellationToken cancellationToken)
    {
        foreach (var write in writes) write.EnsureConsistent();
        if (writes.Count == 0) return [];
        var what = writes.Count == 1 ? $"saving rollout '{writes[0].State.FlagKey}'" : $"saving {writes.Count} rollouts";
        return await RunAsync(what, async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await dialect.BeginWriteAsync(connection, cancellationToken);
            var saved = new List<RolloutState?>(writes.Count);
            foreach (var write in writes)
                saved.Add(await SaveOneAsync(connection, transaction, write, cancellationToken));
            // Appended last, after every row of the batch is written: the audit lock is then the last lock taken, so two
            // replicas' batches cannot each hold a row the other waits for.
            var audited = writes.Where((_, i) => saved[i] is not null).SelectMany(w => w.Transitions).Select(AuditActions.Of).ToList();
            await AppendAuditAsync(connection, transaction, audited, unlessUnchanged: false, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return saved;
        });
    }

    // Inserts use ON CONFLICT DO NOTHING and updates check the version, so a lost race affects no rows and raises
    // nothing: the other writes of the transaction stand (PostgreSQL would abort the whole transaction on an error).
    private async Task<RolloutState?> SaveOneAsync(DbConnection connection, DbTransaction transaction, RolloutWrite write, CancellationToken cancellationToken)
    {
        var state = write.State;
        var newVersion = state.Version + 1;
        var upsert = state.Version == 0 ? RolloutRow.InsertSql : RolloutRow.UpdateSql;
        var rows = await StoreCommands.ExecuteAsync(connection, transaction, upsert, command =>
        {
            RolloutRow.AddParameters(command, dialect, state, newVersion);
            dialect.AddParameter(command, "expected_version", state.Version);
        }, cancellationToken);
        if (rows == 0) return null;

        foreach (var transition in write.Transitions)
            await StoreCommands.ExecuteAsync(connection, transaction, TransitionRow.InsertSql,
                command => TransitionRow.AddParameters(command, dialect, transition), cancellationToken);
        foreach (var measurement in write.Measurements)
            await StoreCommands.ExecuteAsync(connection, transaction, MeasurementRow.InsertSql,
                command => MeasurementRow.AddParameters(command, dialect, measurement), cancellationToken);
        await InsertOutboxAsync(connection, transaction, write.Outbox, cancellationToken);
        return RolloutRow.AsStored(state, newVersion);
    }

    private async Task InsertOutboxAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<OutboxDelivery> deliveries, CancellationToken cancellationToken)
    {
        foreach (var delivery in deliveries)
            await StoreCommands.ExecuteAsync(connection, transaction, OutboxRow.InsertSql,
                command => OutboxRow.AddParameters(command, dialect, delivery), cancellationToken);
    }

    public Task<AuditRecord?> AppendAuditAsync(AuditEntry entry, bool unlessUnchanged, CancellationToken cancellationToken) =>
        RunAsync($"appending '{entry.Action}' of {entry.Subject} to the audit log", async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await dialect.BeginWriteAsync(connection, cancellationToken);
            var appended = await AppendAuditAsync(connection, transaction, [entry], unlessUnchanged, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return appended.Count == 0 ? null : appended[0];
        });

    private async Task<IReadOnlyList<AuditRecord>> AppendAuditAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<AuditEntry> entries, bool unlessUnchanged, CancellationToken cancellationToken)
    {
        if (entries.Count == 0) return [];
        await dialect.LockAuditAsync(connection, transaction, cancellationToken);
        if (unlessUnchanged && entries.Count == 1)
        {
            var same = await ReadAuditAsync(connection, transaction, AuditRow.LastOfSql, command =>
            {
                dialect.AddParameter(command, "subject", entries[0].Subject);
                dialect.AddParameter(command, "action", entries[0].Action);
            }, cancellationToken);
            if (same.Count == 1 && same[0].Entry.After == entries[0].After) return [];
            // What the entry replaces, when its author does not know it (a replica that just started).
            if (same.Count == 1 && entries[0].Before is null) entries = [entries[0] with { Before = same[0].Entry.After }];
        }
        var last = (await ReadAuditAsync(connection, transaction, AuditRow.LastSql, _ => { }, cancellationToken)).FirstOrDefault();
        var appended = new List<AuditRecord>(entries.Count);
        foreach (var entry in entries)
        {
            last = AuditChain.Append(last, entry);
            var record = last;
            await StoreCommands.ExecuteAsync(connection, transaction, AuditRow.InsertSql, command => AuditRow.AddParameters(command, dialect, record), cancellationToken);
            appended.Add(record);
        }
        return appended;
    }

    private async Task<List<AuditRecord>> ReadAuditAsync(
        DbConnection connection, DbTransaction? transaction, string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<AuditRecord>();
        while (await reader.ReadAsync(cancellationToken)) records.Add(AuditRow.Read(reader, dialect));
        return records;
    }

    public Task<IReadOnlyList<AuditRecord>> GetAuditAsync(long after, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return RunAsync("reading the audit log", () => QueryAsync(AuditRow.PageSql, command =>
        {
            dialect.AddParameter(command, "after", after);
            dialect.AddParameter(command, "since", since);
            dialect.AddParameter(command, "limit", limit);
        }, AuditRow.Read, cancellationToken));
    }

    public Task<AuditRecord?> GetLastAuditAsync(string subject, string action, CancellationToken cancellationToken) =>
        RunAsync($"reading the last '{action}' of {subject} from the audit log", async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var last = await ReadAuditAsync(connection, null, AuditRow.LastOfSql, command =>
            {
                dialect.AddParameter(command, "subject", subject);
                dialect.AddParameter(command, "action", action);
            }, cancellationToken);
            return last.FirstOrDefault();
        });

    public Task<IReadOnlyList<Transition>> GetTransitionsAsync(string flagKey, int limit, CancellationToken cancellationToken) =>
        NewestAsync($"reading transitions of '{flagKey}'", TransitionRow.NewestSql, flagKey, limit, TransitionRow.Read, cancellationToken);

    public Task<IReadOnlyList<MeasurementRecord>> GetMeasurementsAsync(string flagKey, int limit, CancellationToken cancellationToken) =>
        NewestAsync($"reading measurements of '{flagKey}'", MeasurementRow.NewestSql, flagKey, limit, MeasurementRow.Read, cancellationToken);

    public Task RecordNotificationAttemptAsync(NotificationAttempt attempt, CancellationToken cancellationToken) =>
        RunAsync($"recording notification attempt {attempt.Attempt} of '{attempt.NotificationId}'", async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            return await StoreCommands.ExecuteAsync(connection, null, NotificationAttemptRow.InsertSql,
                command => NotificationAttemptRow.AddParameters(command, dialect, attempt), cancellationToken);
        });

    public Task<IReadOnlyList<NotificationAttempt>> GetNotificationAttemptsAsync(string flagKey, int limit, CancellationToken cancellationToken) =>
        NewestAsync($"reading notification attempts of '{flagKey}'", NotificationAttemptRow.NewestSql, flagKey, limit,
            NotificationAttemptRow.Read, cancellationToken);

    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        RunAsync($"pruning measurements and notification attempts before {before:O}", async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var deleted = 0;
            foreach (var sql in (string[])[MeasurementRow.PruneSql, NotificationAttemptRow.PruneSql, OutboxRow.PruneSql])
                deleted += await StoreCommands.ExecuteAsync(connection, transaction, sql,
                    command => dialect.AddParameter(command, "before", before), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return deleted;
        });

    public Task AddToOutboxAsync(IReadOnlyList<OutboxDelivery> deliveries, CancellationToken cancellationToken) =>
        RunAsync($"storing {deliveries.Count} notification deliveries", async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await dialect.BeginWriteAsync(connection, cancellationToken);
            await InsertOutboxAsync(connection, transaction, deliveries, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        });

    public async Task<IReadOnlyList<OutboxDelivery>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken) =>
        (await ClaimRowsAsync("claiming due notification deliveries", dialect.ClaimOutboxSql, owner, now, now + lease,
            command => dialect.AddParameter(command, "limit", limit), cancellationToken)).OrderBy(d => d.NextAttemptAt).ToList();

    /// <summary>Runs a claiming <c>UPDATE … RETURNING</c> (parameters <c>@owner</c>, <c>@now</c>, <c>@until</c> and <paramref name="more"/>) in one write transaction.</summary>
    private Task<IReadOnlyList<OutboxDelivery>> ClaimRowsAsync(string what, string sql, string owner, DateTimeOffset now, DateTimeOffset until,
        Action<DbCommand> more, CancellationToken cancellationToken) =>
        RunAsync(what, async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await dialect.BeginWriteAsync(connection, cancellationToken);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            dialect.AddParameter(command, "owner", owner);
            dialect.AddParameter(command, "now", now);
            dialect.AddParameter(command, "until", until);
            more(command);
            var claimed = new List<OutboxDelivery>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                while (await reader.ReadAsync(cancellationToken)) claimed.Add(OutboxRow.Read(reader, dialect));
            await transaction.CommitAsync(cancellationToken);
            return (IReadOnlyList<OutboxDelivery>)claimed;
        });

    public Task<bool> CompleteDeliveryAsync(OutboxDelivery delivery, NotificationAttempt attempt, string owner, CancellationToken cancellationToken) =>
        RunAsync($"recording attempt {attempt.Attempt} of notification '{attempt.NotificationId}'", async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await dialect.BeginWriteAsync(connection, cancellationToken);
            await StoreCommands.ExecuteAsync(connection, transaction, NotificationAttemptRow.InsertSql,
                command => NotificationAttemptRow.AddParameters(command, dialect, attempt), cancellationToken);
            var rows = await StoreCommands.ExecuteAsync(connection, transaction, OutboxRow.CompleteSql, command =>
            {
                OutboxRow.AddKey(command, dialect, delivery);
                OutboxRow.AddProgress(command, dialect, delivery);
                dialect.AddParameter(command, "owner", owner);
            }, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return rows > 0;
        });

    public async Task<IReadOnlyList<OutboxDelivery>> ClaimRepostsAsync(
        string channelType, IReadOnlyList<string> kinds, string owner, DateTimeOffset now, TimeSpan hold, CancellationToken cancellationToken) =>
        kinds.Count == 0
            ? []
            : await ClaimRowsAsync("claiming incidents to re-post", OutboxRow.ClaimRepostsSql(kinds.Count), owner, now, now + hold, command =>
            {
                dialect.AddParameter(command, "channel", channelType + "[%");
                for (var i = 0; i < kinds.Count; i++) dialect.AddParameter(command, $"kind{i}", kinds[i]);
            }, cancellationToken);

    public Task<IReadOnlyList<OutboxDelivery>> ClaimHeldAsync(string owner, DateTimeOffset now, TimeSpan hold, CancellationToken cancellationToken) =>
        ClaimRowsAsync("claiming notices held for a digest", OutboxRow.ClaimHeldSql, owner, now, now + hold, _ => { }, cancellationToken);

    public Task ReleaseClaimsAsync(CancellationToken cancellationToken) =>
        RunAsync("releasing notification claims", async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            return await StoreCommands.ExecuteAsync(connection, null, OutboxRow.ReleaseAllSql, _ => { }, cancellationToken);
        });

    public Task<IReadOnlyList<OutboxDelivery>> GetDeliveriesAsync(string? status, string? flagKey, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var where = new List<string>();
        if (status is not null) where.Add("status = @status");
        if (flagKey is not null) where.Add("flag_key = @flag_key");
        var sql = OutboxRow.ListSql + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") +
            " ORDER BY created_at DESC, notification_id, route, channel LIMIT @limit";
        return RunAsync("listing notification deliveries", () => QueryAsync(sql, command =>
        {
            if (status is not null) dialect.AddParameter(command, "status", status);
            if (flagKey is not null) dialect.AddParameter(command, "flag_key", flagKey);
            dialect.AddParameter(command, "limit", limit);
        }, OutboxRow.Read, cancellationToken));
    }

    public Task<int> RetryAbandonedAsync(int extraAttempts, DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync("making abandoned notification deliveries pending again", async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            return await StoreCommands.ExecuteAsync(connection, null, OutboxRow.RetrySql, command =>
            {
                dialect.AddParameter(command, "extra", extraAttempts);
                dialect.AddParameter(command, "now", now);
            }, cancellationToken);
        });

    public Task<bool> SaveSwitchAsync(FlagSwitchWrite write, CancellationToken cancellationToken) =>
        RunAsync($"switching flag '{write.Switch.FlagKey}' {(write.Switch.Off ? "off" : "on")}", async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await dialect.BeginWriteAsync(connection, cancellationToken);
            var rows = await StoreCommands.ExecuteAsync(connection, transaction,
                write.Switch.Version == 1 ? FlagSwitchRow.InsertSql : FlagSwitchRow.UpdateSql,
                command => FlagSwitchRow.AddParameters(command, dialect, write.Switch), cancellationToken);
            if (rows == 0) return false;
            await StoreCommands.ExecuteAsync(connection, transaction, TransitionRow.InsertSql,
                command => TransitionRow.AddParameters(command, dialect, write.Record), cancellationToken);
            await InsertOutboxAsync(connection, transaction, write.Outbox, cancellationToken);
            // Last, as for rollout saves: the audit lock is the last lock the transaction takes.
            await AppendAuditAsync(connection, transaction, [AuditActions.Of(write.Record)], unlessUnchanged: false, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        });

    public Task<IReadOnlyList<Flags.FlagSwitch>> ListSwitchesAsync(CancellationToken cancellationToken) =>
        RunAsync("listing flag switches", () => QueryAsync(FlagSwitchRow.SelectSql, _ => { }, FlagSwitchRow.Read, cancellationToken));

    public Task<bool> SaveReminderAsync(ReminderWrite write, CancellationToken cancellationToken) =>
        RunAsync($"storing the {ReminderRow.Kind(write.Reminder.Kind)} reminder of flag '{write.Reminder.FlagKey}'", async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await dialect.BeginWriteAsync(connection, cancellationToken);
            var rows = await StoreCommands.ExecuteAsync(connection, transaction,
                write.Reminder.Sent == 1 ? ReminderRow.InsertSql : ReminderRow.UpdateSql,
                command => ReminderRow.AddParameters(command, dialect, write.Reminder), cancellationToken);
            if (rows == 0) return false;
            await InsertOutboxAsync(connection, transaction, write.Outbox, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        });

    public Task<IReadOnlyList<Lifecycle.ReviewReminder>> ListRemindersAsync(CancellationToken cancellationToken) =>
        RunAsync("listing review reminders", () => QueryAsync(ReminderRow.SelectSql, _ => { }, ReminderRow.Read, cancellationToken));

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    public void Dispose() => dataSource.Dispose();

    private Task<IReadOnlyList<T>> NewestAsync<T>(
        string operation, string sql, string flagKey, int limit, Func<DbDataReader, SqlDialect, T> read, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return RunAsync(operation, () => QueryAsync(sql, command =>
        {
            dialect.AddParameter(command, "flag_key", flagKey);
            dialect.AddParameter(command, "limit", limit);
        }, read, cancellationToken));
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(
        string sql, Action<DbCommand> bind, Func<DbDataReader, SqlDialect, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(read(reader, dialect));
        return rows;
    }

    /// <summary>Runs <paramref name="work"/>, turning driver and decoding errors into <see cref="StoreException"/>.</summary>
    private async Task<T> RunAsync<T>(string operation, Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (DbException ex)
        {
            throw new StoreException($"{dialect.Name} store: {operation} failed: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidCastException or (ArgumentException and not ArgumentNullException))
        {
            // A row this build cannot decode (hand-edited, or written by a newer build).
            throw new StoreException($"{dialect.Name} store: {operation} failed: unreadable data: {ex.Message}", ex);
        }
    }
}
