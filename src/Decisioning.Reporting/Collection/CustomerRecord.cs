using Decisioning.Reporting.Model;

namespace Decisioning.Reporting.Collection;

/// <summary>What the customer's counting outcomes showed, overall and for their strategy's product.</summary>
[Flags]
internal enum OutcomeFlags : byte
{
    None = 0,
    Converted = 1,
    Responded = 2,
    ArmConverted = 4,
    ArmResponded = 8,
}

/// <summary>
/// All that post-evaluation keeps of one customer: the placing decision and the sums of the
/// outcomes that count. A mutable struct on purpose: ten million of them live in one dictionary
/// and are updated in place, and nothing outside <see cref="CustomerTable"/> sees one.
/// </summary>
internal struct CustomerRecord
{
    public const long NoConversion = long.MaxValue;

    /// <summary>UTC ticks of the placing decision's <c>at</c>.</summary>
    public long DecisionTicks;

    /// <summary>Index into <see cref="ArmCatalog"/>, or -1 when the customer has no first action.</summary>
    public int Arm;

    public Group Group;

    public OutcomeFlags Flags;

    /// <summary>Sum of <c>value</c> over counting converted outcomes.</summary>
    public double Value;

    /// <summary>The same sum, over outcomes for the arm's product only.</summary>
    public double ArmValue;

    /// <summary>Ticks from the decision to the first counting conversion, or <see cref="NoConversion"/>.</summary>
    public long FirstConversionOffset;

    public static CustomerRecord Placed(long decisionTicks, Group group, int arm) => new()
    {
        DecisionTicks = decisionTicks,
        Group = group,
        Arm = arm,
        FirstConversionOffset = NoConversion,
    };

    public readonly bool Has(OutcomeFlags flag) => (Flags & flag) == flag;
}
