using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RolloutController.Flags.Platforms;

namespace RolloutController.Flags.Flagd;

/// <summary>
/// Drives flagd through the flag-definition file it watches (<see cref="FlagPlatformConnection.Path"/>): each rollout's
/// flag is one entry (<see cref="FlagdRolloutFlag"/>), written by replacing the whole file — the new text goes to a
/// temporary file in the same directory, which is then renamed over it, so flagd never reads half a file — and every other
/// entry of the file is kept as it was. Reads parse the file again, so what is confirmed is what flagd would load.
/// </summary>
internal sealed class FlagdPlatform(string name, FlagPlatformConnection connection, TimeProvider time) : IFlagPlatform
{
    public const string PlatformType = "flagd";

    // One read-modify-write of the file at a time: two flags written at once must not drop each other's entry.
    private readonly SemaphoreSlim _writing = new(1, 1);

    public string Name => name;

    private string FilePath => connection.Path!;

    public async Task<PlatformCall<PlatformFlagState>> ReadAsync(string flagKey, CancellationToken cancellationToken)
    {
        var (document, failure) = await LoadAsync(cancellationToken);
        return failure is not null
            ? PlatformCall<PlatformFlagState>.Failed(failure)
            : PlatformCall<PlatformFlagState>.Ok(FlagdRolloutFlag.Read(flagKey, document?["flags"]?[flagKey]));
    }

    /// <summary>The reason is not written: flagd's file keeps flag definitions, not a history of changes.</summary>
    public async Task<PlatformCall<bool>> WriteAsync(string flagKey, PlatformFlagState desired, PlatformFlagState observed, string reason,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connection.Timeout);
        try
        {
            await _writing.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return PlatformCall<bool>.Failed($"another write of {FilePath} did not finish within {connection.Timeout}");
        }
        try
        {
            var (document, failure) = await LoadAsync(timeout.Token);
            if (failure is not null) return PlatformCall<bool>.Failed(failure);
            document ??= new JsonObject { ["$schema"] = FlagdDocument.SchemaUrl, ["flags"] = new JsonObject() };
            if (document["flags"] is not JsonObject flags)
                return PlatformCall<bool>.Failed($"{FilePath} has no 'flags' object; the controller does not rewrite a file it cannot read as flagd's");
            flags[flagKey] = FlagdRolloutFlag.Build(flagKey, desired);
            var temporary = Path.Combine(Path.GetDirectoryName(FilePath)!, $".{Path.GetFileName(FilePath)}.{Guid.NewGuid():N}.tmp");
            try
            {
                await File.WriteAllTextAsync(temporary, FlagdDocument.ToText(document) + "\n", timeout.Token);
                File.Move(temporary, FilePath, overwrite: true);
            }
            finally
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
            return PlatformCall<bool>.Ok(true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return PlatformCall<bool>.Failed($"cannot write {FilePath}: {(e is OperationCanceledException ? $"not done within {connection.Timeout}" : e.Message)}");
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>flagd's file does not say who changed it; it says when.</summary>
    public Task<string?> LastChangeAsync(string flagKey, CancellationToken cancellationToken)
    {
        var written = File.Exists(FilePath) ? new DateTimeOffset(File.GetLastWriteTimeUtc(FilePath), TimeSpan.Zero) : (DateTimeOffset?)null;
        return Task.FromResult(written is { } at
            ? string.Create(CultureInfo.InvariantCulture, $"{FilePath} was last written at {at:u} ({(time.GetUtcNow() - at).TotalSeconds:0}s ago); the file does not record by whom")
            : null);
    }

    // The file as JSON; null (and no failure) when it does not exist yet: every flag then reads as absent.
    private async Task<(JsonObject? Document, string? Failure)> LoadAsync(CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(FilePath, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return (null, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot read {FilePath}: {e.Message}");
        }
        try
        {
            return JsonNode.Parse(text) is JsonObject document ? (document, null) : (null, $"{FilePath} is not a JSON object");
        }
        catch (JsonException e)
        {
            return (null, $"{FilePath} is not valid JSON ({e.Message}); the controller does not overwrite it");
        }
    }
}
