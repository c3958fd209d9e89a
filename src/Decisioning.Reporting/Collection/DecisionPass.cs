using Decisioning.Files;
using Decisioning.Reporting.Input;
using Decisioning.Reporting.Maturity;

namespace Decisioning.Reporting.Collection;

/// <summary>
/// Pass 1: streams the decision log into a <see cref="CustomerTable"/>. The experiment reported
/// on is the one of the first decision line that carries one; lines of other experiments are
/// counted and left out.
/// </summary>
internal sealed class DecisionPass
{
    public DecisionPass(CustomerTable table) => Table = table;

    public CustomerTable Table { get; }

    public string? ExperimentId { get; private set; }

    /// <summary>The <c>experiment.control</c> of the first line of the experiment that has one.</summary>
    public double? ControlShare { get; private set; }

    public DateTimeOffset? FirstDecisionAt { get; private set; }

    public DateTimeOffset? LastDecisionAt { get; private set; }

    public long Decisions { get; private set; }

    public long ErrorRecords { get; private set; }

    public long WithoutExperiment { get; private set; }

    public long OtherExperiments { get; private set; }

    public long BadLines { get; private set; }

    /// <summary>Reads every line; with <paramref name="maturity"/>, also the traces and actions that adaptive models decided.</summary>
    public void Read(Stream decisions, MaturityCollector? maturity = null)
    {
        var details = maturity is null ? null : new DecisionDetails();
        // Cut at 16 MiB and counted bad, as every command reads lines (docs/cli.md): a file without
        // line breaks (/dev/zero) is read in bounded memory instead of growing one buffer past 2 GiB.
        var reader = new Utf8LineReader(decisions, Utf8LineReader.MaxRecordLength);
        while (reader.TryReadLine(out var line))
        {
            if (Utf8LineReader.IsBlank(line))
            {
                continue;
            }

            // Only a line that names a model is read whole (trace and every action): a log without
            // adaptive models costs the report one byte search a line and is read as before.
            var adaptive = maturity is not null && line.IndexOf("\"model\""u8) >= 0;
            var decision = DecisionLineParser.Parse(line, adaptive ? details : null);
            Add(decision);
            if (adaptive)
            {
                maturity!.AddDecision(decision, details!);
            }
            else
            {
                maturity?.AddTime(decision);
            }
        }
    }

    public void Add(DecisionLine line)
    {
        switch (line.Kind)
        {
            case DecisionLineKind.Bad:
                BadLines++;
                return;
            case DecisionLineKind.ErrorRecord:
                ErrorRecords++;
                return;
        }

        Decisions++;
        if (line.Experiment is not { } experiment)
        {
            WithoutExperiment++;
            return;
        }

        ExperimentId ??= experiment.Id;
        if (!string.Equals(ExperimentId, experiment.Id, StringComparison.Ordinal))
        {
            OtherExperiments++;
            return;
        }

        ControlShare ??= experiment.Control;
        FirstDecisionAt = FirstDecisionAt is { } first && first <= line.At ? first : line.At;
        LastDecisionAt = LastDecisionAt is { } last && last >= line.At ? last : line.At;
        Table.Place(line.CustomerId!, line.At.UtcTicks, experiment.Group, Table.Arms.Intern(line.Arm));
    }
}
