using System.Text;

namespace RolloutController.Store.Journal;

/// <summary>
/// A local, append-only file of safety moves applied to what is served but not yet stored (<see cref="JournalEntry"/>).
/// Each record is written and flushed to disk before the move is reported done; at start-up the entries never marked
/// stored are served again and stored. Lives on local disk (<see cref="StoreOptions.JournalPath"/>), so it works when
/// the database does not. A record that cannot be written is logged and counted, and the move is still served and
/// retried for as long as the process runs.
/// </summary>
internal sealed class SafetyJournal : IDisposable
{
    private readonly Lock _gate = new();
    private readonly string _path;
    private FileStream? _file;

    public SafetyJournal(string path)
    {
        _path = Path.GetFullPath(path);
    }

    public string FilePath => _path;

    /// <summary>
    /// Reads the entries not yet stored, and rewrites the file with only those (so it does not grow without end).
    /// A line that is not a journal record (the torn last write of a crash) is skipped and counted in <paramref name="skipped"/>.
    /// </summary>
    /// <exception cref="IOException">The file cannot be read or rewritten.</exception>
    public IReadOnlyList<JournalEntry> Recover(out int skipped)
    {
        skipped = 0;
        var pending = new Dictionary<string, JournalEntry>(StringComparer.Ordinal);
        lock (_gate)
        {
            if (File.Exists(_path))
            {
                foreach (var line in File.ReadLines(_path, Encoding.UTF8))
                {
                    if (line.Length == 0) continue;
                    if (JournalJson.Read(line) is not { } record) { skipped++; continue; }
                    if (record.Op == "stored") pending.Remove(record.Id);
                    else if (record.Entry is { } entry) pending[record.Id] = entry;
                }
            }
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            var compacted = _path + ".tmp";
            File.WriteAllLines(compacted, pending.Values.Select(JournalJson.Pending), new UTF8Encoding(false));
            File.Move(compacted, _path, overwrite: true);
        }
        return pending.Values.ToList();
    }

    /// <summary>Records an applied safety move, flushed to disk.</summary>
    /// <exception cref="IOException">The record could not be written (disk full, read-only, gone).</exception>
    public void Pending(JournalEntry entry) => Append(JournalJson.Pending(entry));

    /// <summary>Records that the store has the entry.</summary>
    /// <exception cref="IOException">The record could not be written.</exception>
    public void Stored(string id) => Append(JournalJson.Stored(id));

    private void Append(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        lock (_gate)
        {
            try
            {
                _file ??= new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.None);
                _file.Write(bytes);
                _file.Flush(flushToDisk: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Reopen next time: the file may have been replaced, or the disk may come back.
                _file?.Dispose();
                _file = null;
                throw new IOException($"safety journal {_path}: {e.Message}", e);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate) _file?.Dispose();
    }
}
