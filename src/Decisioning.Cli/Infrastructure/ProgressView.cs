using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Decisioning.Cli.Infrastructure;

/// <summary>One phase of a long command: a count done out of a total (unknown when null).</summary>
internal interface IProgressPhase
{
    /// <summary>Reports progress; cheap enough to call often (it redraws at most a few times a second).</summary>
    void Report(long done, long? total, string detail);

    /// <summary>Shows the phase as finished, with its last detail.</summary>
    void Finish();
}

/// <summary>
/// Progress of a long command on stderr: Spectre.Console bars when stderr is a terminal, plain
/// periodic lines otherwise (logs, CI, tests), so that stdout stays the command's own output.
/// </summary>
internal static class ProgressView
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    public static T Run<T>(CliContext context, Func<Func<string, IProgressPhase>, T> body)
    {
        if (ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            return console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                    new RemainingTimeColumn(), new SpinnerColumn())
                .Start(ctx => Finishing(body, name => new SpectrePhase(ctx, name)));
        }

        return Finishing(body, name => new PlainPhase(context.Error, name));
    }

    private static T Finishing<T>(Func<Func<string, IProgressPhase>, T> body, Func<string, IProgressPhase> create)
    {
        var phases = new List<IProgressPhase>();
        var result = body(name =>
        {
            var phase = create(name);
            phases.Add(phase);
            return phase;
        });
        foreach (var phase in phases)
        {
            phase.Finish();
        }

        return result;
    }

    /// <summary>"12,345 customers, 23,456/s" for the items done since <paramref name="clock"/> started.</summary>
    public static string Rate(long done, string unit, Stopwatch clock)
    {
        // Under half a second the rate means nothing yet.
        var seconds = clock.Elapsed.TotalSeconds;
        return seconds < 0.5
            ? string.Create(CultureInfo.InvariantCulture, $"{done:N0} {unit}")
            : string.Create(CultureInfo.InvariantCulture, $"{done:N0} {unit}, {done / seconds:N0}/s");
    }

    private sealed class SpectrePhase(ProgressContext context, string name) : IProgressPhase
    {
        private ProgressTask? _task;

        public void Report(long done, long? total, string detail)
        {
            // Added on first report, so a phase appears when it starts.
            var task = _task ??= context.AddTask(Markup.Escape(name));
            task.IsIndeterminate = total is null;
            task.MaxValue = Math.Max(1, total ?? done);
            task.Value = Math.Min(done, (long)task.MaxValue);
            task.Description = Markup.Escape($"{name}: {detail}");
            if (total is { } t && done >= t)
            {
                task.StopTask();
            }
        }

        public void Finish()
        {
            if (_task is { } task)
            {
                task.IsIndeterminate = false;
                task.Value = task.MaxValue;
                task.StopTask();
            }
        }
    }

    private sealed class PlainPhase(TextWriter error, string name) : IProgressPhase
    {
        // Started by the first report, so that the rate and ETA count from when the phase began.
        private readonly Stopwatch _clock = new();
        private TimeSpan _last = TimeSpan.Zero;
        private string? _detail;
        private bool _finished;

        public void Report(long done, long? total, string detail)
        {
            _detail = detail;
            _clock.Start();
            var finished = total is { } t && done >= t;
            var now = _clock.Elapsed;
            if (_finished || (!finished && now - _last < PlainInterval))
            {
                return;
            }

            _last = now;
            _finished = finished;
            var line = $"{name}: {detail}";
            if (total is { } all && all > 0)
            {
                var fraction = Math.Min(1.0, (double)done / all);
                line += string.Create(CultureInfo.InvariantCulture, $", {fraction:P0}");
                if (!finished && fraction > 0)
                {
                    var left = TimeSpan.FromSeconds(Math.Round(now.TotalSeconds * (1 - fraction) / fraction));
                    line += string.Create(CultureInfo.InvariantCulture, $", ETA {left:c}");
                }
            }

            Write(line);
        }

        public void Finish()
        {
            if (!_finished && _detail is not null)
            {
                _finished = true;
                Write($"{name}: {_detail}, done");
            }
        }

        private void Write(string line)
        {
            lock (error)
            {
                error.WriteLine(line);
            }
        }
    }
}
