using Decisioning.Files;
using Decisioning.Reporting.Collection;
using Decisioning.Reporting.Input;
using Decisioning.Reporting.Maturity;

namespace Decisioning.Reporting.Board;

/// <summary>
/// The board's pass over the decision log: each line is parsed once and goes to the report's own
/// <see cref="DecisionPass"/> (so the comparisons are post-evaluation's, not a copy), to the funnel,
/// the no-action and shadow counts, and to the <see cref="ActionLog"/> that periods are cut from.
/// </summary>
internal sealed class DecisionCollector(AttributionWindow window)
{
    private readonly DecisionDetails details = new();
    private readonly Dictionary<(string? Map, string? Version, string? MapHash), long> maps = [];

    public DecisionPass Report { get; } = new(new CustomerTable());

    public ActionLog Log { get; } = new();

    public IdCatalog Strategies { get; } = new();

    public IdCatalog Products { get; } = new();

    public IdCatalog Channels { get; } = new();

    public FunnelCounter Funnel { get; } = new();

    public Dictionary<string, long> NoAction { get; } = new(StringComparer.Ordinal);

    public ShadowCounter Shadow { get; } = new();

    /// <summary>Adaptive models' trace lines and contacts, for the maturity view.</summary>
    public MaturityCollector Maturity { get; } = new(window);

    public IReadOnlyDictionary<(string? Map, string? Version, string? MapHash), long> Maps => maps;

    /// <summary>UTC ticks of the earliest and latest decision, or null before the first.</summary>
    public (long First, long Last)? Span { get; private set; }

    public void Read(Stream decisions)
    {
        // Cut at 16 MiB and counted bad, as every command reads lines (docs/cli.md): a file without
        // line breaks (/dev/zero) is read in bounded memory instead of growing one buffer past 2 GiB.
        var reader = new Utf8LineReader(decisions, Utf8LineReader.MaxRecordLength);
        while (reader.TryReadLine(out var line))
        {
            Add(line);
        }
    }

    /// <summary>Adds one line; a blank line is skipped, a bad one counted.</summary>
    public void Add(ReadOnlySpan<byte> line)
    {
        if (Utf8LineReader.IsBlank(line))
        {
            return;
        }

        var decision = DecisionLineParser.Parse(line, details);
        Report.Add(decision);
        if (decision.Kind != DecisionLineKind.Decision)
        {
            return;
        }

        var ticks = decision.At.UtcTicks;
        Span = Span is { } s ? (Math.Min(s.First, ticks), Math.Max(s.Last, ticks)) : (ticks, ticks);
        var customer = Log.AddDecision(decision.CustomerId!, ticks);
        foreach (var action in details.Actions)
        {
            Log.AddAction(customer, new LoggedAction
            {
                Ticks = ticks,
                Strategy = Strategies.Intern(action.Strategy),
                Product = Products.Intern(action.Product),
                Channel = (short)Channels.Intern(action.Channel ?? "(none)"),
                Wave = (byte)Math.Min(action.Wave, byte.MaxValue),
                Fallback = action.Fallback,
            });
        }

        Funnel.Add(details.Trace);
        if (details.Actions.Count == 0)
        {
            var reason = NoActionReason.Of(decision, details);
            NoAction[reason] = NoAction.GetValueOrDefault(reason) + 1;
        }

        Shadow.Add(details);
        Maturity.AddDecision(decision, details);
        var map = (details.Map, details.Version, details.MapHash);
        maps[map] = maps.GetValueOrDefault(map) + 1;
    }
}
