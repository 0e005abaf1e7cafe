using RolloutController.Policies;
namespace RolloutController.PolicyFiles;

/// <summary>Reads one policy file's bytes, never more than <see cref="PolicyLimits.MaxFileBytes"/> (plus one).</summary>
internal static class PolicyFileBytes
{
    /// <summary>The file's bytes, or null when it has more than the limit; <paramref name="length"/> is its length.</summary>
    /// <exception cref="FileNotFoundException">The file, or a symlink's target, does not exist.</exception>
    public static byte[]? Read(string path, out long length)
    {
        var info = new FileInfo(path);
        // A symlink's own length is that of its target's name: follow it (a ConfigMap's files are symlinks).
        if (info.LinkTarget is not null)
            info = info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? throw new FileNotFoundException("the symlink's target does not exist", path);
        if (!info.Exists) throw new FileNotFoundException("the file does not exist", path);

        // FIFOs, sockets and devices have no length, and opening or reading one can block or never end; an empty
        // regular file reads as nothing either way.
        length = info.Length;
        if (length == 0) return [];
        if (length > PolicyLimits.MaxFileBytes) return null;

        using var stream = new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        // Room for one byte more than expected, to notice a file that grew since its length was read.
        var buffer = new byte[length + 1];
        var read = 0;
        while (stream.Read(buffer, read, buffer.Length - read) is var n and > 0)
        {
            read += n;
            if (read > PolicyLimits.MaxFileBytes)
            {
                length = read;
                return null;
            }
            if (read == buffer.Length) Array.Resize(ref buffer, Math.Min(buffer.Length * 2, PolicyLimits.MaxFileBytes + 1));
        }
        length = read;
        return buffer[..read];
    }
}
