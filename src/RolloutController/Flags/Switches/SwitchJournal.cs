using System.Text;
using System.Text.Json;
using RolloutController.Rollouts;
using RolloutController.Store;

namespace RolloutController.Flags.Switches;

/// <summary>
/// The switch-offs served but not stored yet, in memory and in a local file beside the safety journal
/// (<see cref="StoreOptions.EffectiveJournalPath"/> + <c>.switches</c>), so a restart before the store takes them serves
/// them again. The file is rewritten whole (a temporary file renamed over it, flushed) on every change: it holds at most
/// one entry per flag. Their notices were sent from memory when they were served; the file does not keep them.
/// </summary>
internal sealed class SwitchJournal(string path)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FlagSwitchWrite> _writes = new(StringComparer.Ordinal);

    public string FilePath { get; } = Path.GetFullPath(path);

    public int Count
    {
        get { lock (_gate) return _writes.Count; }
    }

    public IReadOnlyList<FlagSwitchWrite> All
    {
        get { lock (_gate) return [.. _writes.Values]; }
    }

    public FlagSwitchWrite? Find(string flagKey)
    {
        lock (_gate) return _writes.GetValueOrDefault(flagKey);
    }

    /// <summary>Keeps <paramref name="write"/> (replacing the flag's earlier one) and writes the file.</summary>
    /// <exception cref="IOException">The file could not be written; the write is kept in memory all the same.</exception>
    public void Pending(FlagSwitchWrite write)
    {
        lock (_gate)
        {
            _writes[write.Switch.FlagKey] = write;
            Save();
        }
    }

    /// <summary>The store has <paramref name="write"/>: forgets it, unless a newer write of the flag replaced it.</summary>
    /// <exception cref="IOException">The file could not be written.</exception>
    public void Stored(FlagSwitchWrite write)
    {
        lock (_gate)
        {
            if (!_writes.TryGetValue(write.Switch.FlagKey, out var kept) || kept.Switch.Version != write.Switch.Version) return;
            _writes.Remove(write.Switch.FlagKey);
            Save();
        }
    }

    /// <summary>Reads the file (a missing file holds nothing) into memory and returns what it holds.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public IReadOnlyList<FlagSwitchWrite> Recover()
    {
        lock (_gate)
        {
            if (!File.Exists(FilePath)) return [];
            Entry[] entries;
            try
            {
                entries = JsonSerializer.Deserialize<Entry[]>(File.ReadAllText(FilePath, Encoding.UTF8)) ?? [];
            }
            catch (JsonException e)
            {
                throw new IOException($"kill switch journal {FilePath} is not readable: {e.Message}", e);
            }
            foreach (var e in entries) _writes[e.Switch.FlagKey] = new FlagSwitchWrite(e.Switch, e.Record, []);
            return [.. _writes.Values];
        }
    }

    private void Save()
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            var temporary = FilePath + ".tmp";
            var bytes = JsonSerializer.SerializeToUtf8Bytes(_writes.Values.Select(w => new Entry(w.Switch, w.Record)).ToArray());
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write(bytes);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, FilePath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"kill switch journal {FilePath}: {e.Message}", e);
        }
    }

    private sealed record Entry(FlagSwitch Switch, Transition Record);
}
