using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Decisioning.Reporting.Model;

namespace Decisioning.Reporting.Collection;

/// <summary>Customer id to <see cref="CustomerRecord"/>: the only per-customer state of a report.</summary>
internal sealed class CustomerTable
{
    private readonly Dictionary<string, CustomerRecord> customers = new(StringComparer.Ordinal);

    public ArmCatalog Arms { get; } = new();

    public int Count => customers.Count;

    public IEnumerable<CustomerRecord> Records => customers.Values;

    /// <summary>
    /// Places the customer by this decision unless an earlier one already placed them; on equal
    /// times the first placed (earlier in the file) stays.
    /// </summary>
    public void Place(string customerId, long decisionTicks, Group group, int arm)
    {
        ref var record = ref CollectionsMarshal.GetValueRefOrAddDefault(customers, customerId, out var exists);
        if (!exists || decisionTicks < record.DecisionTicks)
        {
            record = CustomerRecord.Placed(decisionTicks, group, arm);
        }
    }

    /// <summary>A reference to the customer's record, or a null reference when unknown.</summary>
    public ref CustomerRecord Find(string customerId) =>
        ref CollectionsMarshal.GetValueRefOrNullRef(customers, customerId);

    public static bool IsMissing(ref CustomerRecord record) => Unsafe.IsNullRef(ref record);
}
