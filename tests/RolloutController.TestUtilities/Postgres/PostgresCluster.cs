using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using RolloutController.TestUtilities.Dependencies;

namespace RolloutController.TestUtilities.Postgres;

/// <summary>
/// A private PostgreSQL cluster in a temporary directory. PostgreSQL refuses to run as root, so when the tests run
/// as root the cluster belongs to, and runs as, the <c>postgres</c> OS user.
/// </summary>
internal sealed class PostgresCluster : IDisposable
{
    private const string OsUser = "postgres";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly string _root;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;
    private int _disposed;

    private PostgresCluster(string root, Process process, ConcurrentQueue<string> output, string connectionString)
    {
        _root = root;
        _process = process;
        _output = output;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    /// <summary>
    /// Freezes every process of the server (SIGSTOP): connections stay open and nothing answers, as with a database host
    /// that hangs or a network that drops packets. <see cref="Resume"/> thaws them.
    /// </summary>
    public void Pause() => Signal("STOP");

    public void Resume() => Signal("CONT");

    private void Signal(string signal)
    {
        // Every process under the one started here: the server, and its backends (its children).
        var all = new List<int>();
        for (var level = Children(_process.Id); level.Count > 0; level = level.SelectMany(Children).ToList()) all.AddRange(level);
        foreach (var pid in all)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString()]) { UseShellExecute = false })!;
            kill.WaitForExit();
        }
    }

    private static List<int> Children(int parent)
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                // Field 4 of /proc/<pid>/stat is the parent pid (after the parenthesised command name).
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1]) == parent) children.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        }
        return children;
    }

    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = PostgresBinaries.Directory();
        var root = Directory.CreateTempSubdirectory("rollout-pg-").FullName;
        var data = Path.Combine(root, "data");
        var sockets = Directory.CreateDirectory(Path.Combine(root, "sockets")).FullName;
        var asRoot = Environment.IsPrivilegedProcess;
        if (asRoot) await RunToEndAsync("chown", ["-R", $"{OsUser}:{OsUser}", root]);

        await RunToEndAsync(Path.Combine(bin, "initdb"),
            ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"], asRoot);

        // The watchdog stops the server when a line or end-of-file arrives on its standard input: Dispose writes one,
        // and the pipe closes when the test process ends, however it ends. It then deletes the cluster directory.
        var port = FreePort();
        const string script =
            """
            "$0" -D "$1" -p "$2" -k "$3" -h 127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 &
            pg=$!
            read -r _
            kill -INT "$pg" 2>/dev/null
            wait "$pg"
            rm -rf "$4"
            """;
        var output = new ConcurrentQueue<string>();
        var process = Start("sh", ["-c", script, Path.Combine(bin, "postgres"), data, port.ToString(), sockets, root], asRoot, output,
            keepInputOpen: true);
        var connectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
        var cluster = new PostgresCluster(root, process, output, connectionString);
        try
        {
            await cluster.WaitUntilReadyAsync();
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        try
        {
            _process.StandardInput.WriteLine("stop");
            _process.StandardInput.Close();
            if (!_process.WaitForExit(StopTimeout)) _process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // Already gone: nothing to stop.
        }

        _process.Dispose();
        try
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A straggling file handle; the directory is in the temp folder and harmless.
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false, Timeout = 2 };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"PostgreSQL exited with code {_process.ExitCode} while starting:\n{Output()}");
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (deadline.Elapsed < StartTimeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
            catch (NpgsqlException ex)
            {
                throw new InvalidOperationException($"PostgreSQL did not accept connections within {StartTimeout}:\n{Output()}", ex);
            }
        }
    }

    private string Output() => string.Join('\n', _output.TakeLast(40));

    private static async Task RunToEndAsync(string program, IReadOnlyList<string> arguments, bool asPostgresUser = false)
    {
        var output = new ConcurrentQueue<string>();
        using var process = Start(program, arguments, asPostgresUser, output);
        using var timeout = new CancellationTokenSource(StartTimeout);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} exited with code {process.ExitCode}:\n{string.Join('\n', output)}");
    }

    private static Process Start(
        string program, IReadOnlyList<string> arguments, bool asPostgresUser, ConcurrentQueue<string> output, bool keepInputOpen = false)
    {
        var info = new ProcessStartInfo
        {
            FileName = asPostgresUser ? RequiredDependency.Executable("runuser", "/usr/sbin/runuser", "/sbin/runuser") : program,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = keepInputOpen,
            UseShellExecute = false,
        };
        if (asPostgresUser)
            foreach (var argument in new[] { "-u", OsUser, "--", program }) info.ArgumentList.Add(argument);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is null) return;
        output.Enqueue(line);
        while (output.Count > 200) output.TryDequeue(out _);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
