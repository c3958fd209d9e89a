using Decisioning.Files;
using Decisioning.Reporting.Input;
using Decisioning.Reporting.Maturity;

namespace Decisioning.Reporting.Collection;

/// <summary>
/// Pass 2: streams the outcomes and adds each one that counts to its customer's record. An
/// outcome counts when it falls in [decision.at, decision.at + window] of the placing decision.
/// </summary>
internal sealed class OutcomePass
{
    private readonly CustomerTable table;
    private readonly long windowTicks;

    public OutcomePass(CustomerTable table, AttributionWindow window)
    {
        this.table = table;
        windowTicks = window.Length.Ticks;
    }

    /// <summary>Valid outcome lines, counting or not.</summary>
    public long Outcomes { get; private set; }

    public long UnknownCustomers { get; private set; }

    public long BeforeDecision { get; private set; }

    public long AfterWindow { get; private set; }

    public long BadLines { get; private set; }

    public long Ignored => UnknownCustomers + BeforeDecision + AfterWindow;

    /// <summary>Reads every line; with <paramref name="maturity"/>, each outcome also marks the adaptive contacts it answers.</summary>
    public void Read(Stream outcomes, MaturityCollector? maturity = null)
    {
        // Cut at 16 MiB and counted bad, as every command reads lines (docs/cli.md): a file without
        // line breaks (/dev/zero) is read in bounded memory instead of growing one buffer past 2 GiB.
        var reader = new Utf8LineReader(outcomes, Utf8LineReader.MaxRecordLength);
        while (reader.TryReadLine(out var line))
        {
            if (Utf8LineReader.IsBlank(line))
            {
                continue;
            }

            // Section 6 knows two kinds: a declined response is no outcome of the report's.
            if (OutcomeLineParser.Parse(line) is { Kind: not OutcomeKind.Declined } outcome)
            {
                Add(outcome);
                maturity?.AddOutcome(outcome);
            }
            else
            {
                BadLines++;
            }
        }
    }

    public void Add(OutcomeLine outcome)
    {
        Outcomes++;
        ref var record = ref table.Find(outcome.CustomerId);
        if (CustomerTable.IsMissing(ref record))
        {
            UnknownCustomers++;
            return;
        }

        var offset = outcome.At.UtcTicks - record.DecisionTicks;
        if (offset < 0)
        {
            BeforeDecision++;
            return;
        }

        if (offset > windowTicks)
        {
            AfterWindow++;
            return;
        }

        var forArm = record.Arm >= 0
            && table.Arms.Arms[record.Arm].Product is { } product
            && string.Equals(product, outcome.Product, StringComparison.Ordinal);
        if (outcome.Kind == OutcomeKind.Responded)
        {
            record.Flags |= OutcomeFlags.Responded | (forArm ? OutcomeFlags.ArmResponded : OutcomeFlags.None);
            return;
        }

        record.Flags |= OutcomeFlags.Converted | (forArm ? OutcomeFlags.ArmConverted : OutcomeFlags.None);
        record.Value += outcome.Value;
        record.FirstConversionOffset = Math.Min(record.FirstConversionOffset, offset);
        if (forArm)
        {
            record.ArmValue += outcome.Value;
        }
    }
}

