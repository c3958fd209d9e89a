using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Decisioning.Benchmarks.Board;

/// <summary>
/// <c>--board [N] [--db]</c>: writes a decision log of N decisions (default 1,000,000) and its responses,
/// then runs <c>decisioning report</c> and <c>decisioning dashboard</c> on the same files, each in
/// its own process, and prints the wall time and the peak resident memory (VmHWM) of each. With
/// <c>--db</c> it also imports the files into a SQLite history once and times <c>dashboard --db</c>. The
/// report is the peer: it reads the same two files with the same reader, keeping one record per
/// customer; the board keeps every decision and action besides.
/// </summary>
internal static class BoardHarness
{
    private static readonly string[] Strategies =
        ["retiree-pension", "card-activation", "wealth-upgrade", "payroll-sms", "fund-dca", "insurance-care", "deposit-renew", "app-onboard"];

    private static readonly string[] Reasons = ["not-targeted", "scenario", "condition", "ineligible", "already-held", "suppressed", "wave-pending", "cooldown", "no-channel", "arbitration"];

    private static readonly string[] Channels = ["rm-call", "app-push", "sms"];

    public static int Run(string[] args, TextWriter output)
    {
        var at = Array.IndexOf(args, "--board");
        var decisions = at + 1 < args.Length && int.TryParse(args[at + 1], out var n) ? n : 1_000_000;
        var folder = Path.Combine(Path.GetTempPath(), $"decisioning-board-{decisions}");
        Directory.CreateDirectory(folder);
        var decisionFile = Path.Combine(folder, "decisions.jsonl");
        var outcomeFile = Path.Combine(folder, "outcomes.jsonl");
        if (!File.Exists(outcomeFile))
        {
            Write(decisionFile, outcomeFile, decisions);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"input: {decisions:N0} decisions ({new FileInfo(decisionFile).Length / 1e6:N0} MB), {File.ReadLines(outcomeFile).Count():N0} outcomes ({new FileInfo(outcomeFile).Length / 1e6:N0} MB)"));
        var cli = Path.Combine(AppContext.BaseDirectory, "Decisioning.Cli.dll");
        var report = Measure(cli, ["report", "--decisions", decisionFile, "--outcomes", outcomeFile, "--out", Path.Combine(folder, "report")]);
        var board = Measure(cli, ["dashboard", "--decisions", decisionFile, "--outcomes", outcomeFile, "--out", Path.Combine(folder, "board")]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"report    (peer): {report.Seconds,6:F1} s, peak {report.PeakMb,5:N0} MB, exit {report.Exit}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dashboard:        {board.Seconds,6:F1} s, peak {board.PeakMb,5:N0} MB, exit {board.Exit}"));
        var ok = Within(board);
        if (args.Contains("--db"))
        {
            ok &= FromHistory(cli, folder, decisionFile, outcomeFile, output);
        }

        output.WriteLine(ok ? "dashboard within 60 s and 500 MB" : "dashboard NOT within 60 s and 500 MB");
        return ok ? 0 : 1;
    }

    private static bool Within((double Seconds, double PeakMb, int Exit) run) => run.Exit == 0 && run.Seconds < 60 && run.PeakMb < 500;

    // --db: the same files imported once into a SQLite history (timed, not judged), then the board
    // read from it, judged by the same limits and compared with the board over the files.
    private static bool FromHistory(string cli, string folder, string decisionFile, string outcomeFile, TextWriter output)
    {
        var db = Path.Combine(folder, "history.db");
        if (!File.Exists(db))
        {
            var imported = Measure(cli, ["history", "import", "--decisions", decisionFile, "--db", db]);
            var responses = Measure(cli, ["history", "import", "--outcomes", outcomeFile, "--db", db]);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"history import (once): {imported.Seconds + responses.Seconds,6:F1} s, peak {Math.Max(imported.PeakMb, responses.PeakMb),5:N0} MB, exit {Math.Max(imported.Exit, responses.Exit)}; {new FileInfo(db).Length / 1e6:N0} MB"));
        }

        var board = Measure(cli, ["dashboard", "--db", db, "--out", Path.Combine(folder, "board-db")]);
        var same = File.ReadAllBytes(Path.Combine(folder, "board", "dashboard.json")).AsSpan()
            .SequenceEqual(File.ReadAllBytes(Path.Combine(folder, "board-db", "dashboard.json")));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dashboard --db:   {board.Seconds,6:F1} s, peak {board.PeakMb,5:N0} MB, exit {board.Exit}; dashboard.json {(same ? "equals" : "DIFFERS FROM")} the board over the files"));
        return Within(board) && same;
    }

    /// <summary>Runs the command line once; the peak is VmHWM of /proc, read every 50 ms until it exits.</summary>
    private static (double Seconds, double PeakMb, int Exit) Measure(string cli, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(cli);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peakKb = 0;
        var status = $"/proc/{process.Id}/status";
        while (!process.WaitForExit(50))
        {
            peakKb = Math.Max(peakKb, HighWaterMark(status));
        }

        clock.Stop();
        _ = stdout.Result + stderr.Result;
        return (clock.Elapsed.TotalSeconds, peakKb / 1024.0, process.ExitCode);
    }

    private static long HighWaterMark(string status)
    {
        try
        {
            foreach (var line in File.ReadLines(status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process ended between the check and the read.
        }

        return 0;
    }

    /// <summary>
    /// 250,000 customers decided four times a week apart; each decision traces eight strategies,
    /// returns one or two actions (waves 1-3 on three channels) or none with its reason, a fifth of
    /// customers are in the control group, a tenth of decisions carry a shadow; about 0.3
    /// responses per action.
    /// </summary>
    private static void Write(string decisionFile, string outcomeFile, int count)
    {
        var random = new Random(20261123);
        var day0 = new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc);
        using var decisions = new StreamWriter(decisionFile, false, new UTF8Encoding(false), 1 << 20);
        using var outcomes = new StreamWriter(outcomeFile, false, new UTF8Encoding(false), 1 << 20);
        var customers = Math.Max(1, count / 4);
        var line = new StringBuilder(2048);
        for (var i = 0; i < count; i++)
        {
            var customer = i % customers;
            var round = i / customers;
            var id = "C" + customer.ToString("D7", CultureInfo.InvariantCulture);
            var at = day0.AddDays(round * 7).AddMinutes(customer % 1440);
            var control = (customer * 2654435761u % 100) < 20;
            var selected = Strategies.Where(_ => random.NextDouble() < 0.15).Take(2).ToList();
            line.Clear().Append("{\"customerId\":\"").Append(id).Append("\",\"map\":\"retail-wealth\",\"version\":\"2026.11.1\",\"mapHash\":\"sha256:9f2c\",\"at\":\"")
                .Append(at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
                .Append("\",\"tier\":\"wealth\",\"stage\":\"active\",\"segments\":[\"retirees\"],\"experiment\":{\"id\":\"nba-2026q4\",\"group\":\"")
                .Append(control ? "control" : "model").Append("\",\"bucket\":0.5,\"control\":0.2},\"actions\":[");
            var actions = control ? [] : selected;
            AppendActions(line, actions, random);
            line.Append(']');
            if (control)
            {
                line.Append(",\"counterfactual\":[");
                AppendActions(line, selected, random);
                line.Append(']');
            }

            if (actions.Count == 0)
            {
                line.Append(",\"noAction\":\"").Append(control && selected.Count > 0 ? "control" : Reasons[random.Next(Reasons.Length)]).Append('"');
            }

            line.Append(",\"trace\":[");
            for (var s = 0; s < Strategies.Length; s++)
            {
                line.Append(s == 0 ? string.Empty : ",").Append("{\"strategy\":\"").Append(Strategies[s]).Append('"');
                line.Append(selected.Contains(Strategies[s]) ? ",\"outcome\":\"selected\"}" : ",\"outcome\":\"rejected\",\"reason\":\"" + Reasons[random.Next(Reasons.Length)] + "\"}");
            }

            line.Append(']');
            if (random.NextDouble() < 0.1)
            {
                line.Append(",\"shadow\":{\"map\":\"retail-wealth\",\"version\":\"2026.12.1\",\"mapHash\":\"sha256:77aa\",\"actions\":[");
                AppendActions(line, random.NextDouble() < 0.7 ? actions : selected.Take(1).ToList(), random);
                line.Append("]}");
            }

            decisions.Write(line.Append("}\n"));
            foreach (var strategy in actions)
            {
                if (random.NextDouble() < 0.3)
                {
                    var kind = random.NextDouble() switch { < 0.5 => "responded", < 0.7 => "declined", _ => "converted" };
                    outcomes.Write(string.Create(CultureInfo.InvariantCulture,
                        $"{{\"customerId\":\"{id}\",\"at\":\"{at.AddHours(random.Next(1, 200)):yyyy-MM-dd'T'HH:mm:ss'Z'}\",\"strategy\":\"{strategy}\",\"product\":\"{strategy}-product\",\"kind\":\"{kind}\",\"value\":{random.Next(0, 500)}}}\n"));
                }
            }
        }
    }

    private static void AppendActions(StringBuilder line, List<string> strategies, Random random)
    {
        for (var k = 0; k < strategies.Count; k++)
        {
            line.Append(k == 0 ? string.Empty : ",").Append("{\"rank\":").Append(k + 1).Append(",\"strategy\":\"").Append(strategies[k])
                .Append("\",\"objective\":\"aum-growth\",\"scenario\":\"any-time\",\"product\":\"").Append(strategies[k])
                .Append("-product\",\"channel\":\"").Append(Channels[random.Next(Channels.Length)])
                .Append("\",\"script\":\"王女士您好，这款产品适合您现在的规划。\",\"score\":12.5,\"propensity\":0.12,\"wave\":")
                .Append(random.Next(1, 4)).Append('}');
        }
    }
}
