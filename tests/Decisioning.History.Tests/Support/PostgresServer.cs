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
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl"))).Order().LastOrDefault()
            : null;
        if (bin is null)
        {
            return (null, "PostgreSQL server binaries not found under /usr/lib/postgresql (run tests/Decisioning.History.Tests/install-postgresql.sh)");
        }

        var folder = Path.Combine(Path.GetTempPath(), $"decisioning-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var data = Path.Combine(folder, "data");
        var asRoot = Environment.UserName == "root";
        try
        {
            if (asRoot)
            {
                Run("chown", $"-R postgres {folder}", asUser: null);
            }

            var port = FreePort();
            Run(Path.Combine(bin, "initdb"), $"-D {data} -U postgres -A trust -E UTF8 --no-sync", asRoot ? "postgres" : null);
            var options = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200";
            Run(Path.Combine(bin, "pg_ctl"), $"-D {data} -l {folder}/log -w -t 60 -o \"{options}\" start", asRoot ? "postgres" : null);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    Run(Path.Combine(bin, "pg_ctl"), $"-D {data} -m immediate -w stop", asRoot ? "postgres" : null);
                }
                finally
                {
                    Directory.Delete(folder, recursive: true);
                }
            };
            return ($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=30;Command Timeout=120", null);
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
