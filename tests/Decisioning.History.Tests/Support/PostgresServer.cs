using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Decisioning.History.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster for this test run: initdb into a temporary folder, pg_ctl on a
/// free loopback port, removed when the process exits. Started once, on first use. As root (CI),
/// the server runs as the <c>postgres</c> user, since initdb refuses root. When no server can
/// start, <see cref="Unavailable"/> says why, and the tests that need it are skipped with that reason.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<(string? ConnectionString, string? Why)> Cluster = new(Start);
    private static int s_databases;

    /// <summary>Why no server could start, or null when one runs.</summary>
    public static string? Unavailable => Cluster.Value.Why;

    /// <summary>A new empty database on the cluster, for one test.</summary>
    public static string NewDatabase()
    {
        var admin = Cluster.Value.ConnectionString ?? throw new InvalidOperationException(Unavailable);
        var name = $"t{Environment.ProcessId}_{Interlocked.Increment(ref s_databases)}";
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
    }

    private static (string?, string?) Start()
    {
        var (cluster, why) = PostgresCluster.Create();
        if (cluster is null)
        {
            return (null, why);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Dispose();
        return (cluster.ConnectionString, null);
    }
}

/// <summary>
/// One throwaway PostgreSQL cluster: initdb into a temporary folder, pg_ctl on a free loopback
/// port; <see cref="Stop"/> and <see cref="Start"/> take it down and up again on the same port (a
/// restart, as a fleet's database goes through one), <see cref="Dispose"/> removes it.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private readonly string _bin;
    private readonly string _folder;
    private readonly string _options;
    private readonly string? _asUser;

    private PostgresCluster(string bin, string folder, int port, string? asUser, bool durable)
    {
        _bin = bin;
        _folder = folder;
        _asUser = asUser;
        // Fast by default: nothing here outlives the run. A durable cluster keeps every commit it
        // acknowledged through a crash (synchronous_commit), as a production server does.
        _options = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit={(durable ? "on" : "off")} -c max_connections=200";
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=30;Command Timeout=120";
    }

    /// <summary>The cluster's <c>postgres</c> database, as its superuser.</summary>
    public string ConnectionString { get; }

    private string Data => Path.Combine(_folder, "data");

    /// <summary>A new cluster, started; or null and why none could be.</summary>
    /// <param name="durable">Whether a commit acknowledged survives <see cref="Stop"/> (a crash); off, the last few may not.</param>
    public static (PostgresCluster? Cluster, string? Why) Create(bool durable = false)
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl"))).Order().LastOrDefault()
            : null;
        if (bin is null)
        {
            return (null, "PostgreSQL server binaries not found under /usr/lib/postgresql (run tests/Decisioning.History.Tests/install-postgresql.sh)");
        }

        var folder = Path.Combine(Path.GetTempPath(), $"decisioning-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        // As root (CI), the server runs as the postgres user, since initdb refuses root.
        var asRoot = Environment.UserName == "root";
        try
        {
            if (asRoot)
            {
                Run("chown", $"-R postgres {folder}", asUser: null);
            }

            var cluster = new PostgresCluster(bin, folder, FreePort(), asRoot ? "postgres" : null, durable);
            Run(Path.Combine(bin, "initdb"), $"-D {cluster.Data} -U postgres -A trust -E UTF8 --no-sync", cluster._asUser);
            cluster.Start();
            return (cluster, null);
        }
        catch (Exception e)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }

            return (null, $"a throwaway PostgreSQL cluster could not be started: {e.Message}");
        }
    }

    /// <summary>Starts the server and waits until it takes connections.</summary>
    public void Start() =>
        Run(Path.Combine(_bin, "pg_ctl"), $"-D {Data} -l {_folder}/log -w -t 60 -o \"{_options}\" start", _asUser);

    /// <summary>Stops the server at once: every connection is cut, as in a crash.</summary>
    public void Stop() => Run(Path.Combine(_bin, "pg_ctl"), $"-D {Data} -m immediate -w stop", _asUser);

    /// <summary>Stops the server and removes its folder.</summary>
    public void Dispose()
    {
        try
        {
            Stop();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, string arguments, string? asUser)
    {
        var start = asUser is null
            ? new ProcessStartInfo(program, arguments)
            : new ProcessStartInfo("runuser", $"-u {asUser} -- {program} {arguments}");
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited {process.ExitCode}: {error}{output.Result}".Trim());
        }
    }
}
